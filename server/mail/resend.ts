import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { type AttachmentData, type GetReceivingEmailResponseSuccess, Resend } from "resend";
import { Webhook, WebhookVerificationError } from "svix";
import { z } from "zod";
import type { Db, Tx } from "@/db";
import { articles, inboundMessages, outbox, quarantine, webhookEvents } from "@/db/schema";
import { resendFetch } from "@/jobs/definitions/resend-fetch";
import { enqueue } from "@/jobs/enqueue";
import { env } from "@/server/env";
import { logger } from "@/server/logger";
import { fetchBytes } from "@/server/net/safe-fetch";
import { recordDelivery } from "@/server/services/tickets/lifecycle";
import { normalizeMessageId } from "./parse";
import { type IngestOutcome, ingestInGroups, ingestMail, loadMailLimits, quarantineOversize } from "./postmaster";

/*
 * Resend, both ways (SPEC §4, §6):
 * - the webhook (`POST /api/webhooks/resend`): verified with the endpoint's svix signing secret,
 *   recorded once per svix id, answered at once; `email.received` queues `resend.fetch`, delivery
 *   events set the outgoing article's delivery status;
 * - `resend.fetch`: reads the message through the receiving API (the raw MIME download, or a MIME
 *   message rebuilt from the fields and attachments when no raw copy is offered) into the postmaster;
 * - `resend.reconcile`: lists recent received mail and fetches what no webhook announced.
 */

/** A Resend client for the configured key; RESEND_BASE_URL (a test server, a proxy) when set. */
export function resendClient(): Resend {
  const { RESEND_API_KEY: key, RESEND_BASE_URL: baseUrl } = env();
  if (!key) throw new Error("RESEND_API_KEY is not set: mail cannot be read from Resend");
  return new Resend(key, baseUrl ? { baseUrl } : undefined);
}

// ---------------------------------------------------------------------------------------------
// Webhook

export type WebhookReply = { status: number; body: Record<string, unknown> };

/** Webhook bodies are small JSON documents (the message itself is fetched separately). */
export const MAX_WEBHOOK_BODY = 1_000_000;

const DELIVERY_EVENTS = new Set(["email.sent", "email.delivered", "email.delivery_delayed", "email.bounced", "email.failed", "email.suppressed"]);

const eventSchema = z
  .object({
    type: z.string().min(1).max(100),
    created_at: z.string().optional(),
    data: z.looseObject({ email_id: z.string().min(1).max(200).optional() }),
  })
  .refine((e) => !(e.type === "email.received" || DELIVERY_EVENTS.has(e.type)) || Boolean(e.data.email_id), { message: "e-mail events carry data.email_id" });

type ResendEvent = z.infer<typeof eventSchema>;

/**
 * Handles one webhook request. Refusals (400/401/413) write nothing; a request that was verified
 * but could not be recorded (database down) gets 503, so Resend delivers it again later.
 */
