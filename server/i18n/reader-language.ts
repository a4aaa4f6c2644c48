import type { Tx } from "@/db";
import { getSetting } from "@/server/services/settings";
import { defaultLocale } from "./config";
import { isAvailable } from "./translate";

/** The language a text for this reader is written in: theirs when it ships, else the desk's default. */
export async function readerLanguage(db: Tx, language: string | null | undefined): Promise<string> {
  if (language && isAvailable(language)) return language;
  const desk = await getSetting(db, "system.default_language");
  return isAvailable(desk) ? desk : defaultLocale;
}
