import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { hashPassword } from "@/server/auth/password";
import { clearAccount, throttleKeys } from "@/server/auth/throttle";
import { consumeToken, inspectToken, invalidateTokens } from "@/server/auth/tokens";
import { newPassword } from "@/server/schemas/account";
import { mailLinkIfKnown, type MailRequestResult } from "./sign-in-link";

/** Mails a password reset link; the same answer whether or not the account exists. */
export function requestPasswordReset(db: Db, email: string, address: string): Promise<MailRequestResult> {
  return mailLinkIfKnown(db, email, address, "password_reset", "/reset-password");
}

/** Whether a reset link still works, so the page can say so before the visitor types a password. */
export async function resetLinkWorks(db: Db, token: string): Promise<boolean> {
  return (await inspectToken(db, token, "password_reset")).state === "valid";
}

/**
 * Sets a new password with a reset link. Ends every session of the account (session version
 * bump), confirms the address (the link came by mail), voids other links that could still sign
 * in, and lifts a sign-in block on the account: the owner has just proved who they are.
 */
export async function resetPassword(db: Db, token: string, password: string): Promise<{ ok: true; email: string } | { ok: false }> {
  const passwordHash = await hashPassword(newPassword.parse(password));
  return db.transaction(async (tx) => {
    const used = await consumeToken(tx, token, "password_reset");
    if (!used) return { ok: false as const };
    const [user] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, emailConfirmedAt: sql`coalesce(${users.emailConfirmedAt}, now())`, changedAt: new Date() })
      .where(eq(users.id, used.userId))
      .returning({ email: users.email });
    if (!user) return { ok: false as const };
    await invalidateTokens(tx, used.userId, ["password_reset", "sign_in_link"]);
    await clearAccount(tx, throttleKeys(user.email, ""));
    return { ok: true as const, email: user.email };
  });
}