export async function handleResendWebhook(db: Db, rawBody: string, headers: Headers): Promise<WebhookReply> {
  const secret = env().RESEND_WEBHOOK_SECRET;
  if (!secret) {
    logger.error("Resend webhook called but RESEND_WEBHOOK_SECRET is not set; refusing it");
    return { status: 503, body: { error: "webhook signing secret not configured" } };
  }
  // svix's own header names; the unbranded "webhook-*" names are the same scheme.
  const id = headers.get("svix-id") ?? headers.get("webhook-id");
  const timestamp = headers.get("svix-timestamp") ?? headers.get("webhook-timestamp");
  const signature = headers.get("svix-signature") ?? headers.get("webhook-signature");
  if (!id || !timestamp || !signature) return refuse(400, "missing signature headers (svix-id, svix-timestamp, svix-signature)");
  if (rawBody.length > MAX_WEBHOOK_BODY) return refuse(413, "payload too large");

  let verifier: Webhook;
  try {
    verifier = new Webhook(secret);
  } catch (error) {
    logger.error({ err: error }, "RESEND_WEBHOOK_SECRET is not a valid signing secret");
    return { status: 503, body: { error: "webhook signing secret invalid" } };
  }
  try {
    // Checks the HMAC over `${id}.${timestamp}.${body}` and that the timestamp is within 5 minutes.
    verifier.verify(rawBody, { "svix-id": id, "svix-timestamp": timestamp, "svix-signature": signature });
  } catch (error) {
    if (error instanceof WebhookVerificationError) return refuse(401, `signature rejected: ${error.message}`);
    throw error;
  }

  let payload: unknown;
  let event: ResendEvent;
  try {
    payload = JSON.parse(rawBody);
    event = eventSchema.parse(payload);
  } catch {
    return refuse(400, "not a Resend event");
  }

  try {
    return await db.transaction(async (tx) => {
      const [fresh] = await tx
        .insert(webhookEvents)
        .values({ id, provider: "resend", type: event.type, payload })
        .onConflictDoNothing()
        .returning({ id: webhookEvents.id });
      if (!fresh) return { status: 200, body: { ok: true, duplicate: true } };
      if (event.type === "email.received") {
        const jobId = await queueFetch(tx, event.data.email_id!);
        return { status: 200, body: { ok: true, queued: jobId ?? "already queued" } };
      }
      if (DELIVERY_EVENTS.has(event.type)) {
        const updated = await applyDeliveryEvent(tx, event.type, event.data);
        return { status: 200, body: { ok: true, updated } };
      }
      return { status: 200, body: { ok: true, ignored: event.type } };
    });
  } catch (error) {
    logger.error({ err: error, svixId: id, type: event.type }, "Resend webhook could not be recorded; asking Resend to retry");
    return { status: 503, body: { error: "temporarily unavailable, retry later" } };
  }
}

function refuse(status: number, reason: string): WebhookReply {
  logger.warn({ status, reason }, "Resend webhook refused");
  return { status, body: { error: reason } };
}

/** One `resend.fetch` job per received e-mail at a time (the queue's singleton key is the id). */
async function queueFetch(tx: Tx, emailId: string): Promise<string | null> {
  return enqueue(tx, resendFetch, { emailId }, { singletonKey: emailId });
}

// ---------------------------------------------------------------------------------------------
// Delivery events

type DeliveryState = "queued" | "sent" | "delivered" | "bounced" | "failed";

/** Later states win; a bounce may follow "delivered" (the receiving server accepted, then refused). */
const RANK: Record<string, number> = { none: 0, queued: 1, sent: 2, delivered: 3, bounced: 4, failed: 4 };

type EventData = Record<string, unknown>;

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

/** What an event says about a message: a new state (or none) and the note to keep with it. */
function deliveryOutcome(type: string, data: EventData): { state: DeliveryState | null; note: string | null } | null {
  const obj = (key: string) => (data[key] && typeof data[key] === "object" ? (data[key] as Record<string, unknown>) : {});
  switch (type) {
    case "email.sent":
      return { state: "sent", note: null };
    case "email.delivered":
      return { state: "delivered", note: null };
    case "email.delivery_delayed":
      return { state: null, note: "delivery delayed; the receiving server has not accepted the message yet" };
    case "email.bounced": {
      const b = obj("bounce");
      const kind = [text(b.type), text(b.subType)].filter(Boolean).join("/");
      return { state: "bounced", note: [`bounced${kind ? ` (${kind})` : ""}`, text(b.message)].filter(Boolean).join(": ") };
    }
    case "email.failed":
      return { state: "failed", note: ["sending failed", text(obj("failed").reason)].filter(Boolean).join(": ") };
    case "email.suppressed":
      return { state: "failed", note: ["recipient suppressed", text(obj("suppressed").message)].filter(Boolean).join(": ") };
    default:
      return null;
  }
}

/** The change to make to a row in `current` state, or null when the event is stale or says nothing new. */
function transition(current: string, o: { state: DeliveryState | null; note: string | null }): { state: DeliveryState | null; note: string | null } | null {
  if (o.state === null) return current === "queued" || current === "sent" ? { state: null, note: o.note } : null;
  if ((RANK[o.state] ?? 0) <= (RANK[current] ?? 0)) return null;
  return o;
}

