import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { articles, auditLog, outbox, quarantine, queueSubscriptions, queues, tickets } from "@/db/schema";
import { notifyAgentsHandler } from "@/jobs/handlers/notify-agents";
import { sha256Of } from "@/server/files/store";
import { ingestMail } from "@/server/mail/postmaster";
import { quarantineRaw } from "@/server/services/admin/mail";
import { requestPasswordReset } from "@/server/services/users/password-reset";
import { requestSignInLink } from "@/server/services/users/sign-in-link";
import { callerFor } from "../helpers/caller";
import { createMailAccount, createOutboxRow, createQuarantined, rawMail } from "../helpers/mail";
import { createAgent, createCustomer, createQueue } from "../factories";

const admin = async () => createAgent({ admin: true });

/** Who did what to a quarantined message, from the admin audit log. */
async function auditOf(id: number) {
  return db
    .select({ actorId: auditLog.actorId, action: auditLog.action, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entity, "quarantine"), eq(auditLog.entityId, String(id))));
}

async function quarantineRow(id: number) {
  const [row] = await db.select().from(quarantine).where(eq(quarantine.id, id));
  return row!;
}

async function ticketOfArticle(articleId: string | null) {
  const [row] = await db.select({ ticketId: articles.ticketId, number: tickets.number }).from(articles).innerJoin(tickets, eq(tickets.id, articles.ticketId)).where(eq(articles.id, Number(articleId)));
  return row!;
}

