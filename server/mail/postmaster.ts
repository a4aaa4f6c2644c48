import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { inboundMessages, mailAccounts, queues, systemAddresses, tickets, users } from "@/db/schema";
import { enqueue, enqueueMany } from "@/jobs/enqueue";
import { autoRespond } from "@/jobs/definitions/auto-respond";
import { notifyAgents } from "@/jobs/definitions/notify-agents";
import { type PutFile, putFile, recordFile, storeFile } from "@/server/files/store";
import { env } from "@/server/env";
import { logger } from "@/server/logger";
import { cached } from "@/server/services/config-cache";
import { getSetting } from "@/server/services/settings";
import { stateTransition } from "@/server/services/tickets/change";
import { addArticle, type NewArticle, openTicket } from "@/server/services/tickets/lifecycle";
import { defaultPriority, stateByName } from "@/server/services/tickets/lookups";
import { findOrCreateCustomer } from "@/server/services/users/customers";
import { classify, type Classification } from "./classify";
import { applyFilters } from "./filters";
import { findFollowUp } from "./followup";
import { authenticatedSender, onThread } from "./identity";
import { type MailLimits, MailRefused, ParseBudget } from "./limits";
import { parseMail, type Parsed } from "./parse";
import { admitMailTicket } from "@/server/services/tickets/intake-limit";
import { quarantineMessage } from "./quarantine";
import { inlineImageUrls, sanitizeMailHtml } from "./sanitize";
import { markBounced } from "./bounce";

export type IngestOutcome = {
  outcome: "created" | "follow_up" | "duplicate" | "ignored" | "quarantined";
  ticketNumber: string | null;
  articleId: string | null;
  reason: string | null;
};

export type IngestOptions = {
  source: "pipe" | "imap" | "resend" | "rerun";
  sourceRef?: string | null;
  /** Queue by name (CLI --queue), overriding address and account. */
  queueName?: string | null;
  accountId?: number | null;
  /** A re-run of this quarantined message: failing again updates that row instead of adding one. */
  quarantineId?: number | null;
};

class Duplicate extends Error {}

/**
 * The postmaster: one pipeline for every mail source (SPEC §5). The raw message is stored
 * first, so nothing is ever lost: what cannot become an article goes to the quarantine.
 */
export async function ingestMail(db: Db, raw: Uint8Array, opts: IngestOptions): Promise<IngestOutcome> {
  const prepared = await prepareMail(db, raw, opts);
  if ("done" in prepared) return prepared.done;
  return finishAlone(db, prepared);
}

/**
 * Several messages (a worker batch) with fewer round trips: each is parsed and prepared on its
 * own as `ingestMail` does, then the writes of all that reach one (ticket, article, history, the
 * inbound row, jobs) run in ONE transaction, sent together on its connection. When anything in
 * that transaction fails (a duplicate, a refused sender, a lock, a bug) it rolls back as a whole
 * and every message is written again on its own, exactly as `ingestMail` would: the inbound row's
 * unique key still decides duplicates, so the outcome is the same message for message.
 */
export async function ingestMailBatch(db: Db, items: { raw: Uint8Array; opts: IngestOptions }[]): Promise<IngestOutcome[]> {
  return (await ingestMailSettled(db, items)).map((r) => {
    if (r.status === "rejected") throw r.reason;
    return r.value;
  });
}

/**
 * `ingestMailBatch`, settled message by message: a message whose ingest throws (the database
 * unreachable while it was stored or prepared) is rejected alone, the others still land. The
 * worker's batched jobs and the IMAP poll use this, so one job or mailbox message fails on its own.
 */
