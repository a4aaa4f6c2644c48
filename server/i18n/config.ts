export const locales = ["en", "pl", "de", "fa"] as const;
export type AppLocale = (typeof locales)[number];

/** Locales whose catalog ships: all of them (the catalog test fails on a key missing in any). */
export const availableLocales: readonly AppLocale[] = locales;
export const defaultLocale: AppLocale = "en";
export const localeCookie = "locale";
export const timeZoneCookie = "tz";

/** Each language in its own name: what a reader looks for in a switcher, whatever the page's language. */
export const localeNames: Record<AppLocale, string> = { en: "English", pl: "Polski", de: "Deutsch", fa: "فارسی" };

const rtlLocales: ReadonlySet<AppLocale> = new Set(["fa"]);

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export function dir(locale: string): "ltr" | "rtl" {
  return isLocale(locale) && rtlLocales.has(locale) ? "rtl" : "ltr";
}
