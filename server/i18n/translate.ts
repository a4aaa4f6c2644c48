import { createTranslator } from "use-intl/core";
import { isolate } from "./bidi";
import { availableLocales, defaultLocale, dir } from "./config";
import { shippedCatalogs } from "./catalogs";
import en from "./messages/en.json";

/**
 * The one server translator: errors, account mails, customer notifications and the texts the desk
 * writes into articles render through it, from the same catalogs the UI uses, in the reader's
 * language. (History labels are rendered by the UI from the same catalog.)
 */
export type Messages = typeof en;
export type TextParams = Record<string, string | number>;
type Catalog = Record<string, unknown>;

/** A server error's message key: tsc refuses one the English catalog does not have. */
export type ErrorKey = `errors.${keyof Messages["errors"] & string}`;

const shipped = new Map<string, Catalog>(Object.entries(shippedCatalogs));
/** Catalogs registered at run time: tests use a stub pseudo-language this way. */
const registered = new Map<string, Catalog>();
const translators = new Map<string, ReturnType<typeof translatorOver>>();

/**
 * `isolate: false` for renderers that lay out each run's direction themselves (PDF): the Unicode
 * isolates that keep parameters in place in mail and on screens have no glyph there.
 */
export function translate(language: string | null | undefined, key: string, raw?: TextParams, options?: { isolate?: boolean }): string {
  const lang = resolveLanguage(language);
  // Names, titles, numbers and addresses inside a right-to-left sentence keep their own direction.
  const params = raw && options?.isolate !== false && dir(lang) === "rtl" ? isolated(raw) : raw;
  const catalog = catalogOf(lang);
  // A key the language's catalog lacks, or a text it cannot format, falls back to English
  // rather than showing the key.
  if (lang !== defaultLocale && has(catalog, key)) {
    const text = compiled(lang)(key, params);
    if (text !== undefined) return text;
  }
  return compiled(defaultLocale)(key, params) ?? key;
}

/** A translator bound to one language (unknown languages get English). */
export function translatorFor(language: string | null | undefined) {
  return (key: string, params?: TextParams) => translate(language, key, params);
}

/** Bound to a namespace: `scoped("pl", "accountMail")("confirm.subject")`. */
export function scoped(language: string | null | undefined, namespace: string) {
  return (key: string, params?: TextParams) => translate(language, `${namespace}.${key}`, params);
}

export function isAvailable(language: string): boolean {
  return registered.has(language) || (availableLocales as readonly string[]).includes(language);
}

/** Test-only: makes `language` a known catalog (e.g. a pseudo-locale) until unregistered. */
export function registerCatalog(language: string, messages: Catalog): void {
  registered.set(language, messages);
  translators.delete(language);
}

export function unregisterCatalog(language: string): void {
  registered.delete(language);
  translators.delete(language);
}

function compiled(lang: string) {
  let t = translators.get(lang);
  if (!t) {
    t = translatorOver(lang, catalogOf(lang));
    translators.set(lang, t);
  }
  return t;
}

function resolveLanguage(language: string | null | undefined): string {
  return language && isAvailable(language) && catalogOf(language) !== undefined ? language : defaultLocale;
}

function catalogOf(language: string): Catalog {
  return registered.get(language) ?? shipped.get(language) ?? en;
}

/** Returns undefined (never the bare key) when the text is missing or malformed. */
function translatorOver(language: string, messages: Catalog) {
  let failed = false;
  const t = createTranslator({
    // Numbers and plurals need a locale Intl knows; a private tag (a test's stub) formats as English.
    locale: (isIntlLocale(language) ? language : defaultLocale) as typeof defaultLocale,
    messages: messages as Messages,
    onError: () => {
      failed = true;
    },
  });
  return (key: string, params?: TextParams): string | undefined => {
    failed = false;
    const text = (t as unknown as (k: string, p?: TextParams) => string)(key, params);
    return failed ? undefined : text;
  };
}

function isIntlLocale(language: string): boolean {
  try {
    return Intl.PluralRules.supportedLocalesOf([language]).length > 0;
  } catch {
    return false;
  }
}

function has(catalog: Catalog, key: string): boolean {
  let node: unknown = catalog;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null || !(part in node)) return false;
    node = (node as Catalog)[part];
  }
  return typeof node === "string";
}

function isolated(params: TextParams): TextParams {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? isolate(v) : v]));
}