export async function ingestMailSettled(db: Db, items: { raw: Uint8Array; opts: IngestOptions }[]): Promise<PromiseSettledResult<IngestOutcome>[]> {
  const prepared = await Promise.allSettled(items.map((i) => prepareMail(db, i.raw, i.opts)));
  const pending = prepared.flatMap((p) => (p.status === "fulfilled" && "pending" in p.value ? [p.value] : []));
  const written = pending.length ? await writeTogether(db, pending) : [];
  const byReady = new Map(pending.map((p, i) => [p, written[i]!]));
  return prepared.map((p) => {
    if (p.status === "rejected") return p;
    return "done" in p.value ? { status: "fulfilled", value: p.value.done } : byReady.get(p.value)!;
  });
}

/**
 * Feeds messages through `ingestMailSettled` a group at a time (one transaction per group of
 * `shape.size`), at most `shape.inFlight` groups at once: `add` waits while that many run, so the
 * caller's reading stays at most a group ahead of the writing. `settle` gets each group's items
 * and their results once the group's transaction has ended (every entry rejected with the error
 * if the group could not run at all); it must not throw. The IMAP poll and the batched Resend
 * fetch use it.
 */
export function ingestInGroups<T extends { raw: Uint8Array; opts: IngestOptions }>(
  db: Db,
  shape: { size: number; inFlight: number },
  settle: (items: T[], results: PromiseSettledResult<IngestOutcome>[]) => void | Promise<void>,
): { add: (item: T) => Promise<void>; finish: (options?: { flush: boolean }) => Promise<void> } {
  let group: T[] = [];
  const running = new Set<Promise<void>>();
  const launch = async () => {
    const items = group;
    group = [];
    if (!items.length) return;
    while (running.size >= shape.inFlight) await Promise.race(running);
    const run: Promise<void> = ingestMailSettled(db, items)
      .catch((error: unknown) => items.map((): PromiseSettledResult<IngestOutcome> => ({ status: "rejected", reason: error })))
      .then((results) => settle(items, results))
      .finally(() => running.delete(run));
    running.add(run);
  };
  return {
    add: async (item) => {
      group.push(item);
      if (group.length >= shape.size) await launch();
    },
    /** Writes the last, partial group (unless `flush` is false: it is dropped unwritten) and waits for every group. */
    finish: async ({ flush } = { flush: true }) => {
      if (flush) await launch();
      else group = [];
      while (running.size) await Promise.all(running);
    },
  };
}

/** The writes of several messages in one transaction; on any failure, each in its own. */
async function writeTogether(db: Db, pending: Ready[]): Promise<PromiseSettledResult<IngestOutcome>[]> {
  if (pending.length === 1) return Promise.allSettled([finishAlone(db, pending[0]!)]);
  let written: IngestOutcome[] | Error | null = null;
  if (pending.length > 1) {
    batchStats.batches++;
    written = await db.transaction(async (tx) => {
      const jobs: JobSink = { inbound: [], autoRespond: [], notifyAgents: [] };
      // allSettled, not all: every write must have finished before the callback returns and the
      // transaction ends, or a sibling still running could send statements after the ROLLBACK
      // (outside any transaction). After the first failure the others fail fast (aborted transaction).
      const settled = await Promise.allSettled(pending.map((p) => p.pending.write(tx, jobs)));
      const failure = settled.find((r) => r.status === "rejected");
      if (failure) throw failure.reason;
      const outs = settled.map((r) => (r as PromiseFulfilledResult<IngestOutcome>).value);
      // In the messages' order (their writes finish in any order): ids follow arrival, as alone.
      const order = new Map(pending.map((p, i) => [p.pending.messageKey, i]));
      jobs.inbound.sort((a, b) => order.get(a.messageKey)! - order.get(b.messageKey)!);
      // The batch's inbound rows (the exactly-once guard: one taken key rolls the batch back,
      // and the fallback decides message by message) and its jobs, in one round trip.
      const [rows] = await Promise.all([
        tx.insert(inboundMessages).values(jobs.inbound).onConflictDoNothing().returning({ id: inboundMessages.id }),
        enqueueMany(tx, autoRespond, jobs.autoRespond),
        enqueueMany(tx, notifyAgents, jobs.notifyAgents),
      ]);
      if (rows.length !== jobs.inbound.length) throw new Duplicate("");
      return outs;
    }).catch((error: unknown) => {
      // The database is gone: every message of the batch fails (and is retried) alike.
      if (isConnectionError(error)) return error as Error;
      batchStats.fellBack++;
      logger.debug({ err: error, messages: pending.length }, "batch transaction failed; the messages are written one at a time");
      return null;
    });
  }
  if (written instanceof Error) return pending.map(() => ({ status: "rejected", reason: written }));
  if (written) return written.map((value) => ({ status: "fulfilled", value }));
  return Promise.allSettled(pending.map((p) => finishAlone(db, p)));
}