describe("quarantine", () => {
  it("re-running a message whose cause was fixed makes the ticket and resolves the row, once", async () => {
    const boss = await admin();
    const [fallback] = await db.select({ id: queues.id }).from(queues).where(eq(queues.isDefault, true));
    // No default queue: a message to an unknown address has nowhere to go and is quarantined.
    await db.update(queues).set({ isDefault: false }).where(eq(queues.id, fallback!.id));
    const { raw } = rawMail({ to: "nobody@unknown.example", subject: "Lost order" });
    let first;
    try {
      first = await ingestMail(db, raw, { source: "pipe" });
    } finally {
      await db.update(queues).set({ isDefault: true }).where(eq(queues.id, fallback!.id));
    }
    expect(first).toMatchObject({ outcome: "quarantined", reason: "processing failed" });
    const [row] = await db.select().from(quarantine).where(eq(quarantine.rawSha256, sha256Of(raw)));
    expect(row).toMatchObject({ resolvedAt: null, subject: "Lost order" });

    const listed = await callerFor(boss).adminMail.quarantineList({ limit: 100 });
    expect(listed.items.find((i) => i.id === row!.id)).toMatchObject({ reason: "processing failed", fromAddress: "casey@customer.example", size: raw.byteLength });

    const result = await callerFor(boss).adminMail.quarantineRerun({ id: row!.id });
    expect(result).toMatchObject({ outcome: "created", resolved: true, ticketNumber: expect.any(String), ticketId: expect.any(Number) });
    const [ticket] = await db.select({ title: tickets.title, queueId: tickets.queueId }).from(tickets).where(eq(tickets.id, result.ticketId!));
    expect(ticket).toEqual({ title: "Lost order", queueId: fallback!.id });
    expect(await quarantineRow(row!.id)).toMatchObject({ resolution: "rerun: created", resolvedBy: boss.id, resolvedAt: expect.any(Date) });
    expect(await auditOf(row!.id)).toEqual([{ actorId: boss.id, action: "rerun", after: expect.objectContaining({ outcome: "created" }) }]);

    // Resolved rows leave the default list and cannot be re-run or discarded again.
    expect((await callerFor(boss).adminMail.quarantineList({ limit: 100 })).items.map((i) => i.id)).not.toContain(row!.id);
    await expect(callerFor(boss).adminMail.quarantineRerun({ id: row!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(boss).adminMail.quarantineDiscard({ id: row!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [{ n }] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from tickets where title = 'Lost order'`)) as unknown as [{ n: number }];
    expect(n).toBe(1);
  });

  it("a message that still cannot be processed stays one open row with the latest reason", async () => {
    const boss = await admin();
    const { raw } = rawMail({ from: null, subject: "Nobody sent this" });
    expect(await ingestMail(db, raw, { source: "pipe" })).toMatchObject({ outcome: "quarantined", reason: "the message has no sender address" });
    const [row] = await db.select().from(quarantine).where(eq(quarantine.rawSha256, sha256Of(raw)));
    const lastId = () => db.execute<{ n: string }>(sql`select last_value::text as n from quarantine_id_seq`).then((r) => r[0]!.n);
    const before = await lastId();

    const result = await callerFor(boss).adminMail.quarantineRerun({ id: row!.id });
    expect(result).toMatchObject({ outcome: "quarantined", resolved: false, ticketId: null, reason: "the message has no sender address" });
    const rows = await db.select().from(quarantine).where(eq(quarantine.rawSha256, sha256Of(raw)));
    expect(rows).toHaveLength(1);
    // Not even briefly a second row: no quarantine id was drawn by the re-run.
    expect(await lastId()).toBe(before);
    expect(rows[0]).toMatchObject({ id: row!.id, resolvedAt: null, source: "pipe" });
  });

  it("discarding resolves the row and keeps the message downloadable", async () => {
    const boss = await admin();
    const { raw } = rawMail({ subject: "Spam, really" });
    const row = await createQuarantined(raw);
    await callerFor(boss).adminMail.quarantineDiscard({ id: row.id });
    expect(await quarantineRow(row.id)).toMatchObject({ resolution: "discarded", resolvedBy: boss.id, resolvedAt: expect.any(Date) });
    expect(await auditOf(row.id)).toEqual([{ actorId: boss.id, action: "discard", after: null }]);

    const open = await callerFor(boss).adminMail.quarantineList({ limit: 100 });
    expect(open.items.map((i) => i.id)).not.toContain(row.id);
    const all = await callerFor(boss).adminMail.quarantineList({ limit: 100, includeResolved: true });
    expect(all.items.find((i) => i.id === row.id)).toMatchObject({ resolution: "discarded", resolvedByName: boss.name });

    const file = await quarantineRaw(db, row.id);
    expect(file).toMatchObject({ filename: `quarantine-${row.id}.eml`, contentType: "message/rfc822" });
    expect(Buffer.from(file.bytes).equals(raw)).toBe(true);
  });

  it("pages the list newest first without overlap", async () => {
    const boss = await admin();
    for (let i = 0; i < 3; i++) await createQuarantined();
    const first = await callerFor(boss).adminMail.quarantineList({ limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await callerFor(boss).adminMail.quarantineList({ limit: 2, cursor: first.nextCursor });
    const ids = [...first.items, ...second.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    await expect(callerFor(boss).adminMail.quarantineList({ limit: 2, cursor: "garbage" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("outbox", () => {
  it("an agent's reply to a mailed ticket carries In-Reply-To and References of the customer's Message-ID", async () => {
    const boss = await admin();
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const { raw, messageId } = rawMail({ subject: "Invoice 4711 is wrong", from: "Dana Doe <dana@customer.example>" });
    const received = await ingestMail(db, raw, { source: "pipe", queueName: queue.name });
    expect(received.outcome).toBe("created");
    const { ticketId, number } = await ticketOfArticle(received.articleId);

    await callerFor(agent).article.reply({ ticketId, body: "We corrected the invoice." });
    const [row] = await db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.ticketId, ticketId), eq(outbox.kind, "reply")));

    const message = await callerFor(boss).adminMail.outboxGet({ id: row!.id });
    expect(message).toMatchObject({
      kind: "reply",
      status: "queued",
      toAddresses: "dana@customer.example",
      inReplyTo: messageId,
      ticketId,
      ticketNumber: number,
      ticketTitle: "Invoice 4711 is wrong",
    });
    expect(message.references?.split(/\s+/)).toContain(messageId);
    expect(message.messageId).toMatch(/^<[^<>\s]+@[^<>\s]+>$/);
    expect(message.messageId).not.toBe(messageId);
    expect(message.subject).toBe(`[Ticket#${number}] Re: Invoice 4711 is wrong`);
    expect(message.bodyText).toContain("We corrected the invoice.");
    // The article records the same headers, so the customer's answer threads back onto the ticket.
    const [article] = await db.select({ messageId: articles.messageId }).from(articles).where(and(eq(articles.ticketId, ticketId), eq(articles.senderType, "agent")));
    expect(article!.messageId).toBe(message.messageId);

    const answer = rawMail({ subject: `Re: [Ticket#${number}] Re: Invoice 4711 is wrong`, from: "dana@customer.example", inReplyTo: message.messageId });
    expect(await ingestMail(db, answer.raw, { source: "pipe" })).toMatchObject({ outcome: "follow_up", ticketNumber: number });
  });

  it("lists newest first, filters by status and kind, searches recipients and subjects, and pages", async () => {
    const boss = await admin();
    const tag = `tag${Date.now()}`;
    const a = await createOutboxRow({ toAddresses: `first-${tag}@example.net`, kind: "reply" });
    const b = await createOutboxRow({ subject: `Notification ${tag}`, kind: "notification", status: "sent", transport: "outbox" });
    const c = await createOutboxRow({ ccAddresses: `cc-${tag}@example.net`, kind: "forward", status: "failed", error: "Resend refused" });
    const call = callerFor(boss).adminMail.outboxList;

    expect((await call({ search: tag.toUpperCase() })).items.map((i) => i.id)).toEqual([c.id, b.id, a.id]);
    expect((await call({ search: tag, kind: "notification" })).items.map((i) => i.id)).toEqual([b.id]);
    expect((await call({ search: tag, status: "failed" })).items.map((i) => i.id)).toEqual([c.id]);
    expect((await call({ search: "%" })).items.every((i) => i.subject.includes("%") || i.toAddresses.includes("%"))).toBe(true);

    const first = await call({ search: tag, limit: 2 });
    expect(first.items.map((i) => i.id)).toEqual([c.id, b.id]);
    const second = await call({ search: tag, limit: 2, cursor: first.nextCursor });
    expect(second).toMatchObject({ items: [expect.objectContaining({ id: a.id })], nextCursor: null });
    expect(Object.keys(first.items[0]!).sort()).toEqual(["createdAt", "id", "kind", "sentAt", "status", "subject", "ticketId", "ticketNumber", "toAddresses", "transport"]);
  });

  it("admins cannot read live sign-in, reset or confirmation links in the outbox; the row still carries them for delivery", async () => {
    const customer = await createCustomer();
    await requestSignInLink(db, customer.email, "198.51.100.77");
    await requestPasswordReset(db, customer.email, "198.51.100.77");
    const rows = await db.select({ id: outbox.id, body: outbox.bodyText }).from(outbox).where(eq(outbox.toAddresses, customer.email));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const token = /token=([A-Za-z0-9_-]+)/.exec(row.body)?.[1];
      expect(token).toBeTruthy();
      const shown = await callerFor(await admin()).adminMail.outboxGet({ id: row.id });
      expect(shown.bodyText).not.toContain(token!);
      expect(shown.bodyText).toMatch(/token=\[hidden\]/);
      expect(JSON.stringify(shown)).not.toContain(token!);
    }
  });

  it("outboxGet of an unknown message is NOT_FOUND", async () => {
    await expect(callerFor(await admin()).adminMail.outboxGet({ id: 987654321 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("mailboxes", () => {
  it("lists accounts with their polling status and never their secret", async () => {
    const account = await createMailAccount({ lastError: "authentication failed", lastErrorAt: new Date(), errorCount: 2, importedCount: 7, lastPollAt: new Date() });
    const result = await callerFor(await admin()).adminMail.accounts({ limit: 100 });
    const listed = result.items.find((a) => a.id === account.id);
    expect(listed).toMatchObject({ name: account.name, lastError: "authentication failed", errorCount: 2, importedCount: 7, lastPollAt: expect.any(Date), lastErrorAt: expect.any(Date) });
    expect(listed).not.toHaveProperty("secret");
    expect(JSON.stringify(result)).not.toContain(account.secret);
  });

  it("poll now queues one poll per account and refuses a disabled one", async () => {
    const boss = await admin();
    const account = await createMailAccount();
    expect(await callerFor(boss).adminMail.pollNow({ id: account.id })).toEqual({ queued: true });
    expect(await callerFor(boss).adminMail.pollNow({ id: account.id })).toEqual({ queued: false });
    const [{ n }] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = 'mail.poll-mailboxes' and singleton_key = ${`account:${account.id}`}`)) as unknown as [{ n: number }];
    expect(n).toBe(1);

    const disabled = await createMailAccount({ valid: false });
    await expect(callerFor(boss).adminMail.pollNow({ id: disabled.id })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await expect(callerFor(boss).adminMail.pollNow({ id: 987654321 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("notifications", () => {
  it("a new mail in a watched queue notifies the subscribed agent who may see it, and only them", async () => {
    const queue = await createQueue();
    const watcher = await createAgent({ queues: [queue], permissions: ["ro"] });
    const bystander = await createAgent({ queues: [queue], permissions: ["ro"] });
    const blind = await createAgent();
    await db.insert(queueSubscriptions).values([
      { queueId: queue.id, userId: watcher.id },
      { queueId: queue.id, userId: blind.id },
    ]);
    const received = await ingestMail(db, rawMail({ subject: "Server room is flooding" }).raw, { source: "pipe", queueName: queue.name });
    const { ticketId, number } = await ticketOfArticle(received.articleId);
    const payload = { ticketId, articleId: Number(received.articleId), event: "new_ticket" as const };

    expect(await notifyAgentsHandler.run(db, payload)).toEqual({ notified: 1 });
    // A retry of the job writes nothing twice.
    expect(await notifyAgentsHandler.run(db, payload)).toEqual({ notified: 0 });

    const mine = await callerFor(watcher).notification.list({ limit: 10 });
    expect(mine.unread).toBe(1);
    expect(mine.items).toEqual([
      expect.objectContaining({ kind: "new_ticket", ticketId, ticketNumber: number, title: "New ticket: Server room is flooding", readAt: null }),
    ]);
    expect((await callerFor(bystander).notification.list({ limit: 10 })).items).toEqual([]);
    expect((await callerFor(blind).notification.list({ limit: 10 })).items).toEqual([]);
  });

  it("markRead changes only the caller's own notifications", async () => {
    const queue = await createQueue();
    const [ann, bob] = [await createAgent({ queues: [queue], permissions: ["ro"] }), await createAgent({ queues: [queue], permissions: ["ro"] })];
    await db.insert(queueSubscriptions).values([ann, bob].map((u) => ({ queueId: queue.id, userId: u.id })));
    for (let i = 0; i < 2; i++) {
      const received = await ingestMail(db, rawMail().raw, { source: "pipe", queueName: queue.name });
      const { ticketId } = await ticketOfArticle(received.articleId);
      await notifyAgentsHandler.run(db, { ticketId, articleId: Number(received.articleId), event: "new_ticket" });
    }
    const annList = await callerFor(ann).notification.list({ limit: 10 });
    expect(annList.unread).toBe(2);
    const [newest, older] = annList.items;

    // Bob marking Ann's notification, or "all" of his own, leaves Ann's untouched.
    expect(await callerFor(bob).notification.markRead({ ids: [newest!.id] })).toEqual({ updated: 0 });
    expect(await callerFor(bob).notification.markRead({ all: true })).toEqual({ updated: 2 });
    expect((await callerFor(ann).notification.list({ limit: 10 })).unread).toBe(2);

    expect(await callerFor(ann).notification.markRead({ ids: [newest!.id] })).toEqual({ updated: 1 });
    const after = await callerFor(ann).notification.list({ limit: 10 });
    expect(after.unread).toBe(1);
    expect(after.items.find((n) => n.id === newest!.id)?.readAt).toEqual(expect.any(Date));
    expect(after.items.find((n) => n.id === older!.id)?.readAt).toBeNull();

    expect(await callerFor(ann).notification.markRead({ all: true })).toEqual({ updated: 1 });
    expect((await callerFor(ann).notification.list({ limit: 10 })).unread).toBe(0);
    expect((await callerFor(bob).notification.list({ limit: 1 })).nextCursor).toEqual(expect.any(String));
  });
});
