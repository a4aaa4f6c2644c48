import { createTranslator } from "use-intl/core";
import { availableLocales, defaultLocale } from "./config";
import en from "./messages/en.json";

/**
 * The one server translator: errors, account mails, customer notifications and history labels
 * render through it, from the same catalogs the UI uses, in the reader's language.
 */
export type Messages = typeof en;
export type TextParams = Record<string, string | number>;
type Catalog = Record<string, unknown>;

/** Every key of the English catalog, dotted ("errors.ticketNotFound"). */
type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<Messages>;
/** A server error's message key: tsc refuses one the English catalog does not have. */
export type ErrorKey = `errors.${keyof Messages["errors"] & string}`;

const shipped = new Map<string, Catalog>([[defaultLocale, en]]);
/** Catalogs registered at run time: tests use a stub second language this way; none ships. */
const registered = new Map<string, Catalog>();
const translators = new Map<string, ReturnType<typeof translatorOver>>();

export function translate(language: string | null | undefined, key: string, params?: TextParams): string {
  const lang = resolveLanguage(language);
  const catalog = catalogOf(lang);
  // A key the language's catalog lacks falls back to English rather than showing the key.
  const t = has(catalog, key) ? translatorFor(lang) : translatorFor(defaultLocale);
  return t(key, params);
}

/** A translator bound to one language (unknown languages get English). */
export function translatorFor(language: string | null | undefined) {
  const lang = resolveLanguage(language);
  let t = translators.get(lang);
  if (!t) {
    t = translatorOver(lang, catalogOf(lang));
    translators.set(lang, t);
  }
  return t;
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

function resolveLanguage(language: string | null | undefined): string {
  return language && isAvailable(language) && catalogOf(language) !== undefined ? language : defaultLocale;
}

function catalogOf(language: string): Catalog {
  return registered.get(language) ?? shipped.get(language) ?? en;
}

function translatorOver(locale: string, messages: Catalog) {
  const t = createTranslator({ locale: locale as typeof defaultLocale, messages: messages as Messages });
  return (key: string, params?: TextParams) => (t as unknown as (k: string, p?: TextParams) => string)(key, params);
}

function has(catalog: Catalog, key: string): boolean {
  let node: unknown = catalog;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null || !(part in node)) return false;
    node = (node as Catalog)[part];
  }
  return typeof node === "string";
}