/** Batches written in one transaction, and those that fell back to one message at a time (bench, tests). */
export const batchStats = { batches: 0, fellBack: 0 };

/** The message's writes, to run in a transaction (its own, or its batch's). */
type Pending = { messageKey: string; write: (tx: Tx, jobs?: JobSink) => Promise<IngestOutcome> };
type Ready = { pending: Pending; file: PutFile; parsed: Parsed; opts: IngestOptions };

/** Everything up to the message's transaction: stored, parsed, deduplicated, routed. */
async function prepareMail(db: Db, raw: Uint8Array, opts: IngestOptions): Promise<{ done: IngestOutcome } | Ready> {
  // The bytes are on disk before anything else; their row goes with the message's first statement.
  const file = await putFile(db, raw, "message/rfc822");
  const limits = await loadMailLimits(db);
  // One budget for parsing and sanitizing: a message that takes longer is quarantined.
  const budget = new ParseBudget(limits.budgetMs);
  let parsed: Parsed;
  try {
    parsed = await parseMail(raw, { limits, budget });
  } catch (error) {
    await recordFile(db, file);
    if (error instanceof MailRefused) return { done: await quarantined(db, file.sha256, opts, error.reason, error, null) };
    return { done: await quarantined(db, file.sha256, opts, "the message could not be parsed", error, null) };
  }
  try {
    const r = await process(db, file, parsed, opts, budget);
    return "write" in r ? { pending: r, file, parsed, opts } : { done: r };
  } catch (error) {
    return { done: await failed(db, file, parsed, opts, error) };
  }
}

/** The message's writes in a transaction of its own. */
async function finishAlone(db: Db, r: Ready): Promise<IngestOutcome> {
  try {
    return await db.transaction((tx) => r.pending.write(tx)).catch(rethrowDuplicate(db, r.pending.messageKey));
  } catch (error) {
    return failed(db, r.file, r.parsed, r.opts, error);
  }
}

async function failed(db: Db, file: PutFile, parsed: Parsed, opts: IngestOptions, error: unknown): Promise<IngestOutcome> {
  if (error instanceof Duplicate) return { outcome: "duplicate", ticketNumber: error.message || null, articleId: null, reason: "already received" };
  if (isConnectionError(error)) throw error;
  // Idempotent; the row is missing only if the first statement itself failed.
  await recordFile(db, file);
  if (error instanceof MailRefused) return quarantined(db, file.sha256, opts, error.reason, error, parsed);
  logger.error({ err: error, source: opts.source }, "postmaster failed; message quarantined");
  return quarantined(db, file.sha256, opts, "processing failed", error, parsed);
}

/**
 * A message too large to take (over `mail.max_message_bytes`) that its source still holds (the
 * IMAP mailbox, Resend): the quarantine keeps what could be read cheaply (its header block, or a
 * copy without attachments) so the admin sees who sent what, and where the original waits.
 */
export async function quarantineOversize(db: Db, head: Uint8Array, opts: IngestOptions, detail: string): Promise<IngestOutcome> {
  const file = await storeFile(db, head, "message/rfc822");
  const parsed = await parseMail(head).catch(() => null);
  return quarantined(db, file.sha256, opts, "adminMail.quarantine.reasons.tooLarge", new MailRefused("adminMail.quarantine.reasons.tooLarge", detail), parsed);
}

