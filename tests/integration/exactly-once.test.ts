import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as webhook } from "@/app/api/webhooks/resend/route";
import { db } from "@/db";
import { articles, inboundMessages, mailAccounts, outbox, quarantine, webhookEvents } from "@/db/schema";
import { resendFetch } from "@/jobs/definitions/resend-fetch";
import { resendFetchHandler } from "@/jobs/handlers/resend-fetch";
import { installJobSchema } from "@/jobs/install";
import { pollAccount } from "@/server/mail/imap";
import { ingestMail } from "@/server/mail/postmaster";
import { deliver, providerIdempotencyKey } from "@/server/mail/transport";
import { appendMessages, type Dovecot, mailboxMessages, startDovecot } from "../helpers/dovecot";
import { type FakeResend, IDEMPOTENCY_WINDOW_MS, receivedEvent, signWebhook, startFakeResend } from "../helpers/fake-resend";
import { callerFor } from "../helpers/caller";
import { buildMail, createOutboxRow, uniqueMessageId } from "../helpers/mail";
import { createAgent, createCustomer, createQueue, createTicket } from "../factories";

/*
 * The exactly-once pieces `npm run chaos` leans on, one crash each, made deterministic: the
 * process dies after the desk committed and before the other side learned of it, and the other
 * side (the MTA, the IMAP poll, Resend's webhook retries, the send job's retry) tries again.
 */
const keys = vi.hoisted(() => {
  const k = { apiKey: "re_test_exactlyonce0123456", secret: "whsec_ZXhhY3RseS1vbmNlLXNpZ25pbmctc2VjcmV0LWZvci10ZXN0cw==" };
  process.env.RESEND_API_KEY = k.apiKey;
  process.env.RESEND_WEBHOOK_SECRET = k.secret;
  return k;
});
const fileStore = (process.env.FILE_STORE_DIR = mkdtempSync(path.join(tmpdir(), "helpdesk-once-files-")));

let fake: FakeResend;
let clock = Date.now();
/** What the next send does after Resend recorded it: nothing, or lose the answer (the sender "dies"). */
let afterSend: "answer" | "lose" = "answer";
let dv: Dovecot;

beforeAll(async () => {
  fake = await startFakeResend({
    apiKey: keys.apiKey,
    now: () => clock,
    onSend: () => {
      if (afterSend === "lose") throw new Error("the sender died before it read the answer");
    },
  });
  process.env.RESEND_BASE_URL = fake.url;
  dv = await startDovecot();
  await installJobSchema(process.env.DATABASE_URL!);
});

afterAll(async () => {
  await fake?.stop();
  await dv?.stop();
  rmSync(fileStore, { recursive: true, force: true });
});

const articlesWith = (messageId: string) => db.select({ id: articles.id }).from(articles).where(eq(articles.messageId, messageId));
const sha256 = (raw: Buffer) => createHash("sha256").update(raw).digest("hex");

function postmasterCli(raw: Buffer): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> } {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/postmaster.ts"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, LOG_LEVEL: "silent" },
    stdio: ["pipe", "pipe", "ignore"],
  });
  let stdout = "";
  child.stdout!.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
  child.stdin!.end(raw);
  return { child, done: new Promise((resolve) => child.once("close", (code, signal) => resolve({ code, signal, stdout }))) };
}

