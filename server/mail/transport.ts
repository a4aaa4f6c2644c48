import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { Resend } from "resend";
import type { Db, Tx } from "@/db";
import { outbox, type OutboxAttachment } from "@/db/schema";
import { sendMail } from "@/jobs/definitions/send-mail";
import { enqueue } from "@/jobs/enqueue";
import { env } from "@/server/env";
import { readStoredFile } from "@/server/files/store";
import { recordDelivery } from "@/server/services/tickets/lifecycle";
import { assertHeadersSafe } from "./header-safety";

export type OutgoingMail = {
  kind: "reply" | "forward" | "auto_response" | "notification" | "report";
  ticketId?: number | null;
  articleId?: number | null;
  from: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string | null;
  messageId: string;
  inReplyTo?: string | null;
  references?: string | null;
  headers?: Record<string, string>;
  attachments?: OutboxAttachment[];
  /** The same key never sends twice (retries, double clicks). */
  idempotencyKey: string;
};

/** Writes the message to the outbox in the caller's transaction; the `mail.send` job delivers it. */
export async function queueMail(tx: Tx, mail: OutgoingMail): Promise<number | null> {
  assertHeadersSafe(mail);
  const [row] = await tx
    .insert(outbox)
    .values({
      kind: mail.kind,
      ticketId: mail.ticketId ?? null,
      articleId: mail.articleId ?? null,
      fromAddress: mail.from,
      toAddresses: mail.to.join(", "),
      ccAddresses: mail.cc?.length ? mail.cc.join(", ") : null,
      subject: mail.subject,
      bodyText: mail.text,
      bodyHtml: mail.html ?? null,
      messageId: mail.messageId,
      inReplyTo: mail.inReplyTo ?? null,
      references: mail.references ?? null,
      headers: mail.headers ?? {},
      attachments: mail.attachments ?? [],
      idempotencyKey: mail.idempotencyKey,
    })
    .onConflictDoNothing()
    .returning({ id: outbox.id });
  if (!row) return null;
  await enqueue(tx, sendMail, { outboxId: row.id }, { singletonKey: `outbox:${row.id}` });
  return row.id;
}

/**
 * Delivers one outbox row: through Resend when RESEND_API_KEY is set (with the row's
 * idempotency key, so a retry after a crash is not a second e-mail), otherwise the outbox table
 * is the mailbox and the row is simply marked sent. Throws on failure so the job retries.
 */
export async function deliver(db: Db, outboxId: number): Promise<"sent" | "already"> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, outboxId)).limit(1);
  if (!row) throw new Error(`outbox row ${outboxId} not found`);
  if (["sent", "delivered", "bounced", "failed", "suppressed"].includes(row.status)) return "already";
  await db.update(outbox).set({ attempts: sql`${outbox.attempts} + 1` }).where(eq(outbox.id, outboxId));
  const key = env().RESEND_API_KEY;
  let providerId: string | null = null;
  if (key) {
    const resend = new Resend(key);
    const files = await Promise.all(row.attachments.map(async (a) => ({ filename: a.filename, content: Buffer.from(await readStoredFile(db, a.sha256)), contentType: a.contentType })));
    const headers: Record<string, string> = { ...row.headers, "Message-ID": row.messageId };
    if (row.inReplyTo) headers["In-Reply-To"] = row.inReplyTo;
    if (row.references) headers.References = row.references;
    const { data, error } = await resend.emails.send(
      {
        from: row.fromAddress,
        to: row.toAddresses.split(/,\s*/),
        cc: row.ccAddresses ? row.ccAddresses.split(/,\s*/) : undefined,
        subject: row.subject,
        text: row.bodyText,
        html: row.bodyHtml ?? undefined,
        headers,
        attachments: files.length ? files : undefined,
      },
      { idempotencyKey: providerIdempotencyKey(row) },
    );
    if (error) {
      await db.update(outbox).set({ error: `${error.name}: ${error.message}`.slice(0, 1000) }).where(eq(outbox.id, outboxId));
      throw new Error(`Resend refused the message: ${error.message}`);
    }
    providerId = data?.id ?? null;
  }
  await db.transaction(async (tx) => {
    await tx.update(outbox).set({ status: "sent", transport: key ? "resend" : "outbox", providerId, sentAt: new Date(), error: null }).where(eq(outbox.id, outboxId));
    if (row.articleId) await recordDelivery(tx, { articleId: row.articleId }, { status: "sent" });
  });
  return "sent";
}

/**
 * The key Resend sees for one outbox row: the same on every attempt of this row (so a send retried
 * after a crash between Resend's answer and our commit is answered with the first message), and
 * different for another row even when a reset database reuses ids and idempotency keys within
 * Resend's 24-hour window (which would otherwise swallow a new reply as a "duplicate").
 */
export function providerIdempotencyKey(row: Pick<typeof outbox.$inferSelect, "id" | "idempotencyKey" | "messageId" | "createdAt">): string {
  const digest = createHash("sha256").update(`${row.id}\n${row.idempotencyKey}\n${row.messageId}\n${row.createdAt.toISOString()}`).digest("hex");
  return `outbox/${row.id}/${digest.slice(0, 40)}`;
}