async function process(db: Db, file: PutFile, p: Parsed, opts: IngestOptions, budget: ParseBudget): Promise<IngestOutcome | Pending> {
  const rawSha256 = file.sha256;
  const messageKey = p.messageId ? `mid:${p.messageId.toLowerCase()}` : `sha:${rawSha256}`;
  const { seen, fromUser } = await arrival(db, file, messageKey, p.from?.address ?? null);
  if (seen) return seen;

  const [hook, domain, own] = await Promise.all([
    getSetting(db, "ticket.hook"),
    getSetting(db, "mail.message_id_domain"),
    cached("system-addresses", () => db.select({ address: systemAddresses.address, queueId: systemAddresses.queueId }).from(systemAddresses).where(eq(systemAddresses.valid, true))),
  ]);
  const ownAddresses = new Set(own.map((a) => a.address.toLowerCase()));
  const kind = classify(p, { ownMessageIdDomain: domain, ownAddresses });
  if (kind.bounce) await markBounced(db, p);
  const { set, matched } = await applyFilters(db, p);
  if (set.ignore) return record(db, { messageKey, rawSha256, opts, outcome: "ignored", reason: `postmaster filter: ${matched.join(", ")}` });
  if (!p.from) return quarantined(db, rawSha256, opts, "the message has no sender address", null, p);
  if (ownAddresses.has(p.from.address) && kind.reasons.includes("our own Message-ID")) {
    return record(db, { messageKey, rawSha256, opts, outcome: "ignored", reason: "our own outgoing mail came back" });
  }

  const account = opts.accountId
    ? (await db.select().from(mailAccounts).where(eq(mailAccounts.id, opts.accountId)).limit(1))[0]
    : undefined;
  const followUp = await findFollowUp(db, p, { hook, byBody: account?.followUpByBody ?? false });
  // Attachment ids are chosen here so the sanitized HTML can already name their URLs.
  const files: Stored[] = await Promise.all(p.attachments.map(async (a) => ({ ...a, id: randomUUID(), stored: await storeFile(db, a.content, a.contentType) })));
  const html = p.html ? sanitizeMailHtml(p.html, inlineImageUrls(files)) : null;
  budget.check("HTML sanitizing");
  const agent = agentIdentity(p, fromUser);
  const base = { p, kind, messageKey, rawSha256, opts, files, html, agent: agent === "verified", fromUser };

  if (followUp) {
    const [ticket] = await db.select().from(tickets).where(eq(tickets.id, followUp.ticketId)).limit(1);
    const [queue] = ticket ? await db.select({ followUp: queues.followUp, unverified: queues.unverifiedFollowUp }).from(queues).where(eq(queues.id, ticket.queueId)) : [];
    const closed = ticket && (ticket.stateType === "closed" || ticket.stateType === "merged" || ticket.stateType === "removed");
    // A sender the desk cannot tie to the ticket never speaks as its customer (nor as an agent);
    // a forged agent address stays on the ticket it names, as an unverified note.
    const unverified = ticket && agent !== "verified" && (agent === "unverified" || !(await onThread(db, ticket, p.from.address)));
    const asNewTicket = unverified && agent !== "unverified" && queue?.unverified === "new_ticket";
    if (ticket && !asNewTicket && !(closed && queue?.followUp === "new_ticket" && agent !== "unverified")) {
      return appendFollowUp({ ...base, ticket, unverified: Boolean(unverified), reject: Boolean(closed && queue?.followUp === "reject") });
    }
  }
  if (agent === "unverified") {
    throw new MailRefused("adminMail.quarantine.reasons.agentUnauthenticated", `${p.from.address} is an agent's address, and the mail carries no passing DMARC or DKIM result for it from the receiving host (MAIL_AUTHSERV_ID)`);
  }
  const admitted = await admitMailTicket(db, p.from.address, opts.source);
  if (admitted.refusal !== null) return quarantined(db, rawSha256, opts, admitted.refusal, null, p);
  const queueId = await chooseQueue(db, p, { filterQueueId: set.queueId, queueName: opts.queueName, accountQueueId: account?.queueId ?? null, own, fromUser });
  return createFromMail(db, { ...base, queueId, set, number: admitted.number });
}