describe("exactly once under crashes", { timeout: 240_000 }, () => {
  it("a postmaster run killed -9 right after its commit, retried by the MTA, makes one article", async () => {
    const messageId = uniqueMessageId();
    const raw = buildMail({ subject: "Killed after commit", messageId });
    const first = postmasterCli(raw);
    // Kill it the moment its ingest is committed (before it printed, closed the pool and exited).
    for (let i = 0; i < 2400 && (await db.select().from(inboundMessages).where(eq(inboundMessages.messageKey, `mid:${messageId.slice(1, -1).toLowerCase()}`))).length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    first.child.kill("SIGKILL");
    await first.done;
    expect(await articlesWith(messageId)).toHaveLength(1);

    const retry = await postmasterCli(raw).done;
    expect(retry.code).toBe(0);
    expect(JSON.parse(retry.stdout).outcome).toBe("duplicate");
    expect(await articlesWith(messageId)).toHaveLength(1);
  });

  it("a message without a Message-ID delivered twice is keyed by its hash: one article", async () => {
    const raw = buildMail({ subject: "No Message-ID", messageId: null });
    expect((await ingestMail(db, raw, { source: "pipe" })).outcome).toBe("created");
    expect((await ingestMail(db, raw, { source: "pipe" })).outcome).toBe("duplicate");
    expect(await db.select().from(articles).where(eq(articles.rawFileSha256, sha256(raw)))).toHaveLength(1);
  });

  it("a quarantined message delivered again stays one quarantine row", async () => {
    const raw = buildMail({ from: null, subject: "Nobody sent this" });
    expect((await ingestMail(db, raw, { source: "pipe" })).outcome).toBe("quarantined");
    expect((await ingestMail(db, raw, { source: "imap", sourceRef: "9:1:1" })).outcome).toBe("quarantined");
    const rows = await db.select({ reason: quarantine.reason }).from(quarantine).where(eq(quarantine.rawSha256, sha256(raw)));
    expect(rows).toEqual([{ reason: "the message has no sender address" }]);
  });

  it("an IMAP message re-polled after a crash between the commit and the \\Seen flag makes one article and is then flagged", async () => {
    const [account] = await db.insert(mailAccounts).values({ name: "Once", host: dv.host, port: dv.port, tls: false, username: dv.user, secret: dv.password, folder: "once" }).returning();
    const messageId = uniqueMessageId();
    const raw = buildMail({ subject: "Polled, committed, crashed", messageId });
    const [uid] = await appendMessages(dv, "once", [raw]);
    // What the crashed poll got done: the ingest committed; the flag was never set.
    expect((await ingestMail(db, raw, { source: "imap", sourceRef: `${account!.id}:1:${uid}`, accountId: account!.id })).outcome).toBe("created");
    expect((await mailboxMessages(dv, "once")).map((m) => m.seen)).toEqual([false]);

    expect(await pollAccount(db, account!.id)).toMatchObject({ status: "ok", processed: 1, outcomes: { duplicate: 1 } });
    expect((await mailboxMessages(dv, "once")).map((m) => m.seen)).toEqual([true]);
    expect(await articlesWith(messageId)).toHaveLength(1);
  });

  it("a webhook delivered twice (same event, and the same e-mail in a second event) makes one article", async () => {
    const messageId = uniqueMessageId();
    const emailId = await fake.receive(buildMail({ subject: "Webhook twice", messageId }));
    const event = receivedEvent(fake, emailId);
    const post = async (svixId: string) => {
      const signed = signWebhook(keys.secret, event, { id: svixId });
      const response = await webhook(new Request("http://desk.test/api/webhooks/resend", { method: "POST", headers: signed.headers, body: signed.body }));
      return response.status;
    };
    expect(await post("msg_once_1")).toBe(200);
    expect(await post("msg_once_1")).toBe(200);
    expect(await post("msg_once_2")).toBe(200);
    expect(await db.select().from(webhookEvents).where(sql`${webhookEvents.id} in ('msg_once_1', 'msg_once_2')`)).toHaveLength(2);
    // Each fetch job runs (a worker that died mid-fetch has it retried, too).
    for (let i = 0; i < 3; i++) await resendFetchHandler.run(db, resendFetch.payload.parse({ emailId }));
    expect(await articlesWith(messageId)).toHaveLength(1);
  });

  it("a send retried after Resend accepted the first attempt (the answer lost) sends one mail, by the row's idempotency key", async () => {
    const row = await createOutboxRow();
    afterSend = "lose";
    await expect(deliver(db, row.id)).rejects.toThrow();
    afterSend = "answer";
    const [stillQueued] = await db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, row.id));
    expect(stillQueued!.status).toBe("queued");

    expect(await deliver(db, row.id)).toBe("sent");
    const sends = fake.sent.filter((s) => s.body.headers?.["Message-ID"] === row.messageId);
    expect(sends).toHaveLength(1);
    expect(sends[0]!.idempotencyKey).toBe(providerIdempotencyKey(row));
    const [sent] = await db.select({ status: outbox.status, providerId: outbox.providerId }).from(outbox).where(eq(outbox.id, row.id));
    expect(sent).toEqual({ status: "sent", providerId: sends[0]!.id });
  });

  it("the fake Resend forgets a key after 24 hours, as Resend does; the key differs per outbox row even when a reset database reuses ids", async () => {
    const row = await createOutboxRow();
    expect(await deliver(db, row.id)).toBe("sent");
    await db.update(outbox).set({ status: "queued" }).where(eq(outbox.id, row.id));
    clock += IDEMPOTENCY_WINDOW_MS + 1000;
    try {
      expect(await deliver(db, row.id)).toBe("sent");
    } finally {
      clock = Date.now();
    }
    expect(fake.sent.filter((s) => s.body.headers?.["Message-ID"] === row.messageId)).toHaveLength(2);
    const reused = { ...row, createdAt: new Date(row.createdAt.getTime() + 60_000) };
    expect(providerIdempotencyKey(reused)).not.toBe(providerIdempotencyKey(row));
    expect(providerIdempotencyKey({ ...row })).toBe(providerIdempotencyKey(row));
  });

  it("a reply submitted again with the same submit key (the first answer lost) is one article and one mail", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue], permissions: ["rw"] });
    const ticket = await createTicket({ customer: await createCustomer(), queue });
    const submitKey = randomUUID();
    const first = await callerFor(agent).article.reply({ ticketId: ticket.id, body: "Restart the router.", submitKey });
    const again = await callerFor(agent).article.reply({ ticketId: ticket.id, body: "Restart the router.", submitKey });
    expect(again).toMatchObject({ articleId: first.articleId, newTicket: false });
    const written = await db.select({ id: articles.id }).from(articles).where(eq(articles.submitKey, submitKey));
    expect(written).toEqual([{ id: first.articleId }]);
    expect(await db.select().from(outbox).where(eq(outbox.articleId, first.articleId!))).toHaveLength(1);
    // Another draft is another reply.
    const other = await callerFor(agent).article.reply({ ticketId: ticket.id, body: "Restart the router.", submitKey: randomUUID() });
    expect(other.articleId).not.toBe(first.articleId);
  });
});