/**
 * Applies a delivery event to the outbox row Resend knows as `data.email_id` and to its article.
 * Monotonic and idempotent: a repeated or late event changes nothing. Returns the rows changed.
 */
export async function applyDeliveryEvent(tx: Tx, type: string, data: EventData): Promise<number> {
  const outcome = deliveryOutcome(type, data);
  const emailId = text(data.email_id);
  if (!outcome || !emailId) return 0;
  const rows = await tx.select({ id: outbox.id, status: outbox.status, articleId: outbox.articleId }).from(outbox).where(eq(outbox.providerId, emailId)).for("update");
  let changed = 0;
  for (const row of rows) {
    const t = transition(row.status, outcome);
    if (t) {
      await tx.update(outbox).set(t.state ? { status: t.state, error: t.note } : { error: t.note }).where(eq(outbox.id, row.id));
      changed++;
    }
    if (!row.articleId) continue;
    const [article] = await tx.select({ status: articles.deliveryStatus }).from(articles).where(eq(articles.id, row.articleId)).for("update");
    const a = article && transition(article.status, outcome);
    if (a) await recordDelivery(tx, { articleId: row.articleId }, { status: a.state ?? undefined, error: a.note });
  }
  if (rows.length === 0) logger.info({ type, emailId }, "Resend delivery event for a message not (yet) in the outbox");
  return changed;
}

/**
 * A delivery event can arrive before the send that produced its id was committed (or for a row
 * whose provider id was written later): re-applies recent recorded events whose outbox row now
 * exists and still awaits them.
 */
export async function reapplyDeliveryEvents(db: Db, withinHours = 48): Promise<number> {
  const pending = await db.execute<{ id: string; type: string; payload: { data?: EventData } }>(sql`
    select e.id, e.type, e.payload from ${webhookEvents} e
    join ${outbox} o on o.provider_id = e.payload->'data'->>'email_id'
    where e.provider = 'resend'
      and e.received_at > now() - make_interval(hours => ${withinHours})
      and ((e.type = 'email.delivered' and o.status in ('queued', 'sent'))
        or (e.type in ('email.bounced', 'email.failed', 'email.suppressed') and o.status not in ('bounced', 'failed')))
    order by e.received_at, e.id`);
  let changed = 0;
  for (const event of pending) {
    changed += await db.transaction((tx) => applyDeliveryEvent(tx, event.type, event.payload.data ?? {}));
  }
  return changed;
}

// ---------------------------------------------------------------------------------------------
// Fetching received mail

export type FetchOutcome = Omit<IngestOutcome, "outcome"> & {
  outcome: IngestOutcome["outcome"] | "not_found";
  emailId: string;
  /** How the message was read: Resend's raw copy, or rebuilt from the API's fields. */
  via: "raw" | "rebuilt" | null;
};

/**
 * Reads one received e-mail and feeds it to the postmaster. Idempotent: an e-mail already
 * ingested (or quarantined) under this Resend id is not fetched again, and the postmaster's
 * Message-ID key makes a second copy a duplicate anyway. Throws on API, download and database
 * errors so the job is retried (a fresh signed download URL is requested on every attempt).
 */
export async function fetchReceivedEmail(db: Db, emailId: string): Promise<FetchOutcome> {
  const read = await readReceivedEmail(db, emailId);
  if ("done" in read) return read.done;
  return received(read, await ingestMail(db, read.raw, read.opts));
}

/** How many fetched messages go through the postmaster in one transaction, and how many such groups at once. */
export const FETCH_GROUP = { size: 4, inFlight: 2 };

/**
 * `fetchReceivedEmail` for a batch of e-mails (the worker's batch of `resend.fetch` jobs): all are
 * read from Resend at once; the messages are written through `ingestInGroups` in groups of
 * FETCH_GROUP.size (one transaction each), FETCH_GROUP.inFlight groups at a time, a group starting
 * as soon as enough messages have arrived. Settled one by one: a failed read or a message that
 * throws rejects its own entry only (its job is retried; the row's unique key keeps the retry
 * exactly-once), the others land.
 */