type Stored = Parsed["attachments"][number] & { id: string; stored: { sha256: string; size: number } };
type Ctx = { p: Parsed; kind: Classification; messageKey: string; rawSha256: string; opts: IngestOptions; files: Stored[]; html: string | null; agent: boolean; fromUser: KnownUser };
/** The user with the From address, looked up once per message (identity, sender, default queue); null for nobody. */
type KnownUser = { id: number; role: "customer" | "agent" | "admin"; companyId: number | null; defaultQueueId: number | null } | null;

async function userByAddress(db: Tx, address: string): Promise<KnownUser> {
  const [user] = await db
    .select({ id: users.id, role: users.role, companyId: users.companyId, defaultQueueId: users.defaultQueueId })
    .from(users)
    .where(eq(sql`lower(${users.email})`, address))
    .limit(1);
  return user ?? null;
}

/**
 * "verified" when From is an agent's (or admin's) address and the receiving host vouches for its
 * domain (see ./identity), "unverified" when it is one and nothing vouches, null for everyone else.
 */
function agentIdentity(p: Parsed, user: KnownUser): "verified" | "unverified" | null {
  if (!user || user.role === "customer") return null;
  return authenticatedSender(p, env().MAIL_AUTHSERV_ID) ? "verified" : "unverified";
}

/** The limits the admin set (Settings): size, parts, nesting, header size and the time budget. */
export async function loadMailLimits(db: Tx): Promise<MailLimits> {
  const [maxBytes, maxParts, maxDepth, maxHeaderBytes, budgetMs] = await Promise.all([
    getSetting(db, "mail.max_message_bytes"),
    getSetting(db, "mail.max_parts"),
    getSetting(db, "mail.max_depth"),
    getSetting(db, "mail.max_header_bytes"),
    getSetting(db, "mail.parse_budget_ms"),
  ]);
  return { maxBytes, maxParts, maxDepth, maxHeaderBytes, budgetMs };
}

async function createFromMail(db: Db, c: Ctx & { queueId: number; number: string; set: { priorityId?: number; typeId?: number; serviceId?: number; customerEmail?: string } }): Promise<Pending> {
  const priority = c.set.priorityId ?? (await defaultPriority(db)).id;
  const number = c.number;
  return { messageKey: c.messageKey, write: async (tx, jobs) => {
    const sender = await senderOf(tx, c.p, { agent: c.agent, override: c.set.customerEmail, fromUser: c.fromUser });
    const fields = {
      number,
      title: c.p.subject || "(no subject)",
      queueId: c.queueId,
      state: await stateByName(tx, "new"),
      priorityId: priority,
      typeId: c.set.typeId ?? null,
      serviceId: c.set.serviceId ?? null,
      customerUserId: sender.customerId,
      customerCompanyId: sender.companyId,
    };
    const { ticket, article } = await openTicket(tx, null, fields, mailArticle(c, sender.senderType));
    await settle(tx, jobs, c, "created", { ticketId: ticket.id, articleId: article.id, kind: c.kind, event: "new_ticket" });
    return { outcome: "created" as const, ticketNumber: ticket.number, articleId: String(article.id), reason: null };
  } };
}

