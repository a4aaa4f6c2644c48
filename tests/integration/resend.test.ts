import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/resend/route";
import { createDb, db } from "@/db";
import { articles, attachments, inboundMessages, outbox, quarantine, settings, storedFiles, tickets, webhookEvents } from "@/db/schema";
import { installJobSchema } from "@/jobs/install";
import { resendFetch } from "@/jobs/definitions/resend-fetch";
import { resendFetchHandler } from "@/jobs/handlers/resend-fetch";
import { resendReconcileHandler } from "@/jobs/handlers/resend-reconcile";
import { runWorker } from "@/jobs/worker";
import { batchStats, ingestMail } from "@/server/mail/postmaster";
import { buildMime, type FetchOutcome, fetchReceivedEmail, handleResendWebhook, type ReconcileResult } from "@/server/mail/resend";
import { setSetting } from "@/server/services/settings";
import { deliver, providerIdempotencyKey } from "@/server/mail/transport";
import { parseMail } from "@/server/mail/parse";
import { tableCounts } from "../helpers/db-state";
import { freePort } from "../helpers/dovecot";
import { deliveryEvent, type FakeResend, receivedEvent, type SentEmail, signWebhook, startFakeResend } from "../helpers/fake-resend";
import { createCustomer, createQueue, createTicket } from "../factories";

// Read lazily by server/env.ts, but set before any module could read them.
const keys = vi.hoisted(() => {
  const k = { apiKey: "re_test_0123456789abcdef", secret: "whsec_dGVzdC1zaWduaW5nLXNlY3JldC1mb3ItcmVzZW5kLXdlYmhvb2tz" };
  process.env.RESEND_API_KEY = k.apiKey;
  process.env.RESEND_WEBHOOK_SECRET = k.secret;
  return k;
});
const fileStore = (process.env.FILE_STORE_DIR = mkdtempSync(path.join(tmpdir(), "helpdesk-resend-files-")));

let fake: FakeResend;
let worker: Awaited<ReturnType<typeof runWorker>> | undefined;

beforeAll(async () => {
  fake = await startFakeResend({ apiKey: keys.apiKey });
  // The SDK reads RESEND_BASE_URL when a client is built (transport.ts builds one per delivery).
  process.env.RESEND_BASE_URL = fake.url;
  await installJobSchema(process.env.DATABASE_URL!);
});

afterAll(async () => {
  await worker?.stop();
  await fake?.stop();
  rmSync(fileStore, { recursive: true, force: true });
});

const mid = (tag: string) => `${tag}-${randomUUID()}@customer.example`;
const sha = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");
const b64 = (bytes: Buffer) => bytes.toString("base64").replace(/.{76}(?=.)/g, "$&\r\n");

