import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { articles, attachments, tickets, timeAccounting } from "@/db/schema";
import { AppError } from "@/server/errors";
import { recordPossibleDuplicates } from "@/server/services/duplicates/detect";
import { getSetting } from "@/server/services/settings";
import { now as deskNow } from "@/server/time/clock";
import { type LifecycleEvent, recomputeDeadlines } from "./deadlines";
import { type HistoryEntry, recordHistory } from "./history";
import { nextTicketNumber } from "./number";
import type { TicketRow } from "./scope";

/**
 * The ticket lifecycle: the only code that inserts or updates `tickets` and `articles` rows.
 * Callers say what happened (a ticket opened with this article, an article added, these fields
 * changed); the columns that follow from it (waiting_since, last_customer_article_at,
 * first_response_at, closed_at, reopen_count, the lock on close) are derived here and nowhere
 * else, and every write ends in `recomputeDeadlines`.
 */

/** Who acts: a user, or null for the system (postmaster, jobs). */
export type LifecycleActor = { id: number } | null;

type Derived = "waitingSince" | "lastCustomerArticleAt" | "firstResponseAt" | "closedAt" | "reopenCount" | "archived" | "firstResponseMinutes" | "solutionMinutes" | "firstResponseBreached" | "solutionBreached";
type Bookkeeping = "id" | "number" | "version" | "createdAt" | "createdBy" | "changedAt" | "changedBy" | "searchVector" | "remindedFor";
export type TicketPatch = Partial<Omit<typeof tickets.$inferInsert, Bookkeeping | Derived>>;
export type TicketFields = Omit<typeof tickets.$inferInsert, Bookkeeping | Derived | "stateId" | "stateType"> & {
  state: { id: number; type: TicketRow["stateType"] };
  /** Drawn with `drawTicketNumber` on the pool before the transaction, so the counter row is never held; else drawn here. */
  number?: string;
};

export type NewAttachment = { id?: string; fileSha256: string; filename: string; contentType: string; size: number; contentId?: string | null; inline?: boolean };
export type NewArticle = Omit<typeof articles.$inferInsert, "id" | "ticketId" | "searchVector"> & {
  attachments?: NewAttachment[];
  /** Shown in the history row ("reply", "email follow-up", …); the channel when absent. */
  historyLabel?: string;
};

export const STALE_MESSAGE = "errors.staleTicket";

/**
 * The next ticket number, drawn outside the caller's transaction (one statement on the pool):
 * a transaction that drew it would hold the day's counter row until it commits.
 */
export async function drawTicketNumber(db: Tx): Promise<string> {
  return nextTicketNumber(db, await getSetting(db, "ticket.system_id"));
}

/** Opens a ticket with its first article. `history` adds rows after "created". */
export async function openTicket(
  tx: Tx,
  actor: LifecycleActor,
  fields: TicketFields,
  first: NewArticle,
  opts: { history?: (articleId: number) => HistoryEntry[]; checkDuplicates?: boolean } = {},
): Promise<{ ticket: TicketRow; article: { id: number } }> {
  const { state, number: drawn, ...rest } = fields;
  const number = drawn ?? (await drawTicketNumber(tx));
  const now = deskNow();
  const isInternal = fields.isInternal ?? false;
  const at = first.createdAt ?? now;
  const effects = articleEffects({ isInternal, customerUserId: fields.customerUserId ?? null, waitingSince: null, firstResponseAt: null }, first, at);
  const [inserted] = await tx
    .insert(tickets)
    .values({ ...rest, number, stateId: state.id, stateType: state.type, ...effects, createdBy: actor?.id ?? null, changedBy: actor?.id ?? null, createdAt: now, changedAt: now })
    .returning();
  if (!inserted) throw new Error("ticket insert returned nothing");
  const article = await insertArticle(tx, actor, inserted.id, { ...first, createdAt: at });
  // Three independent writes, sent together (postgres.js pipelines them on the transaction's
  // connection, in this order): one round trip instead of three per new ticket.
  const [, ticket] = await Promise.all([
    recordHistory(tx, inserted.id, actor?.id ?? null, [
      { event: "created", field: "queue", newId: inserted.queueId, newValue: number },
      ...(opts.history?.(article.id) ?? []),
      { event: "article_added", articleId: article.id, newValue: first.historyLabel ?? first.channel },
    ]),
    withDeadlines(tx, inserted, { kind: "opened", articleId: article.id }),
    // Every way in (portal, mail, phone, agent) asks the same question; a split copies a ticket's own article.
    opts.checkDuplicates !== false ? recordPossibleDuplicates(tx, inserted, first.bodyText ?? "", article.id) : null,
  ]);
  return { ticket, article };
}