function appendFollowUp(c: Ctx & { ticket: typeof tickets.$inferSelect; reject: boolean; unverified: boolean }): Pending {
  return { messageKey: c.messageKey, write: async (tx, jobs) => {
    const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, c.ticket.id)).for("update");
    if (!ticket) throw new Error("ticket vanished");
    // An unverified follow-up is an internal note for the agents: it reopens nothing, is never
    // shown to the customer as theirs, and no auto-response goes to a stranger.
    const senderType = c.unverified ? ("customer" as const) : (await senderOf(tx, c.p, { agent: c.agent, fromUser: c.fromUser })).senderType;
    // Out-of-office and other automated mail does not reopen a closed ticket; a rejected follow-up neither.
    const reopens = senderType === "customer" && !c.unverified && !c.reject && !c.kind.automated && (ticket.stateType === "closed" || ticket.stateType.startsWith("pending"));
    const change = reopens ? await stateTransition(tx, ticket, (await stateByName(tx, "open")).id) : {};
    const article = await addArticle(tx, null, ticket, { ...mailArticle(c, senderType, "email follow-up"), ...(c.unverified ? { isInternal: true, unverified: true } : {}) }, change);
    await settle(tx, jobs, c, "follow_up", { ticketId: ticket.id, articleId: article.id, kind: c.unverified ? { ...c.kind, automated: true } : c.kind, event: c.reject ? "reject" : "follow_up" });
    return { outcome: "follow_up" as const, ticketNumber: ticket.number, articleId: String(article.id), reason: c.reject ? "ticket is closed; follow-up rejected per queue rule" : null };
  } };
}

function mailArticle(c: Ctx, senderType: "customer" | "agent", historyLabel?: string): NewArticle {
  const p = c.p;
  return {
    channel: "email",
    senderType,
    isInternal: false,
    fromAddress: p.from ? (p.from.name ? `${p.from.name} <${p.from.address}>` : p.from.address) : null,
    toAddresses: p.to.map((a) => a.address).join(", ") || null,
    ccAddresses: p.cc.map((a) => a.address).join(", ") || null,
    subject: p.subject,
    bodyText: p.text,
    bodyHtml: c.html,
    messageId: p.messageId,
    inReplyTo: p.inReplyTo[0] ?? null,
    references: p.references.join(" ") || null,
    rawFileSha256: c.rawSha256,
    attachments: c.files.map((f) => ({ id: f.id, fileSha256: f.stored.sha256, filename: f.filename, contentType: f.contentType, size: f.stored.size, contentId: f.contentId, inline: f.inline })),
    historyLabel,
  };
}

/**
 * The sender as a customer user (found or created), or an agent writing in by mail when the
 * postmaster verified that (`agent`). A Reply-To naming an agent or admin is not an identity: the
 * customer is then the From address.
 */
async function senderOf(tx: Tx, p: Parsed, o: { agent: boolean; override?: string; fromUser: KnownUser }) {
  if (o.agent) return { customerId: null, companyId: null, senderType: "agent" as const };
  const userBy = async (address: string) => (address === p.from!.address ? o.fromUser : await userByAddress(tx, address));
  let address = (o.override ?? p.replyTo?.address ?? p.from!.address).toLowerCase();
  let known = await userBy(address);
  if (known && known.role !== "customer" && address !== p.from!.address) {
    address = p.from!.address;
    known = await userBy(address);
  }
  if (known && known.role !== "customer") throw new MailRefused("adminMail.quarantine.reasons.agentUnauthenticated", `${address} is an agent's address and cannot be a ticket's customer`);
  const customer = known ?? (await findOrCreateCustomer(tx, address, p.from?.name, { known: false }));
  return { customerId: customer.id, companyId: customer.companyId, senderType: "customer" as const };
}