export async function fetchReceivedEmails(db: Db, emailIds: string[], group = FETCH_GROUP): Promise<PromiseSettledResult<FetchOutcome>[]> {
  const results: PromiseSettledResult<FetchOutcome>[] = new Array(emailIds.length);
  const groups = ingestInGroups(db, group, (batch: { index: number; read: Read; raw: Uint8Array; opts: Read["opts"] }[], outs) =>
    outs.forEach((o, i) => (results[batch[i]!.index] = o.status === "fulfilled" ? { status: "fulfilled", value: received(batch[i]!.read, o.value) } : o)),
  );
  // Which of them the desk has already: one look-up for the batch (two statements) instead of one per e-mail.
  const known = await knownEmailIds(db, emailIds.map((id) => ({ id, message_id: null })));
  await Promise.all(
    emailIds.map(async (emailId, index) => {
      let read: Awaited<ReturnType<typeof readReceivedEmail>>;
      try {
        read = await readReceivedEmail(db, emailId, known.has(emailId));
      } catch (error) {
        results[index] = { status: "rejected", reason: error };
        return;
      }
      if ("done" in read) results[index] = { status: "fulfilled", value: read.done };
      else await groups.add({ index, read, raw: read.raw, opts: read.opts });
    }),
  );
  await groups.finish();
  return results;
}

type Read = { emailId: string; via: "raw" | "rebuilt"; raw: Uint8Array; opts: { source: "resend"; sourceRef: string } };

function received(read: Read, result: IngestOutcome): FetchOutcome {
  logger.info({ emailId: read.emailId, via: read.via, outcome: result.outcome, ticket: result.ticketNumber }, "Resend e-mail received");
  return { ...result, emailId: read.emailId, via: read.via };
}

/**
 * One received e-mail read from Resend, ready for the postmaster; or what became of it without
 * one (already received, gone at Resend, too large: its header quarantined).
 */
async function readReceivedEmail(db: Db, emailId: string, known?: boolean): Promise<Read | { done: FetchOutcome }> {
  if (known ?? (await knownEmailIds(db, [{ id: emailId, message_id: null }])).has(emailId)) {
    return { done: { emailId, outcome: "duplicate", ticketNumber: null, articleId: null, reason: "already received through Resend", via: null } };
  }
  const resend = resendClient();
  // `cid` keeps inline images as cid: references to their attachments, as in the original message.
  const { data: email, error } = await resend.emails.receiving.get(emailId, { html_format: "cid" });
  if (error) {
    if (error.statusCode === 404 || error.name === "not_found") {
      logger.warn({ emailId }, "Resend no longer has this received e-mail; nothing to fetch");
      return { done: { emailId, outcome: "not_found", ticketNumber: null, articleId: null, reason: error.message, via: null } };
    }
    throw new Error(`Resend refused to return received e-mail ${emailId}: ${error.name}: ${error.message}`);
  }
  const { maxBytes } = await loadMailLimits(db);
  let raw: Uint8Array | null;
  let via: "raw" | "rebuilt";
  if (email.raw?.download_url) {
    raw = await download(db, email.raw.download_url, "raw message", maxBytes);
    via = "raw";
  } else {
    const metas = await listAttachments(resend, emailId);
    let left = maxBytes;
    const files: { meta: AttachmentData; content: Uint8Array }[] = [];
    for (const meta of metas) {
      const content = left > 0 ? await download(db, meta.download_url, `attachment ${meta.id}`, left) : null;
      if (!content) break;
      left -= content.byteLength;
      files.push({ meta, content });
    }
    raw = files.length === metas.length ? buildMime(email, files) : null;
    via = "rebuilt";
  }
  const opts = { source: "resend" as const, sourceRef: emailId };
  if (raw) return { emailId, via, raw, opts };
  const result = await quarantineOversize(db, headerOnly(buildMime(email, [])), opts, `the message is larger than ${maxBytes} bytes (mail.max_message_bytes); only its header is kept here, the original stays at Resend as ${emailId}`);
  return { done: received({ emailId, via, raw: new Uint8Array(), opts }, result) };
}

