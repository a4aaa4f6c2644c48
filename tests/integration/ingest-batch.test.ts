import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { articles, inboundMessages, tickets } from "@/db/schema";
import { batchStats, ingestMail, ingestMailBatch } from "@/server/mail/postmaster";
import { buildMail, uniqueMessageId } from "../helpers/mail";

/*
 * Batched ingest (the worker's Resend fetches, IMAP polls): several messages' writes in one
 * transaction, falling back to one transaction per message when anything in the batch fails. Exactly-once must hold:
 * one article per message, never lost, never doubled.
 */
const pipe = { source: "pipe" as const };
const sender = () => `Customer <c-${randomUUID().slice(0, 8)}@batch.example>`;
const articleCount = async (ids: string[]) => (await db.select({ m: articles.messageId }).from(articles).where(inArray(articles.messageId, ids))).length;

describe("ingestMailBatch", () => {
  it("writes distinct messages in one transaction: one article and one inbound row each", async () => {
    const ids = Array.from({ length: 5 }, () => uniqueMessageId());
    const before = { ...batchStats };
    const out = await ingestMailBatch(db, ids.map((messageId, i) => ({ raw: buildMail({ from: sender(), subject: `Batch ${i}`, messageId }), opts: pipe })));
    expect(out.map((o) => o.outcome)).toEqual(["created", "created", "created", "created", "created"]);
    expect(batchStats.batches).toBe(before.batches + 1);
    expect(batchStats.fellBack).toBe(before.fellBack);
    expect(await articleCount(ids)).toBe(5);
    const rows = await db.select().from(inboundMessages).where(inArray(inboundMessages.messageKey, ids.map((m) => `mid:${m.toLowerCase()}`)));
    expect(rows).toHaveLength(5);
    expect(new Set(out.map((o) => o.ticketNumber)).size).toBe(5);
  });

  it("the same message twice in one batch: the batch falls back, one article, the other copy a duplicate", async () => {
    const twice = uniqueMessageId();
    const other = uniqueMessageId();
    const raw = buildMail({ from: sender(), subject: "Twice in a batch", messageId: twice });
    const before = { ...batchStats };
    const out = await ingestMailBatch(db, [
      { raw, opts: pipe },
      { raw: buildMail({ from: sender(), subject: "Bystander", messageId: other }), opts: pipe },
      { raw, opts: pipe },
    ]);
    expect(batchStats.fellBack).toBe(before.fellBack + 1);
    expect(out.map((o) => o.outcome).sort()).toEqual(["created", "created", "duplicate"]);
    expect(out[1]!.outcome).toBe("created");
    expect(await articleCount([twice])).toBe(1);
    expect(await articleCount([other])).toBe(1);
    // The rolled-back batch left nothing behind: one ticket per message, none orphaned.
    const titled = async (title: string) => (await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.title, title))).length;
    expect(await titled("Twice in a batch")).toBe(1);
    expect(await titled("Bystander")).toBe(1);
  });

  it("a message received before, a follow-up and a new one in one batch", async () => {
    const parentId = uniqueMessageId();
    const from = sender();
    const first = await ingestMail(db, buildMail({ from, subject: "Parent", messageId: parentId }), pipe);
    expect(first.outcome).toBe("created");
    const replyId = uniqueMessageId();
    const newId = uniqueMessageId();
    const out = await ingestMailBatch(db, [
      { raw: buildMail({ from, subject: "Parent", messageId: parentId }), opts: pipe },
      { raw: buildMail({ from, subject: "Re: Parent", messageId: replyId, inReplyTo: parentId, references: parentId }), opts: pipe },
      { raw: buildMail({ from: sender(), subject: "Fresh", messageId: newId }), opts: pipe },
    ]);
    expect(out.map((o) => o.outcome)).toEqual(["duplicate", "follow_up", "created"]);
    expect(out[1]!.ticketNumber).toBe(first.ticketNumber);
    expect(await articleCount([parentId, replyId, newId])).toBe(3);
    const [row] = await db.select().from(articles).where(eq(articles.messageId, replyId));
    expect(String(row!.id)).toBe(out[1]!.articleId);
  });

  it("two batches with the same messages side by side: each message once", async () => {
    const ids = Array.from({ length: 4 }, () => uniqueMessageId());
    const items = ids.map((messageId, i) => ({ raw: buildMail({ from: sender(), subject: `Race ${i}`, messageId }), opts: pipe }));
    const [a, b] = await Promise.all([ingestMailBatch(db, items), ingestMailBatch(db, [...items].reverse())]);
    for (let i = 0; i < ids.length; i++) {
      expect([a[i]!.outcome, b[ids.length - 1 - i]!.outcome].sort()).toEqual(["created", "duplicate"]);
    }
    expect(await articleCount(ids)).toBe(4);
  });

  it("a batch's jobs (one insert per kind) are the jobs a message alone sends: same kinds, payloads and options", async () => {
    const alone = await ingestMail(db, buildMail({ from: sender(), subject: "Alone" }), pipe);
    const out = await ingestMailBatch(db, [0, 1].map((i) => ({ raw: buildMail({ from: sender(), subject: `Jobs ${i}` }), opts: pipe })));
    const jobsOf = async (articleId: string | null) => {
      const rows = await db.execute<Record<string, unknown>>(sql`
        select name, data - 'articleId' - 'ticketId' as data, priority, retry_limit, retry_delay, retry_backoff, expire_seconds, deletion_seconds, policy, state,
          singleton_key = 'auto:' || (data->>'articleId') as keyed
        from pgboss.job where (data->>'articleId') = ${articleId} order by name`);
      return rows.map((r) => ({ ...r }));
    };
    const expected = await jobsOf(alone.articleId);
    expect(expected.length).toBe(2);
    for (const o of out) expect(await jobsOf(o.articleId)).toEqual(expected);
  });
});