async function chooseQueue(db: Tx, p: Parsed, o: { filterQueueId?: number; queueName?: string | null; accountQueueId: number | null; own: { address: string; queueId: number }[]; fromUser: KnownUser }): Promise<number> {
  if (o.filterQueueId) return o.filterQueueId;
  if (o.queueName) {
    const [q] = await db.select({ id: queues.id }).from(queues).where(and(eq(sql`lower(${queues.name})`, o.queueName.toLowerCase()), eq(queues.valid, true)));
    if (q) return q.id;
  }
  // A customer's own default queue is the most specific routing the admin set for this sender,
  // so it comes before the address the mail was sent to (most mail reaches a system address).
  if (o.fromUser?.role === "customer" && o.fromUser.defaultQueueId !== null) {
    const [q] = await db.select({ id: queues.id }).from(queues).where(and(eq(queues.id, o.fromUser.defaultQueueId), eq(queues.valid, true)));
    if (q) return q.id;
  }
  const recipients = [...p.to, ...p.cc].map((a) => a.address);
  const byAddress = o.own.find((a) => recipients.includes(a.address.toLowerCase()));
  if (byAddress) return byAddress.queueId;
  if (o.accountQueueId) return o.accountQueueId;
  const [fallback] = await cached("default-queue", () => db.select({ id: queues.id }).from(queues).where(eq(queues.isDefault, true)));
  if (!fallback) throw new Error("no default queue configured");
  return fallback.id;
}

/**
 * The message's inbound row, written once with its ticket and article, and the side-effect jobs,
 * sent together (one round trip) at the end of the transaction. The unique key on the row is the
 * exactly-once guard: a second copy of the message finds it taken (waiting for the first copy's
 * transaction if that is still open) and rolls its whole transaction back.
 */
async function settle(tx: Tx, jobs: JobSink | undefined, c: Ctx, outcome: "created" | "follow_up", e: SideEffects): Promise<void> {
  const values = { messageKey: c.messageKey, rawSha256: c.rawSha256, source: c.opts.source, sourceRef: c.opts.sourceRef ?? null, outcome, ticketId: e.ticketId, articleId: e.articleId };
  // In a batch: the inbound row and the jobs go with the batch's (one multi-row insert each).
  if (jobs) {
    jobs.inbound.push(values);
    collectSideEffects(jobs, e);
    return;
  }
  const [[row]] = await Promise.all([tx.insert(inboundMessages).values(values).onConflictDoNothing().returning({ id: inboundMessages.id }), sideEffects(tx, e)]);
  if (!row) throw new Duplicate("");
}

type SideEffects = { ticketId: number; articleId: number; kind: Classification; event: "new_ticket" | "follow_up" | "reject" };

/** A batch's side-effect jobs, sent as one multi-row insert per job kind after its messages' writes. */
type JobSink = { inbound: (typeof inboundMessages.$inferInsert)[]; autoRespond: Parameters<typeof enqueueMany<typeof autoRespond.payload>>[2]; notifyAgents: Parameters<typeof enqueueMany<typeof notifyAgents.payload>>[2] };

function collectSideEffects(jobs: JobSink, e: SideEffects) {
  if (!e.kind.automated) jobs.autoRespond.push({ payload: { ticketId: e.ticketId, articleId: e.articleId, type: e.event }, singletonKey: `auto:${e.articleId}` });
  jobs.notifyAgents.push({ payload: { ticketId: e.ticketId, articleId: e.articleId, event: e.event === "new_ticket" ? "new_ticket" : "follow_up" } });
}

async function sideEffects(tx: Tx, e: SideEffects) {
  await Promise.all([
    e.kind.automated ? null : enqueue(tx, autoRespond, { ticketId: e.ticketId, articleId: e.articleId, type: e.event }, { singletonKey: `auto:${e.articleId}` }),
    enqueue(tx, notifyAgents, { ticketId: e.ticketId, articleId: e.articleId, event: e.event === "new_ticket" ? "new_ticket" : "follow_up" }),
  ]);
}

/**
 * The message's first round trip after parsing: the raw file's row (when the store left it to
 * us), whether this message was received before, and the user with the From address (looked up
 * once per message: identity, sender, default queue).
 */
