"use server";

import { cookies } from "next/headers";
import { db } from "@/db";
import { currentActor } from "@/server/auth/session";
import { availableLocales, localeCookie } from "@/server/i18n/config";
import { setLanguage } from "@/server/services/users/profile";

/**
 * The language switcher: a visitor's pick lives in a cookie (it outranks Accept-Language); a
 * signed-in user's goes into the profile, so mails and notifications follow it too.
 */
export async function chooseLanguageAction(language: string): Promise<void> {
  const locale = availableLocales.find((l) => l === language);
  if (!locale) return;
  (await cookies()).set(localeCookie, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax", httpOnly: true });
  const actor = await currentActor();
  if (actor) await setLanguage(db, actor, locale);
}