/** The header block of a MIME message (with the blank line that ends it). */
function headerOnly(raw: Uint8Array): Buffer {
  const bytes = Buffer.from(raw);
  const end = bytes.indexOf("\r\n\r\n");
  return end < 0 ? bytes : bytes.subarray(0, end + 4);
}

async function listAttachments(resend: Resend, emailId: string): Promise<AttachmentData[]> {
  const all: AttachmentData[] = [];
  let after: string | undefined;
  for (let page = 0; page < 50; page++) {
    const { data, error } = await resend.emails.receiving.attachments.list(after ? { emailId, limit: 100, after } : { emailId, limit: 100 });
    if (error) throw new Error(`Resend refused the attachments of ${emailId}: ${error.name}: ${error.message}`);
    all.push(...data.data);
    if (!data.has_more || data.data.length === 0) break;
    after = data.data.at(-1)!.id;
  }
  return all;
}

/**
 * Downloads a signed URL (no API key: the signature is the credential); null when it holds more
 * than `cap` bytes. The URL comes from an API answer, so it goes through the SSRF guard like any
 * host the desk is told to reach.
 */
async function download(db: Tx, url: string, what: string, cap: number): Promise<Uint8Array | null> {
  const response = await fetchBytes(db, url, { timeoutMs: 120_000, maxBytes: cap });
  if (response.status < 200 || response.status > 299) throw new Error(`downloading the ${what} from Resend failed: HTTP ${response.status}`);
  return response.bytes;
}

/**
 * The Resend ids among `emails` the desk already has: ingested or quarantined under that id, or
 * (for listed mail) whose Message-ID any source already delivered.
 */
async function knownEmailIds(db: Tx, emails: { id: string; message_id: string | null }[]): Promise<Set<string>> {
  const ids = emails.map((e) => e.id);
  if (ids.length === 0) return new Set();
  const keyOf = new Map<string, string>();
  for (const e of emails) {
    const mid = normalizeMessageId(e.message_id);
    if (mid) keyOf.set(`mid:${mid.toLowerCase()}`, e.id);
  }
  const [ingested, held, byKey] = await Promise.all([
    db.select({ ref: inboundMessages.sourceRef }).from(inboundMessages).where(and(eq(inboundMessages.source, "resend"), inArray(inboundMessages.sourceRef, ids))),
    db.select({ ref: quarantine.sourceRef }).from(quarantine).where(and(eq(quarantine.source, "resend"), inArray(quarantine.sourceRef, ids))),
    keyOf.size ? db.select({ key: inboundMessages.messageKey }).from(inboundMessages).where(inArray(inboundMessages.messageKey, [...keyOf.keys()])) : [],
  ]);
  const known = new Set<string>();
  for (const r of [...ingested, ...held]) if (r.ref) known.add(r.ref);
  for (const r of byKey) known.add(keyOf.get(r.key)!);
  return known;
}

export type ReconcileResult = { listed: number; pages: number; enqueued: string[]; deliveryUpdates: number; skipped?: string };

/**
 * Lists the received e-mails of the last `lookbackHours` (newest first, page by page) and queues a
 * fetch for each one the desk does not have: the safety net for webhooks that never arrived.
 */
