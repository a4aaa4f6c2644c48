import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { authTokens } from "@/db/schema";
import { env } from "@/server/env";

export const TOKEN_PURPOSES = ["confirm_email", "sign_in_link", "password_reset"] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/** How long a mailed link works. A sign-in link is a password by mail, so it lives shortest. */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  confirm_email: 24 * 60 * 60 * 1000,
  sign_in_link: 15 * 60 * 1000,
  password_reset: 60 * 60 * 1000,
};

/** 32 random bytes in base64url: always 43 characters of this alphabet. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Issues a one-time token for `userId` and returns it (only its hash is stored). Earlier unused
 * tokens of the same purpose stop working, so only the newest mail's link does anything.
 */
export async function issueToken(tx: Tx, userId: number, purpose: TokenPurpose): Promise<string> {
  await invalidateTokens(tx, userId, [purpose]);
  const token = randomBytes(32).toString("base64url");
  await tx.insert(authTokens).values({ tokenHash: hashToken(token), userId, purpose, expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MS[purpose]) });
  return token;
}

/** Marks the user's unused tokens of these purposes as used (rows stay: see awaitsConfirmation). */
export async function invalidateTokens(tx: Tx, userId: number, purposes: readonly TokenPurpose[]): Promise<void> {
  for (const purpose of purposes) {
    await tx
      .update(authTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(authTokens.userId, userId), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt)));
  }
}

/**
 * Uses a token: one statement that only matches an unused, unexpired token of this purpose, so two
 * concurrent uses cannot both succeed. The lookup is by the token's SHA-256, never by the token
 * itself, so comparing it leaks nothing useful through timing. Returns the user, or null.
 */
export async function consumeToken(tx: Tx, token: string, purpose: TokenPurpose): Promise<{ userId: number } | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [row] = await tx
    .update(authTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(authTokens.tokenHash, hashToken(token)), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt), gt(authTokens.expiresAt, sql`now()`)))
    .returning({ userId: authTokens.userId });
  return row ?? null;
}

export type TokenState = { state: "valid" | "used" | "expired"; userId: number } | { state: "unknown" };

/** What a token is, without using it: lets a page say "this link has expired" before the form. */
export async function inspectToken(tx: Tx, token: string, purpose: TokenPurpose): Promise<TokenState> {
  if (!TOKEN_SHAPE.test(token)) return { state: "unknown" };
  const [row] = await tx
    .select({ userId: authTokens.userId, usedAt: authTokens.usedAt, expired: sql<boolean>`${authTokens.expiresAt} <= now()` })
    .from(authTokens)
    .where(and(eq(authTokens.tokenHash, hashToken(token)), eq(authTokens.purpose, purpose)))
    .limit(1);
  if (!row) return { state: "unknown" };
  return { state: row.usedAt ? "used" : row.expired ? "expired" : "valid", userId: row.userId };
}

/**
 * True while a self-registered user has not confirmed the address. Registration is the only
 * path that mails a confirmation, so "a confirmation was issued and the address is still
 * unconfirmed" tells self-registrants apart from users an admin or the postmaster created.
 */
export async function awaitsConfirmation(tx: Tx, userId: number): Promise<boolean> {
  const rows = await tx.execute<{ pending: boolean }>(sql`
    select exists (
      select 1 from auth_tokens t join users u on u.id = t.user_id
      where t.user_id = ${userId} and t.purpose = 'confirm_email' and u.email_confirmed_at is null
    ) as pending`);
  return Boolean(rows[0]?.pending);
}

/** The absolute link a mail carries, e.g. `linkFor("/confirm", token)`. */
export function linkFor(path: string, token: string): string {
  // base64url needs no escaping; concatenation keeps a path prefix in APP_URL.
  return `${env().APP_URL.replace(/\/+$/, "")}${path}?token=${token}`;
}
