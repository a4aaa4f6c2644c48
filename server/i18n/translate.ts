import { createTranslator } from "use-intl/core";
import { defaultLocale, isLocale } from "./config";
import messages from "./messages/en.json";

const english = createTranslator({ locale: defaultLocale, messages });

/**
 * Server text in the reader's language. Only English ships today, so every language falls back
 * to it; the languages issue adds catalogs here.
 */
export function translate(language: string | null | undefined, key: string, params?: Record<string, string | number>): string {
  void (isLocale(language) ? language : defaultLocale);
  return (english as unknown as (key: string, params?: Record<string, string | number>) => string)(key, params);
}
