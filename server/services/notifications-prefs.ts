type Prefs = Record<string, { email?: boolean; app?: boolean }> | null | undefined;
export type Channel = "email" | "app";

/**
 * Whether a user wants `event` on `channel`. Everything is on until the user turns it off, so a
 * new kind of notification reaches people who never opened their profile.
 */
export const wantsNotification = (prefs: Prefs, event: string, channel: Channel): boolean => prefs?.[event]?.[channel] !== false;

/**
 * The text to send from those available per language: the recipient's language, else the
 * desk's default language, else English, else whatever exists.
 */
export function pickLanguage<T extends { language: string }>(texts: T[], userLanguage: string | null | undefined, systemDefault: string): T | undefined {
  for (const language of [userLanguage, systemDefault, "en"]) {
    const found = language ? texts.find((t) => t.language === language) : undefined;
    if (found) return found;
  }
  return texts[0];
}
