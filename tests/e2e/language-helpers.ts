import { readFileSync } from "node:fs";
import path from "node:path";
import { withDatabase } from "./journey-helpers";

/** Helpers the language journeys share (not a spec). */

type Catalog = Record<string, unknown>;
const catalogs = new Map<string, Catalog>();

/** A plain message of a shipped catalog, as the page shows it (no ICU arguments). */
export function text(language: string, key: string): string {
  let catalog = catalogs.get(language);
  if (!catalog) {
    catalog = JSON.parse(readFileSync(path.resolve(`server/i18n/messages/${language}.json`), "utf8")) as Catalog;
    catalogs.set(language, catalog);
  }
  const value = key.split(".").reduce<unknown>((node, part) => (node as Catalog | undefined)?.[part], catalog);
  if (typeof value !== "string") throw new Error(`no message ${language}:${key}`);
  // ICU quoting: '<X>' shows as <X>.
  return value.replace(/'([<>{}])/g, "$1").replace(/([<>{}])'/g, "$1");
}

/** Sets demo users' profile language (and calendar choice) directly; returns a function that restores English. */
export async function speak(language: string, ...emails: string[]): Promise<() => Promise<void>> {
  await withDatabase((sql) => sql`update users set language = ${language} where email in ${sql(emails)}`);
  return () => withDatabase(async (sql) => void (await sql`update users set language = 'en', prefer_gregorian = false where email in ${sql(emails)}`));
}

/** This year of the Solar Hijri calendar in Persian digits, as a Persian page writes it (e.g. ۱۴۰۵). */
export const persianYear = (date = new Date()) => new Intl.DateTimeFormat("fa", { year: "numeric", calendar: "persian", timeZone: "UTC" }).format(date).replace(/[^\u06F0-\u06F9]/g, "");

/** The Polish plural form a count takes (one / few / many). */
export const polishForm = (count: number) => new Intl.PluralRules("pl").select(count);