async function post(signed: { body: string; headers: Record<string, string> }) {
  const response = await POST(new Request("http://desk.test/api/webhooks/resend", { method: "POST", headers: signed.headers, body: signed.body }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function fetchJobs(emailId: string) {
  return db.execute<{ id: string; state: string; data: { emailId: string } }>(
    sql`select id, state, data from pgboss.job where name = ${resendFetch.name} and data->>'emailId' = ${emailId} order by created_on`,
  );
}

/** Runs the queued resend.fetch job for `emailId` exactly as the worker would (its stored payload). */
async function runFetchJob(emailId: string): Promise<FetchOutcome> {
  const [job] = await fetchJobs(emailId);
  expect(job, `a resend.fetch job for ${emailId}`).toBeDefined();
  return (await resendFetchHandler.run(db, resendFetch.payload.parse(job!.data))) as FetchOutcome;
}

async function inboundFor(emailId: string) {
  return db.select().from(inboundMessages).where(and(eq(inboundMessages.source, "resend"), eq(inboundMessages.sourceRef, emailId)));
}

async function articleWithFiles(articleId: number) {
  const [article] = await db.select().from(articles).where(eq(articles.id, articleId));
  const files = await db.select().from(attachments).where(eq(attachments.articleId, articleId)).orderBy(attachments.filename);
  return { article: article!, files };
}

async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function plainMail(m: { subject: string; messageId: string; body?: string; from?: string; extra?: string[] }) {
  return [
    `From: ${m.from ?? "Customer <customer@customer.example>"}`,
    "To: support@desk.example",
    `Subject: ${m.subject}`,
    `Message-ID: <${m.messageId}>`,
    `Date: ${new Date().toUTCString()}`,
    ...(m.extra ?? []),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    m.body ?? `Hello,\r\n\r\n${m.subject}\r\n`,
    "",
  ].join("\r\n");
}

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1");
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082", "hex");
const CSV = Buffer.from("Gerät;Größe\nDrucker;2 MB\n", "utf8");

/** The first customer message: multipart with a PDF, encoded-word subject and sender. */
function firstMessage(messageId: string) {
  return [
    "From: =?UTF-8?Q?J=C3=B6rg_Kunde?= <joerg@customer.example>",
    "To: support@desk.example",
    "Subject: =?UTF-8?B?RHJ1Y2tlciBicmVubnQg4oCTIEhpbGZl?=",
    `Message-ID: <${messageId}>`,
    `Date: ${new Date().toUTCString()}`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="outer"',
    "",
    "--outer",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    "Hallo, der Drucker brennt. Grüße, Jörg",
    "--outer",
    'Content-Type: application/pdf; name="report.pdf"',
    'Content-Disposition: attachment; filename="report.pdf"',
    "Content-Transfer-Encoding: base64",
    "",
    b64(PDF),
    "--outer--",
    "",
  ].join("\r\n");
}

/** The customer's answer: threading headers, HTML with an inline image, an RFC 2231-named attachment. */
function replyMessage(messageId: string, inReplyTo: string) {
  return [
    "From: =?UTF-8?Q?J=C3=B6rg_Kunde?= <joerg@customer.example>",
    "To: support@desk.example",
    "Subject: =?UTF-8?B?UmU6IERydWNrZXIgYnJlbm50IOKAkyBIaWxmZQ==?=",
    `Message-ID: <${messageId}>`,
    `In-Reply-To: <${inReplyTo}>`,
    `References: <${inReplyTo}>`,
    `Date: ${new Date().toUTCString()}`,
    "X-Mailer: Test Mailer 1.0",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="m"',
    "",
    "--m",
    'Content-Type: multipart/related; boundary="r"',
    "",
    "--r",
    'Content-Type: multipart/alternative; boundary="alt"',
    "",
    "--alt",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    "Danke! Foto anbei. Größe: 2 MB",
    "--alt",
    "Content-Type: text/html; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    '<p>Danke! Foto anbei. Größe: 2 MB</p><img src="cid:photo1@customer.example">',
    "--alt--",
    "--r",
    'Content-Type: image/png; name="photo.png"',
    'Content-Disposition: inline; filename="photo.png"',
    "Content-ID: <photo1@customer.example>",
    "Content-Transfer-Encoding: base64",
    "",
    b64(PNG),
    "--r--",
    "--m",
    "Content-Type: text/csv; name*=utf-8''%C3%9Cbersicht.csv",
    "Content-Disposition: attachment; filename*=utf-8''%C3%9Cbersicht.csv",
    "Content-Transfer-Encoding: base64",
    "",
    b64(CSV),
    "--m--",
    "",
  ].join("\r\n");
}

describe("Resend webhook", () => {
  it("verifies a signed email.received event, records it once, and queues one resend.fetch job", async () => {
    const emailId = await fake.receive(plainMail({ subject: "Webhook once", messageId: mid("hook") }));
    const signed = signWebhook(keys.secret, receivedEvent(fake, emailId));

    const first = await post(signed);
    expect(first.status).toBe(200);
    const [event] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, signed.id));
    expect(event).toMatchObject({ provider: "resend", type: "email.received", payload: JSON.parse(signed.body) });
    const jobs = await fetchJobs(emailId);
    expect(jobs.map((j) => j.data)).toEqual([{ emailId }]);
    expect(first.body.queued).toBe(jobs[0]!.id);

    // Resend retries the same event (same svix id), re-signed with a fresh timestamp: recorded once.
    const again = await post(signed);
    const resigned = await post(signWebhook(keys.secret, signed.body, { id: signed.id }));
    expect([again, resigned]).toEqual([
      { status: 200, body: { ok: true, duplicate: true } },
      { status: 200, body: { ok: true, duplicate: true } },
    ]);
    expect(await fetchJobs(emailId)).toHaveLength(1);
    expect(await db.select().from(webhookEvents).where(eq(webhookEvents.id, signed.id))).toHaveLength(1);
    // Answering fast: nothing was fetched from Resend while handling the webhook.
    expect(fake.requests.filter((r) => r.path.includes(emailId))).toEqual([]);
  });

  it("refuses unsigned, wrongly signed, stale, future-dated and tampered requests, writing nothing", async () => {
    const payload = { type: "email.received", created_at: new Date().toISOString(), data: { email_id: randomUUID(), from: "x@customer.example", to: ["support@desk.example"], subject: "Forged", message_id: `<${mid("forged")}>`, attachments: [] } };
    const good = signWebhook(keys.secret, payload);
    const before = await tableCounts();

    const unsigned = await post({ body: good.body, headers: { "content-type": "application/json" } });
    const noSignature = await post({ body: good.body, headers: { ...good.headers, "svix-signature": "" } });
    const otherSecret = await post(signWebhook("whsec_b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldC1vdGhlcg==", payload));
    const stale = await post(signWebhook(keys.secret, payload, { timestamp: new Date(Date.now() - 6 * 60_000) }));
    const future = await post(signWebhook(keys.secret, payload, { timestamp: new Date(Date.now() + 6 * 60_000) }));
    const tampered = await post({ body: good.body.replace("Forged", "Forgeď"), headers: good.headers });
    const otherId = await post({ body: good.body, headers: { ...good.headers, "svix-id": `${good.id}x` } });
    const notAnEvent = await post(signWebhook(keys.secret, "[1, 2, 3]"));
    const noEmailId = await post(signWebhook(keys.secret, { type: "email.received", data: {} }));

    expect([unsigned.status, noSignature.status]).toEqual([400, 400]);
    expect([otherSecret.status, stale.status, future.status, tampered.status, otherId.status]).toEqual([401, 401, 401, 401, 401]);
    expect(stale.body.error).toMatch(/too old/);
    expect([notAnEvent.status, noEmailId.status]).toEqual([400, 400]);
    expect(await tableCounts()).toEqual(before);
  });

  it("answers 503 without writing while the database is down; Resend's retry after recovery queues one job", async () => {
    const emailId = await fake.receive(plainMail({ subject: "Sent during an outage", messageId: mid("outage") }));
    const signed = signWebhook(keys.secret, receivedEvent(fake, emailId));
    const down = createDb(`postgres://nobody:nothing@127.0.0.1:${await freePort()}/helpdesk`, 1);
    try {
      const reply = await handleResendWebhook(down, signed.body, new Headers(signed.headers));
      expect(reply.status).toBe(503);
    } finally {
      await down.$client.end({ timeout: 1 });
    }
    expect(await db.select().from(webhookEvents).where(eq(webhookEvents.id, signed.id))).toEqual([]);
    expect(await fetchJobs(emailId)).toEqual([]);

    expect((await post(signed)).status).toBe(200);
    expect(await post(signed)).toMatchObject({ status: 200, body: { duplicate: true } });
    expect(await fetchJobs(emailId)).toHaveLength(1);
  });

  it("answers 503 and records nothing when no signing secret is configured", async () => {
    const { env } = await import("@/server/env");
    const config = env();
    const saved = config.RESEND_WEBHOOK_SECRET;
    const before = await tableCounts();
    config.RESEND_WEBHOOK_SECRET = undefined;
    try {
      const reply = await post(signWebhook(keys.secret, { type: "email.delivered", data: { email_id: randomUUID() } }));
      expect(reply.status).toBe(503);
    } finally {
      config.RESEND_WEBHOOK_SECRET = saved;
    }
    expect(await tableCounts()).toEqual(before);
  });
});

describe("Resend webhook: body limit", () => {
  /** A request body that counts what the handler pulled; endless unless `total` is given. */
  function countingBody(total = Infinity) {
    const seen = { bytes: 0 };
    const chunk = new Uint8Array(64 * 1024).fill(0x7b);
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (seen.bytes >= total) return controller.close();
          seen.bytes += chunk.length;
          controller.enqueue(chunk);
        },
      },
      { highWaterMark: 0 },
    );
    return { stream, seen };
  }
  const request = (stream: ReadableStream<Uint8Array>, headers: Record<string, string>) =>
    new Request("http://desk.test/api/webhooks/resend", { method: "POST", headers, body: stream, duplex: "half" } as RequestInit);

  it("a declared Content-Length over the cap is answered 413 before a byte is read", async () => {
    const signed = signWebhook(keys.secret, { type: "email.received", data: { email_id: "re_big" } });
    const { stream, seen } = countingBody(2 * 1024 * 1024);
    const response = await POST(request(stream, { ...signed.headers, "content-length": String(200 * 1024 * 1024) }));
    expect(response.status).toBe(413);
    expect(seen.bytes).toBe(0);
  });

  it("an endless body without a length is cut off just past the cap and answered 413", async () => {
    const signed = signWebhook(keys.secret, { type: "email.received", data: { email_id: "re_endless" } });
    const { stream, seen } = countingBody();
    const response = await POST(request(stream, signed.headers));
    expect(response.status).toBe(413);
    expect(seen.bytes).toBeLessThanOrEqual(1_000_000 + 2 * 64 * 1024);
  });
});