/**
 * Adds an article (with its attachments and time accounting) to a ticket the caller holds
 * `FOR UPDATE`, and commits what follows from it, together with `change` (e.g. the reply's next
 * state) as one new version.
 */
export async function addArticle(
  tx: Tx,
  actor: LifecycleActor,
  ticket: TicketRow,
  article: NewArticle,
  change: { patch?: TicketPatch; history?: HistoryEntry[] } = {},
): Promise<{ id: number; ticket: TicketRow }> {
  // The article's own time is the time the derived columns record.
  const at = article.createdAt ?? deskNow();
  const { id } = await insertArticle(tx, actor, ticket.id, { ...article, createdAt: at });
  const effects = articleEffects(ticket, article, at);
  // The change (state, reopen) reads first, then the article that caused it.
  const added: HistoryEntry = { event: "article_added", articleId: id, newValue: article.historyLabel ?? article.channel };
  const event = { kind: "article", articleId: id, senderType: article.senderType, isInternal: article.isInternal ?? false } as const;
  const patch = { ...effects, ...change.patch };
  // System mail (an auto-response) that changes nothing on the ticket is not a change to it: no
  // new version (an agent's open zoom stays current) and no new changed_at (the lock-expiry clock
  // counts people's activity), only its history row.
  if (article.senderType === "system" && Object.keys(patch).length === 0 && !change.history?.length) {
    await recordHistory(tx, ticket.id, actor?.id ?? null, [added]);
    return { id, ticket: await withDeadlines(tx, ticket, event) };
  }
  const updated = await write(tx, actor, ticket, patch, change.history ?? [], event, [added]);
  return { id, ticket: updated };
}

/**
 * Changes a ticket the caller holds `FOR UPDATE`: compares `version`, writes version + 1,
 * changed_at/by, the history rows, and what a state change implies.
 */
export async function commitChange(tx: Tx, actor: LifecycleActor, ticket: TicketRow, patch: TicketPatch, history: HistoryEntry[]): Promise<TicketRow> {
  return write(tx, actor, ticket, patch, history, { kind: "changed", fields: Object.keys(patch) });
}

/**
 * A merge moves the source's articles to the target; the target's customer has waited since
 * the earlier of the two and last wrote at the later.
 */
export async function moveArticles(tx: Tx, actor: LifecycleActor, source: TicketRow, target: TicketRow, history: HistoryEntry[]): Promise<TicketRow> {
  await tx.update(articles).set({ ticketId: target.id }).where(eq(articles.ticketId, source.id));
  const derived = { waitingSince: earliest(target.waitingSince, source.waitingSince), lastCustomerArticleAt: latest(target.lastCustomerArticleAt, source.lastCustomerArticleAt) };
  return write(tx, actor, target, derived, history, { kind: "changed", fields: Object.keys(derived) });
}

/** Re-attributes every article one user wrote to another (a customer merged into another). */
export async function reassignArticleAuthor(tx: Tx, fromUserId: number, toUserId: number): Promise<number> {
  const rows = await tx.update(articles).set({ createdBy: toUserId }).where(eq(articles.createdBy, fromUserId)).returning({ id: articles.id });
  return rows.length;
}

/**
 * Delivery bookkeeping on outgoing articles (queued, sent, bounced, a provider's note): it
 * changes what the zoom shows about a mail, never the ticket, so no version and no history.
 */
export async function recordDelivery(
  tx: Tx,
  which: { articleId: number } | { messageIds: string[] },
  change: { status?: (typeof articles.$inferSelect)["deliveryStatus"]; error?: string | null },
): Promise<number> {
  const set = { ...(change.status ? { deliveryStatus: change.status } : {}), ...(change.error !== undefined ? { deliveryError: change.error } : {}) };
  if (Object.keys(set).length === 0) return 0;
  const where = "articleId" in which ? eq(articles.id, which.articleId) : inArray(articles.messageId, which.messageIds);
  const rows = await tx.update(articles).set(set).where(where).returning({ id: articles.id });
  return rows.length;
}

/** The outgoing mail's final text and threading headers, filled in once the mail is composed. */
export async function recordOutgoingMail(
  tx: Tx,
  articleId: number,
  mail: Pick<typeof articles.$inferInsert, "bodyText" | "messageId" | "inReplyTo" | "references" | "toAddresses" | "ccAddresses">,
): Promise<void> {
  await tx.update(articles).set({ ...mail, deliveryStatus: "queued" }).where(eq(articles.id, articleId));
}

