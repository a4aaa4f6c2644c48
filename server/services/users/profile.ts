import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db";
import { users } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { clearAccount, isBlocked, recordFailure, throttleKeys } from "@/server/auth/throttle";
import { invalidateTokens } from "@/server/auth/tokens";
import { AppError } from "@/server/errors";
import type { AppLocale } from "@/server/i18n/config";
import { changePasswordInput, notificationEventsFor, type NotificationEvent, updateProfileInput, type UpdateProfileInput } from "@/server/schemas/account";
import { wantsNotification } from "@/server/services/notifications-prefs";

type Prefs = (typeof users.$inferSelect)["notificationPrefs"];

/** The signed-in user's own profile: chosen columns only (never the password hash). */
export async function getProfile(db: Tx, actor: Actor) {
  const [row] = await db
    .select({
      name: users.name,
      email: users.email,
      language: users.language,
      timeZone: users.timeZone,
      preferGregorian: users.preferGregorian,
      notificationPrefs: users.notificationPrefs,
      signature: users.signature,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
    })
    .from(users)
    .where(eq(users.id, actor.id));
  if (!row) throw new AppError("NOT_FOUND", "errors.accountGone");
  const { notificationPrefs, signature, ...rest } = row;
  const events = notificationEventsFor(actor.role);
  const choices = (channel: "email" | "app") => Object.fromEntries(events.map((e) => [e, wantsNotification(notificationPrefs, e, channel)])) as Partial<Record<NotificationEvent, boolean>>;
  const emailNotifications = choices("email");
  // Only agents have a reply signature and an in-app channel; customers see neither.
  const agentOnly = actor.role === "customer" ? {} : { signature: signature ?? "", appNotifications: choices("app") };
  return { ...rest, role: actor.role, emailNotifications, ...agentOnly };
}

/**
 * Name, language, time zone and notification choices (e-mail; in-app and signature for agents).
 * Channels and events not sent are kept as stored.
 */
export async function updateProfile(db: Tx, actor: Actor, raw: UpdateProfileInput) {
  const input = updateProfileInput.parse(raw);
  const isCustomer = actor.role === "customer";
  // Refused rather than dropped: a customer would otherwise believe their replies now carry it.
  if (isCustomer && input.signature !== undefined) throw new AppError("BAD_INPUT", "errors.onlyAgentsSignature");
  await db.transaction(async (tx) => {
    const [current] = await tx.select({ prefs: users.notificationPrefs }).from(users).where(eq(users.id, actor.id)).for("update");
    if (!current) throw new AppError("NOT_FOUND", "errors.accountGone");
    const prefs: Prefs = { ...current.prefs };
    for (const event of notificationEventsFor(actor.role)) {
      const email = input.emailNotifications[event];
      if (email !== undefined) prefs[event] = { ...prefs[event], email };
      const app = isCustomer ? undefined : input.appNotifications?.[event];
      if (app !== undefined) prefs[event] = { ...prefs[event], app };
    }
    const gregorian = input.preferGregorian === undefined ? {} : { preferGregorian: input.preferGregorian };
    const signature = input.signature === undefined ? {} : { signature: cleanSignature(input.signature) };
    await tx
      .update(users)
      .set({ name: input.name, language: input.language, timeZone: input.timeZone, ...gregorian, notificationPrefs: prefs, ...signature, changedAt: new Date() })
      .where(eq(users.id, actor.id));
  });
  return getProfile(db, actor);
}

/** The switcher on the portal: the signed-in user's language alone (pages, mails, notifications follow it). */
export async function setLanguage(db: Tx, actor: Actor, language: AppLocale): Promise<void> {
  await db.update(users).set({ language, changedAt: new Date() }).where(eq(users.id, actor.id));
}

/** Trailing blanks dropped (a mail client's "-- " delimiter line keeps its space); blank means none. */
function cleanSignature(value: string): string | null {
  const text = value.replace(/\r\n?/g, "\n").replace(/\s+$/, "");
  return text.trim() ? text : null;
}

export type ChangePasswordResult = { ok: true; email: string } | { ok: false; reason: "wrong_current" | "rate_limited" };

/**
 * Changes the signed-in user's password. The current one is required (when there is one) and
 * wrong guesses count against the sign-in throttle. Bumps the session version, which ends every
 * session, this one included: the caller signs this browser in again with the new password.
 */
export async function changePassword(db: Tx, actor: Actor, raw: z.input<typeof changePasswordInput>, address: string): Promise<ChangePasswordResult> {
  const input = changePasswordInput.parse(raw);
  const keys = throttleKeys(actor.email, address);
  if (await isBlocked(db, keys)) return { ok: false, reason: "rate_limited" };
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
  if (!row) throw new AppError("NOT_FOUND", "errors.accountGone");
  // Without a password (a postmaster-created customer who signed in by link) there is nothing to check.
  if (row.hash !== null && !(await verifyPassword(row.hash, input.current))) {
    await recordFailure(db, keys);
    return { ok: false, reason: "wrong_current" };
  }
  const passwordHash = await hashPassword(input.next);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, changedAt: new Date() }).where(eq(users.id, actor.id));
    await invalidateTokens(tx, actor.id, ["password_reset", "sign_in_link"]);
    await clearAccount(tx, keys);
  });
  return { ok: true, email: actor.email };
}
