export const locales = ["en", "pl", "de", "fa"] as const;
export type AppLocale = (typeof locales)[number];

/** Locales whose catalog ships today; the others are planned (see SPEC). */
export const availableLocales: readonly AppLocale[] = ["en"];
export const defaultLocale: AppLocale = "en";
export const localeCookie = "locale";
export const timeZoneCookie = "tz";

const rtlLocales: ReadonlySet<AppLocale> = new Set(["fa"]);

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export function dir(locale: string): "ltr" | "rtl" {
  return isLocale(locale) && rtlLocales.has(locale) ? "rtl" : "ltr";
}