describe("resend.fetch", () => {
  let first: { emailId: string; messageId: string; outcome: FetchOutcome };

  it("reads the raw message, creates the ticket with its attachment and records the outcome; a retry fetches nothing", async () => {
    const messageId = mid("raw");
    const emailId = await fake.receive(firstMessage(messageId));
    expect((await post(signWebhook(keys.secret, receivedEvent(fake, emailId)))).status).toBe(200);

    const outcome = await runFetchJob(emailId);
    expect(outcome).toMatchObject({ emailId, via: "raw", outcome: "created", ticketNumber: expect.any(String), articleId: expect.any(String) });
    first = { emailId, messageId, outcome };

    const [inbound] = await inboundFor(emailId);
    expect(inbound).toMatchObject({ source: "resend", sourceRef: emailId, outcome: "created", messageKey: `mid:<${messageId.toLowerCase()}>`, rawSha256: sha(fake.received(emailId).raw) });
    const { article, files } = await articleWithFiles(Number(outcome.articleId));
    expect(article).toMatchObject({ channel: "email", senderType: "customer", subject: "Drucker brennt – Hilfe", messageId: `<${messageId}>`, fromAddress: "Jörg Kunde <joerg@customer.example>" });
    expect(article.bodyText).toContain("Grüße, Jörg");
    expect(files.map((f) => ({ filename: f.filename, sha: f.fileSha256 }))).toEqual([{ filename: "report.pdf", sha: sha(PDF) }]);
    const [ticket] = await db.select().from(tickets).where(eq(tickets.number, outcome.ticketNumber!));
    expect(ticket).toMatchObject({ title: "Drucker brennt – Hilfe" });
    // The signed download URL is the credential: the API key never goes to it.
    expect(fake.downloads.filter((d) => d.path.includes(emailId)).map((d) => d.authorization)).toEqual([null]);

    const apiCalls = fake.requests.length;
    const retry = await runFetchJob(emailId);
    expect(retry).toMatchObject({ emailId, outcome: "duplicate", via: null });
    expect(fake.requests.length).toBe(apiCalls);
    expect(await inboundFor(emailId)).toHaveLength(1);
  });

  it("rebuilds the message from the API's fields and attachments when Resend offers no raw copy: it threads onto the ticket", async () => {
    const messageId = mid("rebuilt");
    const emailId = await fake.receive(replyMessage(messageId, first.messageId), { raw: false });
    expect((await post(signWebhook(keys.secret, receivedEvent(fake, emailId)))).status).toBe(200);

    const outcome = await runFetchJob(emailId);
    expect(outcome).toMatchObject({ emailId, via: "rebuilt", outcome: "follow_up", ticketNumber: first.outcome.ticketNumber });
    const { article, files } = await articleWithFiles(Number(outcome.articleId));
    expect(article).toMatchObject({
      subject: "Re: Drucker brennt – Hilfe",
      fromAddress: "Jörg Kunde <joerg@customer.example>",
      messageId: `<${messageId}>`,
      inReplyTo: `<${first.messageId}>`,
      references: `<${first.messageId}>`,
    });
    expect(article.bodyText).toContain("Größe: 2 MB");
    expect(article.bodyHtml).toContain("Foto anbei");
    expect(files.map((f) => ({ filename: f.filename, sha: f.fileSha256, inline: f.inline, contentId: f.contentId }))).toEqual([
      { filename: "photo.png", sha: sha(PNG), inline: true, contentId: "<photo1@customer.example>" },
      { filename: "Übersicht.csv", sha: sha(CSV), inline: false, contentId: null },
    ]);
    // The rebuilt message keeps the original's other headers too.
    const [inbound] = await inboundFor(emailId);
    expect(inbound).toMatchObject({ outcome: "follow_up", ticketId: article.ticketId });
  });

  it("builds the same bytes on every attempt, encoding non-ASCII headers and names", async () => {
    const email = {
      id: "8136d3fb-0439-4b09-b939-b8436a3524b6",
      from: '"Müller, Anna" <anna@customer.example>',
      to: ["support@desk.example"],
      cc: [],
      reply_to: [],
      subject: "Ärger mit dem Drucker – dringend, bitte schnell ansehen, es eilt wirklich sehr",
      message_id: "<m1@customer.example>",
      created_at: "2025-10-09 14:37:40.951732+00",
      text: "Grüße",
      html: null,
      headers: { "Auto-Submitted": "auto-replied", "X-Injected": "a\r\nBcc: evil@example.com" },
    };
    const files = [{ meta: { filename: "Prüfbericht.pdf", content_type: "application/pdf", content_disposition: "attachment" as const, content_id: undefined }, content: PDF }];
    const raw = buildMime(email, files);
    expect(sha(buildMime(email, files))).toBe(sha(raw));
    expect(/^[\x00-\x7f]*$/.test(raw.toString("latin1"))).toBe(true);
    const parsed = await parseMail(raw);
    expect(parsed).toMatchObject({
      subject: email.subject,
      from: { address: "anna@customer.example", name: "Müller, Anna" },
      messageId: "<m1@customer.example>",
      text: expect.stringContaining("Grüße"),
      date: new Date("2025-10-09T14:37:40Z"),
    });
    expect(parsed.headers.get("auto-submitted")).toEqual(["auto-replied"]);
    expect(parsed.headers.get("bcc")).toBeUndefined();
    expect(parsed.attachments.map((a) => ({ filename: a.filename, sha: sha(a.content) }))).toEqual([{ filename: "Prüfbericht.pdf", sha: sha(PDF) }]);
  });

  it("retries (throws) while Resend is unavailable, and gives up quietly on an e-mail Resend no longer has", async () => {
    const emailId = await fake.receive(plainMail({ subject: "Outage at Resend", messageId: mid("api-down") }));
    fake.failNext(1, 503, new RegExp(`/emails/receiving/${emailId}$`));
    await expect(resendFetchHandler.run(db, { emailId })).rejects.toThrow(/Resend refused/);
    expect(await inboundFor(emailId)).toEqual([]);
    expect(await resendFetchHandler.run(db, { emailId })).toMatchObject({ outcome: "created", via: "raw" });

    expect(await resendFetchHandler.run(db, { emailId: randomUUID() })).toMatchObject({ outcome: "not_found" });
  });
});