export async function reconcileResend(db: Db, opts: { lookbackHours?: number; pageSize?: number; maxPages?: number } = {}): Promise<ReconcileResult> {
  const deliveryUpdates = await reapplyDeliveryEvents(db);
  if (!env().RESEND_API_KEY) return { listed: 0, pages: 0, enqueued: [], deliveryUpdates, skipped: "RESEND_API_KEY is not set" };
  const { lookbackHours = 48, pageSize = 100, maxPages = 20 } = opts;
  const cutoff = Date.now() - lookbackHours * 3_600_000;
  const resend = resendClient();
  const result: ReconcileResult = { listed: 0, pages: 0, enqueued: [], deliveryUpdates };
  let after: string | undefined;
  while (result.pages < maxPages) {
    const { data, error } = await resend.emails.receiving.list(after ? { limit: pageSize, after } : { limit: pageSize });
    if (error) throw new Error(`Resend refused to list received e-mails: ${error.name}: ${error.message}`);
    result.pages++;
    const recent = data.data.filter((e) => !(parseTimestamp(e.created_at) < cutoff));
    result.listed += recent.length;
    const known = await knownEmailIds(db, recent);
    for (const e of recent) {
      if (known.has(e.id)) continue;
      if (await queueFetch(db, e.id)) result.enqueued.push(e.id);
    }
    // Newest first: once a page reaches past the window, the rest is older still.
    if (!data.has_more || data.data.length === 0 || recent.length < data.data.length) break;
    after = data.data.at(-1)!.id;
  }
  if (result.enqueued.length) logger.warn({ emailIds: result.enqueued }, "Resend e-mails without a webhook found; fetching them");
  return result;
}

/** Resend writes timestamps both as ISO 8601 and as PostgreSQL text ("2025-10-09 14:37:40.95+00"). */
function parseTimestamp(value: string | null | undefined): number {
  if (!value) return Number.NaN;
  const direct = Date.parse(value);
  if (!Number.isNaN(direct)) return direct;
  return Date.parse(value.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));
}

// ---------------------------------------------------------------------------------------------
// Rebuilding a MIME message from the receiving API's fields (when Resend offers no raw copy)

type ReceivedEmail = Pick<GetReceivingEmailResponseSuccess, "id" | "from" | "to" | "cc" | "reply_to" | "subject" | "message_id" | "created_at" | "text" | "html"> & {
  headers?: Record<string, string | string[]> | null;
};
type ReceivedFile = { meta: Pick<AttachmentData, "filename" | "content_type" | "content_disposition" | "content_id">; content: Uint8Array };

/** Parts this builder writes itself; the original's values would describe a different body. */
const STRUCTURAL = new Set(["content-type", "content-transfer-encoding", "mime-version", "content-disposition", "content-id", "content-length"]);
const ADDRESS_HEADERS = new Set(["from", "to", "cc", "bcc", "reply-to", "sender", "resent-from", "resent-to", "resent-cc"]);

/**
 * An RFC 5322 message from a received e-mail's fields: every original header Resend reports
 * (Message-ID, In-Reply-To, References, Auto-Submitted, … — what threading and loop detection
 * read), the text and HTML bodies, inline parts with their Content-IDs and the attachments.
 * Deterministic, so a retry yields the same bytes.
 */
export function buildMime(email: ReceivedEmail, files: ReceivedFile[]): Buffer {
  const tag = createHash("sha256").update(email.id).digest("hex").slice(0, 24);
  let count = 0;
  const boundary = () => `=_helpdesk_${tag}_${count++}`;

  const lines: string[] = [];
  const present = new Set<string>();
  for (const [name, value] of Object.entries(email.headers ?? {})) {
    const key = name.toLowerCase();
    if (STRUCTURAL.has(key) || !/^[!-9;-~]+$/.test(name)) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v !== "string") continue;
      lines.push(`${name}: ${encodeHeader(key, v)}`);
      present.add(key);
    }
  }
  const ensure = (name: string, value: string | null | undefined) => {
    if (value && !present.has(name.toLowerCase())) lines.push(`${name}: ${encodeHeader(name.toLowerCase(), value)}`);
  };
  ensure("From", email.from);
  ensure("To", email.to?.join(", "));
  ensure("Cc", email.cc?.join(", "));
  ensure("Reply-To", email.reply_to?.join(", "));
  ensure("Subject", email.subject);
  ensure("Message-ID", email.message_id);
  const date = parseTimestamp(email.created_at);
  ensure("Date", Number.isNaN(date) ? null : new Date(date).toUTCString());
  lines.push("MIME-Version: 1.0");

  const bodies: string[] = [];
  if (email.text || !email.html) bodies.push(leaf("text/plain; charset=utf-8", Buffer.from(email.text ?? "", "utf8")));
  if (email.html) bodies.push(leaf("text/html; charset=utf-8", Buffer.from(email.html, "utf8")));
  let body = bodies.length > 1 ? multipart("alternative", bodies, boundary()) : bodies[0]!;
  const inline = email.html ? files.filter((f) => f.meta.content_disposition === "inline" && f.meta.content_id) : [];
  const attached = files.filter((f) => !inline.includes(f));
  if (inline.length) body = multipart("related", [body, ...inline.map(filePart)], boundary());
  if (attached.length) body = multipart("mixed", [body, ...attached.map(filePart)], boundary());
  return Buffer.from(`${lines.join("\r\n")}\r\n${body}`, "utf8");
}