async function arrival(db: Tx, file: PutFile, messageKey: string, from: string | null): Promise<{ seen: IngestOutcome | null; fromUser: KnownUser }> {
  const f = file.row;
  const rows = await db.execute<{ number: string | null; article_id: string | number | null; outcome: string | null; user_id: string | number | null; role: NonNullable<KnownUser>["role"] | null; company_id: string | number | null; default_queue_id: string | number | null }>(sql`
    with raw as (${f ? sql`insert into stored_files (sha256, size, backend, remote_key) values (${f.sha256}, ${f.size}, ${f.backend}, ${f.remoteKey ?? null}) on conflict do nothing` : sql`select 1`})
    select r.number, r.article_id, r.outcome, u.id as user_id, u.role, u.company_id, u.default_queue_id
    from (select 1) one
    left join lateral (
      select t.number, i.article_id, i.outcome from inbound_messages i left join tickets t on t.id = i.ticket_id
      where i.message_key = ${messageKey} limit 1
    ) r on true
    left join lateral (select id, role, company_id, default_queue_id from users where lower(email) = ${from} limit 1) u on true`);
  const row = rows[0];
  const num = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));
  const seen = row?.outcome
    ? { outcome: "duplicate" as const, ticketNumber: row.number ?? null, articleId: row.article_id ? String(row.article_id) : null, reason: `already received (${row.outcome})` }
    : null;
  const fromUser = row?.user_id != null && row.role ? { id: Number(row.user_id), role: row.role, companyId: num(row.company_id), defaultQueueId: num(row.default_queue_id) } : null;
  return { seen, fromUser };
}

async function findReceived(db: Tx, messageKey: string): Promise<IngestOutcome | null> {
  const [row] = await db
    .select({ number: tickets.number, articleId: inboundMessages.articleId, outcome: inboundMessages.outcome })
    .from(inboundMessages)
    .leftJoin(tickets, eq(tickets.id, inboundMessages.ticketId))
    .where(eq(inboundMessages.messageKey, messageKey))
    .limit(1);
  if (!row) return null;
  return { outcome: "duplicate", ticketNumber: row.number ?? null, articleId: row.articleId ? String(row.articleId) : null, reason: `already received (${row.outcome})` };
}

function rethrowDuplicate(db: Db, messageKey: string) {
  return async (error: unknown): Promise<IngestOutcome> => {
    if (error instanceof Duplicate) return (await findReceived(db, messageKey)) ?? { outcome: "duplicate", ticketNumber: null, articleId: null, reason: "already received" };
    throw error;
  };
}

async function record(db: Db, r: { messageKey: string; rawSha256: string; opts: IngestOptions; outcome: "ignored"; reason: string }): Promise<IngestOutcome> {
  const [row] = await db
    .insert(inboundMessages)
    .values({ messageKey: r.messageKey, rawSha256: r.rawSha256, source: r.opts.source, sourceRef: r.opts.sourceRef ?? null, outcome: r.outcome, reason: r.reason })
    .onConflictDoNothing()
    .returning({ id: inboundMessages.id });
  if (!row) return (await findReceived(db, r.messageKey))!;
  return { outcome: r.outcome, ticketNumber: null, articleId: null, reason: r.reason };
}

async function quarantined(db: Db, rawSha256: string, opts: IngestOptions, reason: string, error: unknown, p: Parsed | null): Promise<IngestOutcome> {
  await quarantineMessage(db, { rawSha256, source: opts.source, sourceRef: opts.sourceRef ?? null, reason, error, subject: p?.subject ?? null, from: p?.from?.address ?? null, rerunOf: opts.quarantineId ?? null });
  return { outcome: "quarantined", ticketNumber: null, articleId: null, reason };
}

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT", "57P01", "57P02", "57P03", "53300"]);

/** The database is unreachable (Drizzle wraps driver errors, so look through `cause`): retry later, don't quarantine. */
export function isConnectionError(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code && CONNECTION_CODES.has(e.code)) return true;
  }
  return false;
}

