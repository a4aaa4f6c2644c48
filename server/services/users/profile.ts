import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db";
import { users } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { clearAccount, isBlocked, recordFailure, throttleKeys } from "@/server/auth/throttle";
import { invalidateTokens } from "@/server/auth/tokens";
import { AppError } from "@/server/errors";
import { changePasswordInput, notificationEventsFor, type NotificationEvent, updateProfileInput, type UpdateProfileInput } from "@/server/schemas/account";

type Prefs = (typeof users.$inferSelect)["notificationPrefs"];

/** Whether a user wants e-mail for `event`; on unless they turned it off. For the code that sends notifications. */
export const wantsEmail = (prefs: Prefs | null | undefined, event: NotificationEvent): boolean => prefs?.[event]?.email !== false;

/** The signed-in user's own profile: chosen columns only (never the password hash). */
export async function getProfile(db: Tx, actor: Actor) {
  const [row] = await db
    .select({
      name: users.name,
      email: users.email,
      language: users.language,
      timeZone: users.timeZone,
      notificationPrefs: users.notificationPrefs,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
    })
    .from(users)
    .where(eq(users.id, actor.id));
  if (!row) throw new AppError("NOT_FOUND", "Your account no longer exists.");
  const { notificationPrefs, ...rest } = row;
  const emailNotifications = Object.fromEntries(notificationEventsFor(actor.role).map((e) => [e, wantsEmail(notificationPrefs, e)])) as Partial<Record<NotificationEvent, boolean>>;
  return { ...rest, role: actor.role, emailNotifications };
}

/** Name, language, time zone and e-mail choices; other channels in the stored preferences are kept. */
export async function updateProfile(db: Tx, actor: Actor, raw: UpdateProfileInput) {
  const input = updateProfileInput.parse(raw);
  await db.transaction(async (tx) => {
    const [current] = await tx.select({ prefs: users.notificationPrefs }).from(users).where(eq(users.id, actor.id)).for("update");
    if (!current) throw new AppError("NOT_FOUND", "Your account no longer exists.");
    const prefs: Prefs = { ...current.prefs };
    for (const event of notificationEventsFor(actor.role)) {
      const email = input.emailNotifications[event];
      if (email !== undefined) prefs[event] = { ...prefs[event], email };
    }
    await tx.update(users).set({ name: input.name, language: input.language, timeZone: input.timeZone, notificationPrefs: prefs, changedAt: new Date() }).where(eq(users.id, actor.id));
  });
  return getProfile(db, actor);
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
  if (!row) throw new AppError("NOT_FOUND", "Your account no longer exists.");
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
