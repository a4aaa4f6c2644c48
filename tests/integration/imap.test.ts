import { randomUUID } from "node:crypto";
import { and, eq, like, type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PgDialect } from "drizzle-orm/pg-core";
import { createDb, db, type Tx } from "@/db";
import { articles, inboundMessages, mailAccounts, quarantine, settings, storedFiles, tickets } from "@/db/schema";
import { setSetting } from "@/server/services/settings";
import { installJobSchema } from "@/jobs/install";
import { pollMailboxesHandler } from "@/jobs/handlers/poll-mailboxes";
import { runWorker } from "@/jobs/worker";
import { requestPoll } from "@/server/mail/poll";
import { pollAccount, testConnection } from "@/server/mail/imap";
import { batchStats } from "@/server/mail/postmaster";
import { appendMessages, type Dovecot, freePort, mailboxMessages, rawMail, startDovecot } from "../helpers/dovecot";
import { createQueue } from "../factories";

let dv: Dovecot;
let worker: Awaited<ReturnType<typeof runWorker>> | undefined;

beforeAll(async () => {
  dv = await startDovecot();
  await installJobSchema(process.env.DATABASE_URL!);
});

afterAll(async () => {
  await worker?.stop();
  await dv?.stop();
});

/** A mail account on the test Dovecot, reading `folder` (each test uses its own). */
async function createAccount(folder: string, values: Partial<typeof mailAccounts.$inferInsert> = {}) {
  const [row] = await db
    .insert(mailAccounts)
    .values({ name: `Account ${folder}`, host: dv.host, port: dv.port, tls: false, username: dv.user, secret: dv.password, folder, ...values })
    .returning();
  return row!;
}

async function accountRow(id: number) {
  const [row] = await db.select().from(mailAccounts).where(eq(mailAccounts.id, id));
  return row!;
}

/** What the desk received from one account: inbound rows (by sourceRef) with their article and ticket. */
async function receivedFrom(accountId: number) {
  return db
    .select({ sourceRef: inboundMessages.sourceRef, outcome: inboundMessages.outcome, articleId: inboundMessages.articleId, ticketId: inboundMessages.ticketId, title: tickets.title, queueId: tickets.queueId, messageId: articles.messageId })
    .from(inboundMessages)
    .leftJoin(articles, eq(articles.id, inboundMessages.articleId))
    .leftJoin(tickets, eq(tickets.id, inboundMessages.ticketId))
    .where(and(eq(inboundMessages.source, "imap"), like(inboundMessages.sourceRef, `${accountId}:%`)))
    .orderBy(inboundMessages.id);
}

async function articlesWithMessageId(messageId: string) {
  return db.select({ id: articles.id, ticketId: articles.ticketId }).from(articles).where(eq(articles.messageId, `<${messageId}>`));
}

const mid = (tag: string) => `${tag}-${randomUUID()}@customer.example`;