describe("resend.fetch: size limit", () => {
  it("a message over mail.max_message_bytes is not downloaded past the limit: quarantined without its body, the original left at Resend", async () => {
    await setSetting(db, "mail.max_message_bytes", 20_000);
    try {
      const emailId = await fake.receive(plainMail({ subject: "Huge at Resend", messageId: mid("huge"), body: "z".repeat(200_000) }));
      const outcome = await fetchReceivedEmail(db, emailId);
      expect(outcome).toMatchObject({ outcome: "quarantined", reason: "adminMail.quarantine.reasons.tooLarge" });
      const [row] = await db.select().from(quarantine).where(eq(quarantine.sourceRef, emailId));
      expect(row).toMatchObject({ source: "resend", reason: "adminMail.quarantine.reasons.tooLarge", subject: "Huge at Resend" });
      expect(row!.detail).toContain(emailId);
      const [stored] = await db.select().from(storedFiles).where(eq(storedFiles.sha256, row!.rawSha256));
      expect(stored!.size).toBeLessThan(20_000);
    } finally {
      await db.delete(settings).where(eq(settings.key, "mail.max_message_bytes"));
    }
  });
});

describe("resend.reconcile", () => {
  it("queues a fetch for each recent e-mail the desk does not have, and for nothing else", async () => {
    const missed = await fake.receive(plainMail({ subject: "Webhook never came", messageId: mid("missed") }));
    // Already delivered to the desk by another route (the pipe) under the same Message-ID.
    const piped = mid("piped");
    const pipedRaw = plainMail({ subject: "Came by pipe too", messageId: piped });
    expect(await ingestMail(db, Buffer.from(pipedRaw), { source: "pipe" })).toMatchObject({ outcome: "created" });
    const pipedId = await fake.receive(pipedRaw);
    // Older than the window: not Resend's problem any more.
    const old = await fake.receive(plainMail({ subject: "Last week", messageId: mid("old") }), { createdAt: new Date(Date.now() - 7 * 86_400_000) });

    // Small pages, to walk the cursor.
    const result = (await resendReconcileHandler.run(db, { lookbackHours: 48, pageSize: 2 })) as ReconcileResult;
    expect(result.enqueued).toEqual([missed]);
    expect(result.pages).toBeGreaterThan(1);
    expect(await fetchJobs(pipedId)).toEqual([]);
    expect(await fetchJobs(old)).toEqual([]);

    expect(await runFetchJob(missed)).toMatchObject({ outcome: "created", via: "raw" });
    expect(await inboundFor(missed)).toEqual([expect.objectContaining({ outcome: "created" })]);
    const again = (await resendReconcileHandler.run(db, {})) as ReconcileResult;
    expect(again.enqueued).toEqual([]);
    expect(await fetchJobs(missed)).toHaveLength(1);
  });
});

