import type { AppLocale } from "./config";
import de from "./messages/de.json";
import en from "./messages/en.json";
import fa from "./messages/fa.json";
import pl from "./messages/pl.json";

export type Messages = typeof en;
export type Catalog = Record<string, unknown>;

/** The catalogs as they ship; the catalog test (tests/unit/catalogs.test.ts) keeps them complete. */
export const shippedCatalogs: Record<AppLocale, Catalog> = { en, pl, de, fa };

const merged = new Map<AppLocale, Messages>();

/**
 * A language's messages over the English ones: a key a translation lacks (a branch merged before
 * its translations) shows in English instead of as a bare key.
 */
export function messagesFor(locale: AppLocale): Messages {
  let messages = merged.get(locale);
  if (!messages) {
    messages = (locale === "en" ? en : deepMerge(en, shippedCatalogs[locale])) as Messages;
    merged.set(locale, messages);
  }
  return messages;
}

function deepMerge(base: Catalog, over: Catalog): Catalog {
  const out: Catalog = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const under = base[key];
    out[key] = isObject(under) && isObject(value) ? deepMerge(under, value) : value;
  }
  return out;
}

function isObject(value: unknown): value is Catalog {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