async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("IMAP polling against a real Dovecot", () => {
  it("imports every unread message once, flags each \\Seen, counts them, and a second poll imports nothing", async () => {
    const queue = await createQueue();
    const account = await createAccount("poll-a", { queueId: queue.id });
    const ids = [mid("a1"), mid("a2"), mid("a3")];
    const uids = await appendMessages(dv, "poll-a", ids.map((id, i) => rawMail({ subject: `Printer ${i + 1} is on fire`, messageId: id })));
    // Already read in the mailbox (by a person, say): not the desk's to take.
    const [readUid] = await appendMessages(dv, "poll-a", [rawMail({ subject: "Already read", messageId: mid("read") })], ["\\Seen"]);

    const first = await pollAccount(db, account.id);
    expect(first).toMatchObject({ status: "ok", processed: 3, outcomes: { created: 3 }, more: false, error: null });

    const received = await receivedFrom(account.id);
    expect(received.map((r) => r.outcome)).toEqual(["created", "created", "created"]);
    expect(new Set(received.map((r) => r.ticketId)).size).toBe(3);
    expect(received.map((r) => r.title)).toEqual(["Printer 1 is on fire", "Printer 2 is on fire", "Printer 3 is on fire"]);
    // Tickets go to the account's queue; sourceRef names account, UIDVALIDITY and UID.
    expect(received.every((r) => r.queueId === queue.id)).toBe(true);
    expect(received.map((r) => r.sourceRef?.split(":")[2])).toEqual(uids.map(String));
    expect(received.every((r) => /^\d+:\d+:\d+$/.test(r.sourceRef ?? ""))).toBe(true);
    for (const id of ids) expect(await articlesWithMessageId(id)).toHaveLength(1);

    const box = await mailboxMessages(dv, "poll-a");
    expect(box.map((m) => ({ uid: m.uid, seen: m.seen, deleted: m.deleted }))).toEqual([...uids, readUid].map((uid) => ({ uid, seen: true, deleted: false })));

    const afterFirst = await accountRow(account.id);
    expect(afterFirst).toMatchObject({ importedCount: 3, errorCount: 0, lastError: null, lastErrorAt: null });
    expect(afterFirst.lastPollAt).toBeInstanceOf(Date);

    const second = await pollAccount(db, account.id);
    expect(second).toMatchObject({ status: "ok", processed: 0, outcomes: {}, error: null });
    expect(await receivedFrom(account.id)).toHaveLength(3);
    const afterSecond = await accountRow(account.id);
    expect(afterSecond).toMatchObject({ importedCount: 3, errorCount: 0, lastError: null });
    expect(afterSecond.lastPollAt!.getTime()).toBeGreaterThanOrEqual(afterFirst.lastPollAt!.getTime());
  });

  it("the same message in the mailbox twice yields one article; both copies are flagged \\Seen", async () => {
    const account = await createAccount("poll-b");
    const id = mid("dup");
    const raw = rawMail({ subject: "Sent twice", messageId: id });
    await appendMessages(dv, "poll-b", [raw, raw]);

    const result = await pollAccount(db, account.id);
    expect(result).toMatchObject({ status: "ok", processed: 2, outcomes: { created: 1, duplicate: 1 } });
    expect(await articlesWithMessageId(id)).toHaveLength(1);
    expect((await receivedFrom(account.id)).map((r) => r.outcome)).toEqual(["created"]);
    expect((await mailboxMessages(dv, "poll-b")).map((m) => m.seen)).toEqual([true, true]);
  });

  it("when the database is down the message stays unread and the account shows the error; after recovery it is ingested exactly once", async () => {
    const account = await createAccount("poll-c");
    const id = mid("down");
    await appendMessages(dv, "poll-c", [rawMail({ subject: "Written while the desk was down", messageId: id })]);
    // The postmaster writes through a handle whose server is gone; the account row is read and updated on the real one.
    const down = createDb(`postgres://helpdesk:x@127.0.0.1:${await freePort()}/helpdesk`, 1);
    try {
      const failed = await pollAccount(db, account.id, { ingestDb: down });
      expect(failed).toMatchObject({ status: "error", processed: 0 });
      expect(failed.error).toMatch(/left unread: the database is unavailable \(ECONNREFUSED\)/);
    } finally {
      await down.$client.end({ timeout: 1 });
    }
    expect((await mailboxMessages(dv, "poll-c")).map((m) => m.seen)).toEqual([false]);
    expect(await articlesWithMessageId(id)).toHaveLength(0);
    expect(await receivedFrom(account.id)).toHaveLength(0);
    const broken = await accountRow(account.id);
    expect(broken).toMatchObject({ importedCount: 0, errorCount: 1, lastError: expect.stringMatching(/database is unavailable/) });
    expect(broken.lastErrorAt).toBeInstanceOf(Date);

    const recovered = await pollAccount(db, account.id);
    expect(recovered).toMatchObject({ status: "ok", processed: 1, outcomes: { created: 1 }, error: null });
    expect(await pollAccount(db, account.id)).toMatchObject({ status: "ok", processed: 0 });
    expect(await articlesWithMessageId(id)).toHaveLength(1);
    expect(await receivedFrom(account.id)).toHaveLength(1);
    expect((await mailboxMessages(dv, "poll-c")).map((m) => m.seen)).toEqual([true]);
    // The error is cleared by a good poll; when it happened and how often stays on record.
    expect(await accountRow(account.id)).toMatchObject({ importedCount: 1, errorCount: 1, lastError: null, lastErrorAt: broken.lastErrorAt });
  });

  it("polls in groups: no message is flagged before its group's transaction commits; one that cannot be stored stays unread while its group-mates land and are flagged", async () => {
    const account = await createAccount("poll-group");
    const ids = [mid("g0"), mid("g1-failing"), mid("g2"), mid("g3")];
    const uids = await appendMessages(dv, "poll-group", ids.map((id, i) => rawMail({ subject: `Grouped ${i}`, messageId: id })));
    // The postmaster's handle: the failing message's first statement loses its connection, and
    // every transaction looks at the mailbox just before it commits.
    const beforeCommit: boolean[][] = [];
    const dialect = new PgDialect();
    const flaky = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === "execute") {
          return (query: SQL) => {
            const { params } = dialect.sqlToQuery(query);
            if (params.some((p) => typeof p === "string" && p.includes(ids[1]!.toLowerCase()))) return Promise.reject(Object.assign(new Error("connection reset (test)"), { code: "ECONNRESET" }));
            return target.execute(query);
          };
        }
        if (prop === "transaction") {
          return (fn: (tx: Tx) => Promise<unknown>) =>
            target.transaction(async (tx) => {
              const out = await fn(tx);
              beforeCommit.push((await mailboxMessages(dv, "poll-group")).map((m) => m.seen));
              return out;
            });
        }
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const batches = batchStats.batches;

    const first = await pollAccount(db, account.id, { ingestDb: flaky });
    expect(first).toMatchObject({ status: "error", processed: 3, outcomes: { created: 3 } });
    expect(first.error).toMatch(new RegExp(`message UID ${uids[1]} could not be stored and was left unread: the database is unavailable \\(ECONNRESET\\)`));
    // One transaction for the three that could be stored, and nothing was flagged before it committed.
    expect(batchStats.batches).toBe(batches + 1);
    expect(beforeCommit).toEqual([[false, false, false, false]]);
    expect((await mailboxMessages(dv, "poll-group")).map((m) => m.seen)).toEqual([true, false, true, true]);
    expect((await receivedFrom(account.id)).map((r) => r.sourceRef?.split(":")[2])).toEqual([uids[0], uids[2], uids[3]].map(String));

    const second = await pollAccount(db, account.id);
    expect(second).toMatchObject({ status: "ok", processed: 1, outcomes: { created: 1 }, error: null });
    expect((await mailboxMessages(dv, "poll-group")).map((m) => m.seen)).toEqual([true, true, true, true]);
    for (const id of ids) expect(await articlesWithMessageId(id)).toHaveLength(1);
  });

  it("a wrong password is recorded as an authentication failure and nothing is imported", async () => {
    const account = await createAccount("poll-d", { secret: "not-the-password" });
    await appendMessages(dv, "poll-d", [rawMail({ subject: "Nobody will read this", messageId: mid("auth") })]);

    const result = await pollAccount(db, account.id);
    expect(result).toMatchObject({ status: "error", processed: 0, error: expect.stringMatching(/^authentication failed/) });
    expect(await accountRow(account.id)).toMatchObject({ importedCount: 0, errorCount: 1, lastError: expect.stringMatching(/^authentication failed/) });
    expect(await receivedFrom(account.id)).toHaveLength(0);
    expect((await mailboxMessages(dv, "poll-d")).map((m) => m.seen)).toEqual([false]);
  });

  it("a folder that does not exist and a closed port are reported on the account", async () => {
    const missing = await createAccount("no-such-folder");
    expect(await pollAccount(db, missing.id)).toMatchObject({ status: "error", error: expect.stringMatching(/^folder "no-such-folder" not found/) });
    const closed = await createAccount("INBOX", { port: await freePort() });
    expect(await pollAccount(db, closed.id)).toMatchObject({ status: "error", error: `connection refused by 127.0.0.1:${closed.port}` });
    expect(await accountRow(closed.id)).toMatchObject({ errorCount: 1, lastError: `connection refused by 127.0.0.1:${closed.port}` });
    // An account switched off is not polled at all.
    await db.update(mailAccounts).set({ valid: false }).where(eq(mailAccounts.id, closed.id));
    expect(await pollAccount(db, closed.id)).toMatchObject({ status: "skipped" });
    expect(await accountRow(closed.id)).toMatchObject({ errorCount: 1 });
  });

  it("deleteAfterImport removes each message from the mailbox once its ticket exists", async () => {
    const account = await createAccount("poll-del", { deleteAfterImport: true });
    const ids = [mid("del1"), mid("del2")];
    await appendMessages(dv, "poll-del", ids.map((id) => rawMail({ subject: `Delete me ${id}`, messageId: id })));
    expect(await pollAccount(db, account.id)).toMatchObject({ status: "ok", processed: 2, outcomes: { created: 2 } });
    expect(await mailboxMessages(dv, "poll-del")).toEqual([]);
    for (const id of ids) expect(await articlesWithMessageId(id)).toHaveLength(1);
  });

  it("a message over mail.max_message_bytes is never downloaded: its header is quarantined, the message stays in the mailbox (\\Seen, not deleted)", async () => {
    await setSetting(db, "mail.max_message_bytes", 20_000);
    try {
      const account = await createAccount("poll-huge", { deleteAfterImport: true });
      const id = mid("huge");
      await appendMessages(dv, "poll-huge", [rawMail({ subject: "Huge over IMAP", messageId: id, body: "z".repeat(200_000) })]);
      expect(await pollAccount(db, account.id)).toMatchObject({ status: "ok", processed: 1, outcomes: { quarantined: 1 } });
      expect((await mailboxMessages(dv, "poll-huge")).map((m) => ({ seen: m.seen, deleted: m.deleted }))).toEqual([{ seen: true, deleted: false }]);
      const [row] = await db.select().from(quarantine).where(like(quarantine.sourceRef, `${account.id}:%`));
      expect(row).toMatchObject({ source: "imap", reason: "adminMail.quarantine.reasons.tooLarge", subject: "Huge over IMAP" });
      const [stored] = await db.select().from(storedFiles).where(eq(storedFiles.sha256, row!.rawSha256));
      expect(stored!.size).toBeLessThan(20_000);
      expect(await articlesWithMessageId(id)).toEqual([]);
    } finally {
      await db.delete(settings).where(eq(settings.key, "mail.max_message_bytes"));
    }
  });

  it("a poll is bounded: at most `limit` messages, oldest first; the rest wait for the next poll", async () => {
    const account = await createAccount("poll-limit");
    const ids = [mid("l1"), mid("l2"), mid("l3")];
    await appendMessages(dv, "poll-limit", ids.map((id) => rawMail({ subject: `Limited ${id}`, messageId: id })));
    expect(await pollAccount(db, account.id, { limit: 2 })).toMatchObject({ status: "ok", processed: 2, more: true });
    expect((await mailboxMessages(dv, "poll-limit")).map((m) => m.seen)).toEqual([true, true, false]);
    expect(await pollAccount(db, account.id, { limit: 2 })).toMatchObject({ status: "ok", processed: 1, more: false });
    expect(await accountRow(account.id)).toMatchObject({ importedCount: 3 });
  });

  it("an account another poll holds (advisory lock) is skipped as busy, untouched", async () => {
    const account = await createAccount("poll-busy");
    await appendMessages(dv, "poll-busy", [rawMail({ subject: "Wait your turn", messageId: mid("busy") })]);
    const holder = await db.$client.reserve();
    try {
      await holder`select pg_advisory_lock(${0x4d424f58}::int, ${account.id}::int)`;
      expect(await pollAccount(db, account.id)).toMatchObject({ status: "busy", processed: 0 });
      expect((await mailboxMessages(dv, "poll-busy")).map((m) => m.seen)).toEqual([false]);
      expect(await accountRow(account.id)).toMatchObject({ lastPollAt: null });
    } finally {
      await holder`select pg_advisory_unlock(${0x4d424f58}::int, ${account.id}::int)`;
      holder.release();
    }
    // Two polls started at once: whichever gets the account imports the message, once.
    const both = await Promise.all([pollAccount(db, account.id), pollAccount(db, account.id)]);
    expect(both.every((r) => r.status === "ok" || r.status === "busy")).toBe(true);
    expect(both.reduce((n, r) => n + r.processed, 0)).toBe(1);
    expect(await receivedFrom(account.id)).toHaveLength(1);
  });

  it("testConnection logs in and lists folders, and explains what is wrong", async () => {
    const base = { host: dv.host, port: dv.port, tls: false, username: dv.user, secret: dv.password };
    const ok = await testConnection(db, { ...base, folder: "poll-a" });
    expect(ok).toMatchObject({ ok: true });
    expect(ok.folders).toEqual(expect.arrayContaining(["INBOX", "poll-a"]));
    expect(await testConnection(db, { ...base, folder: "nope" })).toMatchObject({ ok: false, error: 'folder "nope" not found', folders: expect.arrayContaining(["INBOX"]) });
    expect(await testConnection(db, { ...base, secret: "wrong" })).toEqual({ ok: false, error: expect.stringMatching(/^authentication failed/) });
  });

  it("the cron job polls every valid account; a failing account does not stop the others", async () => {
    await db.update(mailAccounts).set({ valid: false });
    const bad = await createAccount("job-good", { secret: "wrong" });
    const good = await createAccount("job-good");
    const id = mid("job");
    await appendMessages(dv, "job-good", [rawMail({ subject: "Through the job", messageId: id })]);

    const result = await pollMailboxesHandler.run(db, {});
    expect(result).toEqual({ accounts: 2, processed: 1, failed: [bad.id], busy: [] });
    expect(await articlesWithMessageId(id)).toHaveLength(1);
    expect(await accountRow(bad.id)).toMatchObject({ errorCount: 1, lastError: expect.stringMatching(/^authentication failed/) });
    expect(await accountRow(good.id)).toMatchObject({ importedCount: 1, lastError: null });
  });

  it("the worker picks up an enqueued poll and imports the message end to end", async () => {
    await db.update(mailAccounts).set({ valid: false });
    const queue = await createQueue();
    const account = await createAccount("worker", { queueId: queue.id });
    const id = mid("worker");
    await appendMessages(dv, "worker", [rawMail({ subject: "Picked up by the worker", messageId: id })]);

    const jobId = await requestPoll(db, account.id);
    expect(jobId).toEqual(expect.any(String));
    worker = await runWorker();
    const state = await waitFor(
      async () => (await db.execute<{ state: string }>(sql`select state from pgboss.job where id = ${jobId}`))[0]?.state,
      (s) => s === "completed" || s === "failed",
    );
    expect(state).toBe("completed");

    const [article] = await articlesWithMessageId(id);
    expect(article).toBeDefined();
    const [ticket] = await db.select().from(tickets).where(eq(tickets.id, article!.ticketId));
    expect(ticket).toMatchObject({ title: "Picked up by the worker", queueId: queue.id });
    expect((await mailboxMessages(dv, "worker")).map((m) => m.seen)).toEqual([true]);
    expect(await accountRow(account.id)).toMatchObject({ importedCount: 1, lastError: null });
    // The minute's cron run may have polled too: still one article.
    expect(await receivedFrom(account.id)).toHaveLength(1);

    await worker.stop();
    worker = undefined;
  });
});