describe("mail out through Resend", () => {
  /** An outgoing agent reply (article + outbox row), as compose.ts queues it. */
  async function queuedReply(tag: string) {
    const customer = await createCustomer();
    const queue = await createQueue();
    const ticket = await createTicket({ customer, queue });
    const messageId = `<${tag}-${randomUUID()}@desk.example>`;
    const [article] = await db
      .insert(articles)
      .values({ ticketId: ticket.id, channel: "email", senderType: "agent", subject: `Re: ${tag}`, bodyText: "We are on it.", messageId, deliveryStatus: "queued" })
      .returning();
    const [row] = await db
      .insert(outbox)
      .values({
        kind: "reply",
        ticketId: ticket.id,
        articleId: article!.id,
        fromAddress: "Support <support@desk.example>",
        toAddresses: customer.email,
        subject: `Re: [Ticket#${ticket.number}] ${tag}`,
        bodyText: "We are on it.",
        messageId,
        inReplyTo: "<question-1@customer.example>",
        references: "<question-0@customer.example> <question-1@customer.example>",
        idempotencyKey: `reply:${article!.id}`,
      })
      .returning();
    return { article: article!, row: row! };
  }

  async function state(outboxId: number) {
    const [row] = await db.select({ status: outbox.status, error: outbox.error, providerId: outbox.providerId, articleId: outbox.articleId }).from(outbox).where(eq(outbox.id, outboxId));
    const [article] = await db.select({ status: articles.deliveryStatus, error: articles.deliveryError }).from(articles).where(eq(articles.id, row!.articleId!));
    return { outbox: { status: row!.status, error: row!.error }, article: article!, providerId: row!.providerId };
  }

  const sentWith = (row: typeof outbox.$inferSelect) => fake.sent.filter((s) => s.idempotencyKey === providerIdempotencyKey(row));

  it("deliver() sends with the idempotency key and threading headers; a retry after a lost commit sends nothing twice", async () => {
    const { row } = await queuedReply("deliver");
    expect(await deliver(db, row.id)).toBe("sent");
    const [mail] = sentWith(row);
    expect(mail!.body).toMatchObject({
      from: "Support <support@desk.example>",
      subject: row.subject,
      headers: { "Message-ID": row.messageId, "In-Reply-To": "<question-1@customer.example>", References: "<question-0@customer.example> <question-1@customer.example>" },
    });
    expect(await state(row.id)).toMatchObject({ providerId: mail!.id, outbox: { status: "sent" }, article: { status: "sent" } });

    // The worker crashed after Resend accepted the message, before the outbox row said so.
    await db.update(outbox).set({ status: "queued", providerId: null, sentAt: null }).where(eq(outbox.id, row.id));
    expect(await deliver(db, row.id)).toBe("sent");
    expect(sentWith(row)).toHaveLength(1);
    expect(fake.requests.filter((r) => r.idempotencyKey === providerIdempotencyKey(row))).toHaveLength(2);
    expect((await state(row.id)).providerId).toBe(mail!.id);
    // And a delivered row is not sent again at all.
    expect(await deliver(db, row.id)).toBe("already");
    expect(fake.requests.filter((r) => r.idempotencyKey === providerIdempotencyKey(row))).toHaveLength(2);
  });

  it("delivery events set the outbox row's and the article's status; late and repeated events change nothing", async () => {
    const { row } = await queuedReply("events");
    await deliver(db, row.id);
    const [mail] = sentWith(row);

    const delayed = signWebhook(keys.secret, deliveryEvent("email.delivery_delayed", mail!));
    expect(await post(delayed)).toEqual({ status: 200, body: { ok: true, updated: 1 } });
    expect(await state(row.id)).toMatchObject({ outbox: { status: "sent", error: expect.stringMatching(/delayed/) }, article: { status: "sent", error: expect.stringMatching(/delayed/) } });

    const delivered = signWebhook(keys.secret, deliveryEvent("email.delivered", mail!));
    expect(await post(delivered)).toEqual({ status: 200, body: { ok: true, updated: 1 } });
    expect(await state(row.id)).toMatchObject({ outbox: { status: "delivered", error: null }, article: { status: "delivered", error: null } });
    expect(await post(delivered)).toEqual({ status: 200, body: { ok: true, duplicate: true } });

    const bounce = { bounce: { type: "Permanent", subType: "General", message: "The recipient's mailbox does not exist." } };
    expect(await post(signWebhook(keys.secret, deliveryEvent("email.bounced", mail!, bounce)))).toEqual({ status: 200, body: { ok: true, updated: 1 } });
    const bounced = await state(row.id);
    expect(bounced).toMatchObject({ outbox: { status: "bounced" }, article: { status: "bounced", error: "bounced (Permanent/General): The recipient's mailbox does not exist." } });

    // A late "delivered" (another event id) and a late "delayed" do not undo the bounce.
    expect(await post(signWebhook(keys.secret, deliveryEvent("email.delivered", mail!)))).toEqual({ status: 200, body: { ok: true, updated: 0 } });
    expect(await post(signWebhook(keys.secret, deliveryEvent("email.delivery_delayed", mail!)))).toEqual({ status: 200, body: { ok: true, updated: 0 } });
    expect(await state(row.id)).toEqual(bounced);

    const other = await queuedReply("failed");
    await deliver(db, other.row.id);
    const [otherMail] = sentWith(other.row);
    await post(signWebhook(keys.secret, deliveryEvent("email.failed", otherMail!, { failed: { reason: "reached_daily_quota" } })));
    expect(await state(other.row.id)).toMatchObject({ outbox: { status: "failed" }, article: { status: "failed", error: "sending failed: reached_daily_quota" } });

    // Events the desk does not act on are recorded and acknowledged.
    expect(await post(signWebhook(keys.secret, deliveryEvent("email.opened", otherMail!)))).toEqual({ status: 200, body: { ok: true, ignored: "email.opened" } });
  });

  it("an event that arrives before its send was recorded is applied by the reconcile pass", async () => {
    const { row } = await queuedReply("early");
    const emailId = randomUUID();
    const early: SentEmail = { id: emailId, idempotencyKey: providerIdempotencyKey(row), body: { from: row.fromAddress, to: [row.toAddresses], subject: row.subject }, receivedAt: new Date() };
    expect(await post(signWebhook(keys.secret, deliveryEvent("email.delivered", early)))).toEqual({ status: 200, body: { ok: true, updated: 0 } });
    expect(await state(row.id)).toMatchObject({ outbox: { status: "queued" }, article: { status: "queued" } });

    // deliver()'s commit lands afterwards.
    await db.update(outbox).set({ status: "sent", transport: "resend", providerId: emailId, sentAt: new Date() }).where(eq(outbox.id, row.id));
    await db.update(articles).set({ deliveryStatus: "sent" }).where(eq(articles.id, row.articleId!));
    const result = (await resendReconcileHandler.run(db, {})) as ReconcileResult;
    expect(result.deliveryUpdates).toBe(1);
    expect(await state(row.id)).toMatchObject({ outbox: { status: "delivered" }, article: { status: "delivered" } });
    expect(((await resendReconcileHandler.run(db, {})) as ReconcileResult).deliveryUpdates).toBe(0);
  });
});