function leaf(contentType: string, content: Uint8Array, extra: string[] = []): string {
  const b64 = Buffer.from(content).toString("base64").replace(/.{76}(?=.)/g, "$&\r\n");
  return [`Content-Type: ${contentType}`, "Content-Transfer-Encoding: base64", ...extra, "", b64, ""].join("\r\n");
}

function multipart(subtype: string, parts: string[], boundary: string): string {
  return [`Content-Type: multipart/${subtype}; boundary="${boundary}"`, "", ...parts.flatMap((p) => [`--${boundary}`, p]), `--${boundary}--`, ""].join("\r\n");
}

function filePart(f: ReceivedFile): string {
  const type = /^[\w.+-]+\/[\w.+-]+$/.test(f.meta.content_type ?? "") ? f.meta.content_type : "application/octet-stream";
  const name = f.meta.filename ? f.meta.filename.replace(/[\r\n]+/g, " ") : null;
  const disposition = f.meta.content_disposition === "inline" ? "inline" : "attachment";
  const extra = [`Content-Disposition: ${disposition}${name ? `; ${param("filename", name)}` : ""}`];
  const cid = f.meta.content_id?.replace(/[<>\s]/g, "");
  if (cid) extra.push(`Content-ID: <${cid}>`);
  return leaf(`${type}${name ? `; ${param("name", name)}` : ""}`, f.content, extra);
}

/** A MIME parameter: quoted when plain ASCII, RFC 2231 (utf-8'') otherwise. */
function param(key: string, value: string): string {
  if (/^[\x20-\x7e]*$/.test(value) && !/["\\]/.test(value)) return `${key}="${value}"`;
  return `${key}*=utf-8''${encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** Header values as 7-bit text: non-ASCII as RFC 2047 encoded words (only display names in address lists). */
function encodeHeader(key: string, value: string): string {
  const flat = value.replace(/[\r\n]+[ \t]*/g, " ");
  if (/^[\x20-\x7e\t]*$/.test(flat)) return flat;
  if (!ADDRESS_HEADERS.has(key)) return encodeWords(flat);
  return splitAddresses(flat)
    .map((entry) => {
      const m = entry.match(/^\s*(.*?)\s*<([^<>]*)>\s*$/);
      if (!m) return entry.trim();
      const name = m[1]!.replace(/^"(.*)"$/, "$1").replace(/\\(.)/g, "$1");
      if (!name) return `<${m[2]}>`;
      return /^[\x20-\x7e]*$/.test(name) ? `"${name.replace(/(["\\])/g, "\\$1")}" <${m[2]}>` : `${encodeWords(name)} <${m[2]}>`;
    })
    .join(", ");
}

function splitAddresses(value: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  let angle = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === "\\" && quoted) {
      current += c + (value[++i] ?? "");
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === "<") angle = true;
    else if (!quoted && c === ">") angle = false;
    if (c === "," && !quoted && !angle) {
      if (current.trim()) out.push(current);
      current = "";
    } else current += c;
  }
  if (current.trim()) out.push(current);
  return out;
}

/** UTF-8 "B" encoded words of at most 45 bytes each (75 characters encoded), never splitting a character. */
function encodeWords(value: string): string {
  const words: string[] = [];
  let chunk = "";
  for (const ch of value) {
    if (Buffer.byteLength(chunk + ch, "utf8") > 45) {
      words.push(chunk);
      chunk = "";
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, "utf8").toString("base64")}?=`).join("\r\n ");
}
