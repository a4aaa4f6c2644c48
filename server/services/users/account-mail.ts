import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { users } from "@/db/schema";
import { readerLanguage } from "@/server/i18n/reader-language";
import { scoped } from "@/server/i18n/translate";
import { newMessageId } from "@/server/mail/compose";
import { queueMail } from "@/server/mail/transport";
import { blocked, countFailures } from "@/server/auth/throttle";
import { hashToken, TOKEN_LIFETIME_MS, type TokenPurpose } from "@/server/auth/tokens";
import { getSetting } from "@/server/services/settings";
import { env } from "@/server/env";

export type Recipient = { id: number; email: string; name: string };

const MAIL_FOR: Record<TokenPurpose, "confirm" | "signInLink" | "reset"> = {
  confirm_email: "confirm",
  sign_in_link: "signInLink",
  password_reset: "reset",
};

/** Mails a one-time link, in the caller's transaction (the token and its mail commit together). */
export async function mailTokenLink(tx: Tx, to: Recipient, purpose: TokenPurpose, token: string, link: string): Promise<void> {
  const kind = MAIL_FOR[purpose];
  const t = await translatorFor(tx, to);
  const minutes = Math.round(TOKEN_LIFETIME_MS[purpose] / 60_000);
  const vars = { name: to.name, link, minutes, hours: Math.round(minutes / 60) };
  await send(tx, to, t(`${kind}.subject`), t(`${kind}.body`, vars), `account:${purpose}:${hashToken(token)}`);
}

/** Tells a customer that an admin approved the account. */
export async function mailApproved(tx: Tx, to: Recipient): Promise<void> {
  const t = await translatorFor(tx, to);
  const link = `${env().APP_URL.replace(/\/+$/, "")}/sign-in`;
  await send(tx, to, t("approved.subject"), t("approved.body", { name: to.name, link }), `account:approved:${to.id}`);
}

/** Someone registered with an address that already has an account: its owner hears of it, the visitor learns nothing. */
export async function mailAlreadyRegistered(tx: Tx, to: Recipient): Promise<void> {
  const t = await translatorFor(tx, to);
  const base = env().APP_URL.replace(/\/+$/, "");
  const vars = { name: to.name, signIn: `${base}/sign-in`, reset: `${base}/forgot-password` };
  await send(tx, to, t("alreadyRegistered.subject"), t("alreadyRegistered.body", vars), `account:registered:${to.id}:${randomUUID()}`);
}

/**
 * Requests that send mail (sign-in links, resets, confirmations) count against auth_throttle, per
 * address asked for and per client, whether or not the account exists: a block says nothing
 * about who has an account. Returns false when the caller must not send.
 */
export async function allowMailRequest(db: Tx, email: string, address: string): Promise<boolean> {
  const [account, client] = [`mail:${email.trim().toLowerCase()}`, `mailip:${address}`];
  if (await blocked(db, [account, client])) return false;
  const max = await getSetting(db, "auth.max_failures");
  await countFailures(db, [
    { key: account, limit: max },
    { key: client, limit: max * 4 },
  ]);
  return true;
}

async function send(tx: Tx, to: Recipient, subject: string, text: string, idempotencyKey: string) {
  const [from, domain] = await Promise.all([getSetting(tx, "mail.default_from"), getSetting(tx, "mail.message_id_domain")]);
  await queueMail(tx, {
    kind: "notification",
    from,
    to: [to.email],
    subject,
    text,
    messageId: newMessageId(domain),
    // Machine-sent: auto-responders must not answer it.
    headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" },
    idempotencyKey,
  });
}

/** In the recipient's language (`users.language`), else the desk's default. */
async function translatorFor(tx: Tx, to: Recipient) {
  const [row] = await tx.select({ language: users.language }).from(users).where(eq(users.id, to.id)).limit(1);
  return scoped(await readerLanguage(tx, row?.language), "accountMail");
}
