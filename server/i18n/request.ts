import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { cache } from "react";
import { db } from "@/db";
import { requestActor } from "@/server/auth/session";
import { getSetting } from "@/server/services/settings";
import { messagesFor } from "./catalogs";
import { chooseLocale } from "./choose-locale";
import { localeCookie, timeZoneCookie } from "./config";

export { locales, dir } from "./config";

/**
 * The request's language (profile, else the visitor's pick, else Accept-Language, else the desk
 * default) and time zone (profile, else the visitor's cookie, else UTC). The actor is the request's
 * cached one, so this costs no query for a signed-in user.
 */
export const requestLocale = cache(async () => {
  const [{ actor }, store, head] = await Promise.all([requestActor(), cookies(), headers()]);
  const locale = await chooseLocale({
    profile: actor?.language,
    chosen: store.get(localeCookie)?.value,
    acceptLanguage: head.get("accept-language"),
    deskDefault: () => getSetting(db, "system.default_language"),
  });
  const timeZone = validTimeZone(actor?.timeZone) ?? validTimeZone(store.get(timeZoneCookie)?.value) ?? "UTC";
  return { locale, timeZone };
});

export default getRequestConfig(async () => {
  const { locale, timeZone } = await requestLocale();
  return { locale, messages: messagesFor(locale), timeZone };
});

function validTimeZone(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value;
  } catch {
    return undefined;
  }
}
