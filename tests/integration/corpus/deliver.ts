import { createHash } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import { db } from "@/db";
import * as s from "@/db/schema";
import { readStoredFile } from "@/server/files/store";
import { type Parsed, parseMail } from "@/server/mail/parse";
import { type IngestOutcome, ingestMail } from "@/server/mail/postmaster";
import { createCustomer, createQueue, createTicket, stateNamed } from "../../factories";
import { type Folder, readMessage } from "./load";

export type StoredAttachment = { id?: string; filename: string; contentType: string; bytes: Buffer; size: number; contentId: string | null; inline: boolean };

/** What the desk kept of one corpus message, read back from the database and the file store. */
export type Delivered = {
  raw: Buffer;
  result: IngestOutcome;
  quarantined: boolean;
  /** Why the postmaster quarantined it (reason and error detail). */
  quarantineDetail: string | null;
  /** The desk's parse of the raw bytes it stored (for what articles do not keep: display names). */
  parsed: Parsed;
  article: typeof s.articles.$inferSelect | null;
  ticket: typeof s.tickets.$inferSelect | null;
  customer: typeof s.users.$inferSelect | null;
  /** Article attachments (bytes from the file store), or, for a quarantined message, its parse. */
  attachments: StoredAttachment[];
  subject: string;
  /** The stored sender ("Name <address>" or the address), or the parse's for a quarantined one. */
  fromAddress: string | null;
  text: string;
  /** The HTML as stored for display (sanitized). */
  html: string | null;
};

export const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");
export const md5 = (bytes: Uint8Array | string) => createHash("md5").update(bytes).digest("hex");

/**
 * Ingests one corpus message as the pipe does and reads back what was kept. Each message is
 * delivered as to a desk that has not seen its Message-ID yet (corpus files share Message-IDs:
 * mail064/073/088, Test11/21/27, ...): the dedupe of repeated deliveries has tests of its own.
 */
export async function deliver(folder: Folder, file: string, raw = readMessage(folder, file)): Promise<Delivered> {
  await db.delete(s.inboundMessages);
  const result = await ingestMail(db, raw, { source: "pipe", sourceRef: `corpus:${folder}/${file}` });
  expect(["created", "follow_up", "quarantined"], `${folder}/${file}: outcome ${JSON.stringify(result)}`).toContain(result.outcome);
  if (result.outcome === "quarantined") {
    const [row] = await db.select().from(s.quarantine).where(eq(s.quarantine.rawSha256, sha256(raw))).orderBy(desc(s.quarantine.id)).limit(1);
    expect(row, `${folder}/${file}: quarantine row`).toBeDefined();
    const kept = Buffer.from(await readStoredFile(db, row!.rawSha256));
    expect(kept.equals(raw), `${folder}/${file}: the quarantine keeps the raw message whole`).toBe(true);
    const parsed = await parseMail(kept);
    return {
      raw,
      result,
      quarantined: true,
      quarantineDetail: `${row!.reason}: ${row!.detail ?? ""}`,
      parsed,
      article: null,
      ticket: null,
      customer: null,
      attachments: parsed.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, bytes: a.content, size: a.content.length, contentId: a.contentId, inline: a.inline })),
      subject: parsed.subject,
      fromAddress: parsed.from ? parsed.from.address : null,
      text: parsed.text,
      html: parsed.html,
    };
  }
  const [article] = await db.select().from(s.articles).where(eq(s.articles.id, Number(result.articleId)));
  expect(article, `${folder}/${file}: article`).toBeDefined();
  const [ticket] = await db.select().from(s.tickets).where(eq(s.tickets.id, article!.ticketId));
  const [customer] = ticket?.customerUserId ? await db.select().from(s.users).where(eq(s.users.id, ticket.customerUserId)) : [];
  const kept = Buffer.from(await readStoredFile(db, article!.rawFileSha256!));
  expect(kept.equals(raw), `${folder}/${file}: the article's raw message is the message as received`).toBe(true);
  const rows = await db.select().from(s.attachments).where(eq(s.attachments.articleId, article!.id)).orderBy(s.attachments.createdAt);
  const attachments = await Promise.all(
    rows.map(async (r) => ({ id: r.id, filename: r.filename, contentType: r.contentType, bytes: Buffer.from(await readStoredFile(db, r.fileSha256)), size: r.size, contentId: r.contentId, inline: r.inline })),
  );
  return {
    raw,
    result,
    quarantined: false,
    quarantineDetail: null,
    parsed: await parseMail(kept),
    article: article!,
    ticket: ticket ?? null,
    customer: customer ?? null,
    attachments,
    subject: article!.subject,
    fromAddress: article!.fromAddress,
    text: article!.bodyText,
    html: article!.bodyHtml,
  };
}

/** A ticket whose first article carries `messageId` (an earlier mail or our reply), in `state`. */
export async function ticketWithMessageId(messageId: string, state = "open") {
  const customer = await createCustomer();
  const ticket = await createTicket({ customer, queue: await createQueue() });
  const [first] = await db.select({ id: s.articles.id }).from(s.articles).where(eq(s.articles.ticketId, ticket.id)).orderBy(s.articles.id).limit(1);
  await db.update(s.articles).set({ messageId }).where(eq(s.articles.id, first!.id));
  const target = await stateNamed(state);
  await db.update(s.tickets).set({ stateId: target.id, stateType: target.type }).where(eq(s.tickets.id, ticket.id));
  return ticket;
}

/** Jobs of `name` queued for an article (pg-boss's table, in this test's database). */
export async function jobsFor(name: string, articleId: number | string): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = ${name} and (data->>'articleId')::bigint = ${Number(articleId)}`);
  return Number(row?.n);
}

export async function ticketState(ticketId: number) {
  const [row] = await db.select({ stateType: s.tickets.stateType, stateId: s.tickets.stateId }).from(s.tickets).where(and(eq(s.tickets.id, ticketId)));
  return row!;
}