/**
 * Flags up to `limit` closed tickets, closed before `cutoff`, as archived, after the keyset
 * `after` (close time, id), in the caller's (short) transaction. Rows an agent holds are skipped,
 * not waited for. The flag is bookkeeping, not a change: no new version, no changed_at, so an
 * open zoom stays current; each ticket gets an "archived" history row. The per-queue counters
 * follow by trigger (0007).
 */
export async function archiveClosedBatch(
  tx: Tx,
  cutoff: Date,
  after: { closedAt: Date; id: number } | null,
  limit: number,
): Promise<{ archived: number; last: { closedAt: Date; id: number } | null }> {
  const from = after ? sql`and (closed_at, id) > (${after.closedAt.toISOString()}::timestamptz, ${after.id})` : sql``;
  const rows = await tx.execute<{ id: number; closed_at: string }>(sql`
    with batch as (
      select id, closed_at from ${tickets}
      where state_type = 'closed' and archived = false and closed_at < ${cutoff.toISOString()}::timestamptz ${from}
      order by closed_at, id
      limit ${limit}
      for no key update skip locked
    ), flagged as (
      update ${tickets} t set archived = true from batch where t.id = batch.id and t.archived = false
      returning t.id
    ), logged as (
      insert into ticket_history (ticket_id, event) select id, 'archived' from flagged
    )
    select id, to_char(closed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as closed_at from batch order by closed_at, id`);
  const tail = rows.at(-1);
  const flagged = rows.length;
  return { archived: flagged, last: tail ? { closedAt: new Date(tail.closed_at), id: Number(tail.id) } : null };
}

/**
 * Records that the reminder for the ticket's current pending time went out (bookkeeping like a
 * delivery status: no new version). Only while the pending time is still the one reminded of.
 */
export async function recordReminderSent(tx: Tx, ticket: Pick<TicketRow, "id" | "pendingUntil">, history: HistoryEntry[]): Promise<boolean> {
  if (!ticket.pendingUntil) return false;
  const rows = await tx
    .update(tickets)
    .set({ remindedFor: ticket.pendingUntil })
    .where(and(eq(tickets.id, ticket.id), eq(tickets.pendingUntil, ticket.pendingUntil)))
    .returning({ id: tickets.id });
  if (rows.length === 0) return false;
  await recordHistory(tx, ticket.id, null, history);
  return true;
}

async function write(
  tx: Tx,
  actor: LifecycleActor,
  ticket: TicketRow,
  patch: TicketPatch & Partial<Pick<TicketRow, Derived>>,
  history: HistoryEntry[],
  event: LifecycleEvent,
  trailing: HistoryEntry[] = [],
): Promise<TicketRow> {
  const transition = stateEffects(ticket, patch);
  if (ticket.archived && (leavesClosed(ticket, patch) || (event.kind === "article" && event.senderType === "customer"))) {
    transition.patch.archived = false;
    transition.history.push({ event: "unarchived" });
  }
  // The deadlines follow from the row as it will be, and go into the same UPDATE: a second write
  // of the row would cost another row version and index entries on every change.
  const deadlines = await recomputeDeadlines(tx, { ...ticket, ...patch, ...transition.patch } as TicketRow, event);
  const [updated] = await tx
    .update(tickets)
    .set({ ...patch, ...transition.patch, ...deadlines, version: sql`${tickets.version} + 1`, changedAt: deskNow(), changedBy: actor?.id ?? null })
    .where(and(eq(tickets.id, ticket.id), eq(tickets.version, ticket.version)))
    .returning();
  if (!updated) throw new AppError("CONFLICT", STALE_MESSAGE);
  await recordHistory(tx, ticket.id, actor?.id ?? null, [...history, ...transition.history, ...trailing]);
  return updated;
}

/** The deadlines after a change: recomputed, and written (no new version) when they moved. */
async function withDeadlines(tx: Tx, ticket: TicketRow, event: LifecycleEvent): Promise<TicketRow> {
  const next = await recomputeDeadlines(tx, ticket, event);
  if (!next) return ticket;
  await tx.update(tickets).set(next).where(eq(tickets.id, ticket.id));
  return { ...ticket, ...next };
}

/** After an SLA or calendar edit (the caller holds the row `FOR UPDATE`): deadlines follow, not a change to the ticket. */
export function refreshDeadlines(tx: Tx, ticket: TicketRow): Promise<TicketRow> {
  return withDeadlines(tx, ticket, { kind: "sla" });
}