describe("the worker", () => {
  it("works resend.fetch end to end: webhook in, ticket out", async () => {
    const messageId = mid("worker");
    const emailId = await fake.receive(plainMail({ subject: "Through the worker", messageId }));
    expect((await post(signWebhook(keys.secret, receivedEvent(fake, emailId)))).status).toBe(200);
    worker = await runWorker();
    const jobs = await waitFor(() => fetchJobs(emailId), (rows) => rows.every((r) => r.state === "completed" || r.state === "failed"));
    expect(jobs.map((j) => j.state)).toEqual(["completed"]);
    const [inbound] = await inboundFor(emailId);
    expect(inbound).toMatchObject({ outcome: "created", messageKey: `mid:<${messageId.toLowerCase()}>` });
    await worker.stop();
    worker = undefined;
  });
});

describe("resend.fetch in batches", () => {
  /** Five e-mails at Resend: three new, one a second copy of the first (another Resend id, the same Message-ID), one that Resend fails to return once. */
  async function fiveEmails(tag: string) {
    const ids = [mid(`${tag}-a`), mid(`${tag}-b`), mid(`${tag}-c`), mid(`${tag}-failing`)];
    const emailIds = [
      await fake.receive(plainMail({ subject: `Batch ${tag} A`, messageId: ids[0]! })),
      await fake.receive(plainMail({ subject: `Batch ${tag} B`, messageId: ids[1]! })),
      await fake.receive(plainMail({ subject: `Batch ${tag} C`, messageId: ids[2]! })),
      await fake.receive(plainMail({ subject: `Batch ${tag} A`, messageId: ids[0]! })),
      await fake.receive(plainMail({ subject: `Batch ${tag} failing`, messageId: ids[3]! })),
    ];
    return { ids, emailIds, failing: emailIds[4]! };
  }
  const articleCount = async (messageId: string) => (await db.select({ id: articles.id }).from(articles).where(eq(articles.messageId, `<${messageId}>`))).length;

  it("runMany settles each e-mail on its own: a failed read fails alone, a second copy is a duplicate, the rest land once; the retry succeeds", async () => {
    const { ids, emailIds, failing } = await fiveEmails("many");
    fake.failNext(1, 503, new RegExp(`/emails/receiving/${failing}$`));
    const batches = batchStats.batches;
    const results = await resendFetchHandler.runMany!(db, emailIds.map((emailId) => ({ emailId })));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled", "rejected"]);
    const outcomes = results.map((r) => (r.status === "fulfilled" ? (r.value as FetchOutcome).outcome : null));
    // The two copies of A: one creates the ticket, the other is the duplicate (whichever was written first).
    expect([outcomes[0], outcomes[3]].sort()).toEqual(["created", "duplicate"]);
    expect(outcomes.slice(1, 3)).toEqual(["created", "created"]);
    expect(String((results[4] as PromiseRejectedResult).reason)).toMatch(/Resend refused/);
    for (const id of ids.slice(0, 3)) expect(await articleCount(id)).toBe(1);
    expect(await articleCount(ids[3]!)).toBe(0);
    expect(await inboundFor(failing)).toEqual([]);
    // The four e-mails read went through the postmaster together (one transaction, which fell back for the duplicate).
    expect(batchStats.batches).toBe(batches + 1);

    // The failed job's retry (alone, or in a later batch with an e-mail already received) lands it once.
    const retry = await resendFetchHandler.runMany!(db, [{ emailId: failing }, { emailId: emailIds[1]! }]);
    expect(retry.map((r) => (r.status === "fulfilled" ? (r.value as FetchOutcome).outcome : r.status))).toEqual(["created", "duplicate"]);
    expect(await articleCount(ids[3]!)).toBe(1);
    expect(await articleCount(ids[1]!)).toBe(1);
  });

  it("the worker works a batch of fetch jobs: the failing job alone is retried, its batch-mates complete, and the retry lands the message once", async () => {
    const { ids, emailIds, failing } = await fiveEmails("worker");
    for (const emailId of emailIds) expect((await post(signWebhook(keys.secret, receivedEvent(fake, emailId)))).status).toBe(200);
    fake.failNext(1, 503, new RegExp(`/emails/receiving/${failing}$`));
    const batches = batchStats.batches;
    worker = await runWorker();
    try {
      const settled = (rows: { state: string }[][]) => rows.every((r) => r.length === 1 && ["completed", "failed", "retry"].includes(r[0]!.state));
      const states = await waitFor(() => Promise.all(emailIds.map(fetchJobs)), settled);
      expect(states.map((r) => r[0]?.state)).toEqual(["completed", "completed", "completed", "completed", "retry"]);
      for (const id of ids.slice(0, 3)) expect(await articleCount(id)).toBe(1);
      expect(await articleCount(ids[3]!)).toBe(0);
      expect(batchStats.batches).toBeGreaterThan(batches);

      // Due now instead of after the retry delay: the worker fetches it again, and it lands once.
      await db.execute(sql`update pgboss.job set start_after = now() where name = ${resendFetch.name} and id = ${states[4]![0]!.id}`);
      const [again] = await waitFor(() => fetchJobs(failing), (rows) => rows[0]?.state === "completed");
      expect(again?.state).toBe("completed");
      expect(await articleCount(ids[3]!)).toBe(1);
      expect((await inboundFor(failing)).map((r) => r.outcome)).toEqual(["created"]);
    } finally {
      await worker.stop();
      worker = undefined;
    }
  });
});
