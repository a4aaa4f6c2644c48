"use client";

import { useLocale } from "next-intl";
import { isolate } from "@/server/i18n/bidi";
import { dir } from "@/server/i18n/config";

/**
 * Wraps a Latin token (ticket number, e-mail address) put into a sentence in Unicode isolates when
 * the page reads right-to-left, so the sentence's punctuation stays where it belongs; a no-op
 * in left-to-right languages.
 */
export function useIsolate(): (text: string) => string {
  const rtl = dir(useLocale()) === "rtl";
  return rtl ? isolate : (text) => text;
}