/** The SLA timers after a sweep fired some (bookkeeping: no version, no history). */
export async function recordSlaTimers(tx: Tx, ticketId: number, timers: TicketRow["slaTimers"], next: Date | null): Promise<void> {
  await tx.update(tickets).set({ slaTimers: timers, slaTimerAt: next }).where(eq(tickets.id, ticketId));
}

async function insertArticle(tx: Tx, actor: LifecycleActor, ticketId: number, a: NewArticle): Promise<{ id: number }> {
  const { attachments: files, historyLabel: _label, ...values } = a;
  const [row] = await tx
    .insert(articles)
    .values({ ...values, ticketId, createdBy: a.createdBy === undefined ? (actor?.id ?? null) : a.createdBy })
    .returning({ id: articles.id });
  if (!row) throw new Error("article insert returned nothing");
  if (files?.length) await tx.insert(attachments).values(files.map((f) => ({ ...f, articleId: row.id })));
  if (actor && a.timeUnits && a.timeUnits > 0) await tx.insert(timeAccounting).values({ ticketId, articleId: row.id, userId: actor.id, minutes: a.timeUnits, createdAt: a.createdAt ?? deskNow() });
  return row;
}

/**
 * A customer's article starts (or continues) the wait for the desk; an agent's article the
 * ticket's customer can see (public, on a ticket that has a customer) ends it and is the first response if none came before. Notes, forwards to
 * third parties and system mail (auto-responses) change neither.
 */
function articleEffects(
  ticket: Pick<TicketRow, "isInternal" | "customerUserId" | "waitingSince" | "firstResponseAt">,
  a: NewArticle,
  at: Date,
): Partial<Pick<TicketRow, Derived>> {
  // Mail the desk could not tie to the ticket's people is a note for the agents: no wait starts.
  if (a.unverified) return {};
  if (a.senderType === "customer") return ticket.isInternal ? { lastCustomerArticleAt: at } : { lastCustomerArticleAt: at, waitingSince: ticket.waitingSince ?? at };
  if (a.senderType === "agent" && !a.isInternal && !ticket.isInternal && ticket.customerUserId !== null) return { waitingSince: null, firstResponseAt: ticket.firstResponseAt ?? at };
  return {};
}

/**
 * An archived ticket is a closed one nobody works on: a customer writing to it or a state other
 * than closed brings it back into the working set (and the queue's counters, by trigger).
 */
function leavesClosed(ticket: TicketRow, patch: TicketPatch): boolean {
  return patch.stateType !== undefined && patch.stateType !== "closed" && ticket.stateType === "closed";
}

/** Closing ends the wait and the lock; leaving a closed state is a reopen; only pending states keep a pending time. */
function stateEffects(ticket: TicketRow, patch: TicketPatch): { patch: Partial<TicketRow>; history: HistoryEntry[] } {
  const next = patch.stateType;
  if (next === undefined || next === ticket.stateType) return { patch: {}, history: [] };
  const out: Partial<TicketRow> = {};
  const history: HistoryEntry[] = [];
  if (next !== "pending_reminder" && next !== "pending_auto") out.pendingUntil = null;
  if (next === "closed" || next === "merged" || next === "removed") Object.assign(out, { waitingSince: null, locked: false, lockedAt: null });
  if (next === "closed") out.closedAt = deskNow();
  if (ticket.stateType === "closed" && next !== "merged" && next !== "removed") {
    Object.assign(out, { closedAt: null, reopenCount: ticket.reopenCount + 1 });
    history.push({ event: "reopened" });
  }
  return { patch: out, history };
}

type When = TicketRow["waitingSince"];
const earliest = (a: When, b: When) => (a && b ? (a < b ? a : b) : (a ?? b));
const latest = (a: When, b: When) => (a && b ? (a > b ? a : b) : (a ?? b));

/**
 * Counts every timer whose moment has already passed as told, without telling anyone: for desks
 * whose history happened before anyone watched (the demo seed, a generated benchmark desk). The
 * deadlines and escalation_at stay, so the dashboard still lists what is escalated; only the
 * timers still ahead will notify.
 */
export async function markPassedTimersTold(db: Tx): Promise<void> {
  await db.execute(sql`
    update tickets t set sla_timers = s.timers, sla_timer_at = s.next
    from (
      select id,
        jsonb_agg(case when (x->>'at')::timestamptz <= now() then jsonb_set(x, '{fired}', 'true') else x end order by ord) as timers,
        min((x->>'at')::timestamptz) filter (where (x->>'at')::timestamptz > now() and not (x->>'fired')::boolean) as next
      from tickets, jsonb_array_elements(sla_timers) with ordinality as e(x, ord)
      where sla_timer_at <= now()
      group by id
    ) s
    where t.id = s.id`);
}
