import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { users } from "@/db/schema";
import { admit, type SignInResult } from "@/server/auth/credentials";
import { consumeToken, issueToken, linkFor, type TokenPurpose } from "@/server/auth/tokens";
import { allowMailRequest, mailTokenLink } from "./account-mail";

export type MailRequestResult = "sent" | "rate_limited";

/**
 * Mails a one-time sign-in link to an enabled account with this address. The answer is the same
 * whether or not such an account exists, so the form tells nobody who has an account.
 */
export function requestSignInLink(db: Db, email: string, address: string): Promise<MailRequestResult> {
  return mailLinkIfKnown(db, email, address, "sign_in_link", "/sign-in/link");
}

export type LinkSignInResult = SignInResult | { ok: false; reason: "link_invalid" };

/**
 * Signs in with a mailed link: uses the token, and, since opening the mail proves the address,
 * confirms it (this is also how customers the postmaster created, who have no password, get in).
 */
export async function redeemSignInLink(db: Db, token: string): Promise<LinkSignInResult> {
  return db.transaction(async (tx) => {
    const used = await consumeToken(tx, token, "sign_in_link");
    if (!used) return { ok: false, reason: "link_invalid" };
    const [user] = await tx
      .update(users)
      .set({ emailConfirmedAt: sql`coalesce(${users.emailConfirmedAt}, now())` })
      .where(eq(users.id, used.userId))
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role, sessionVersion: users.sessionVersion, enabled: users.enabled, approved: users.approved });
    if (!user) return { ok: false, reason: "link_invalid" };
    return admit(tx, user);
  });
}

/** Shared by sign-in links and password resets: throttle, look up, issue, mail. */
export async function mailLinkIfKnown(db: Db, email: string, address: string, purpose: TokenPurpose, path: string): Promise<MailRequestResult> {
  if (!(await allowMailRequest(db, email, address))) return "rate_limited";
  await db.transaction(async (tx) => {
    const user = await enabledUserByEmail(tx, email);
    if (!user) return;
    const token = await issueToken(tx, user.id, purpose);
    await mailTokenLink(tx, user, purpose, token, linkFor(path, token));
  });
  return "sent";
}

async function enabledUserByEmail(tx: Tx, email: string) {
  const [user] = await tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(and(eq(sql`lower(${users.email})`, email.trim().toLowerCase()), eq(users.enabled, true)))
    .limit(1);
  return user;
}
