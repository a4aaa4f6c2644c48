import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { users } from "@/db/schema";
import type { Role } from "./actor";
import { verifyPassword } from "./password";
import { isBlocked, recordFailure, recordSuccess, throttleKeys } from "./throttle";
import { awaitsConfirmation } from "./tokens";

export type SignInUser = { id: number; email: string; name: string; role: Role; sessionVersion: number };
export type SignInRefusal = "invalid" | "rate_limited" | "disabled" | "unconfirmed" | "unapproved";
export type SignInResult = { ok: true; user: SignInUser } | { ok: false; reason: SignInRefusal };

/** Checks e-mail and password with the throttle; used by the Auth.js credentials provider. */
export async function checkCredentials(db: Tx, email: string, password: string, address: string): Promise<SignInResult> {
  const keys = throttleKeys(email, address);
  if (await isBlocked(db, keys)) return { ok: false, reason: "rate_limited" };
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      passwordHash: users.passwordHash,
      enabled: users.enabled,
      approved: users.approved,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  // An unknown address still costs one hash (verifyPassword hashes a dummy): the answer and its
  // time are the same whether or not the account exists.
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
    await recordFailure(db, keys);
    return { ok: false, reason: "invalid" };
  }
  await recordSuccess(db, keys);
  if (user.enabled && (await awaitsConfirmation(db, user.id))) return { ok: false, reason: "unconfirmed" };
  return admit(db, user);
}

/**
 * The checks every way of signing in ends with, once the person has proved who they are
 * (password or mailed link): the account must be enabled and approved.
 */
export async function admit(db: Tx, user: SignInUser & { enabled: boolean; approved: boolean }): Promise<SignInResult> {
  if (!user.enabled) return { ok: false, reason: "disabled" };
  if (!user.approved) return { ok: false, reason: "unapproved" };
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion } };
}
