import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { builtOnce, type Tx } from "@/db";
import { inlineImageUrls, sanitizeMailHtml } from "@/server/mail/sanitize";
import { articles, attachments, priorities, queues, services, states, ticketTypes, tickets, users } from "@/db/schema";
import { type Actor, isAgent } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { listTicketsInput, STATE_TYPES, type ListTicketsInput } from "@/server/schemas/tickets";
import { contains, decodeCursor, encodeCursor, page } from "@/server/services/keyset";
import { agentSlaView, customerSlaView } from "@/server/services/sla/summary";
import { now } from "@/server/time/clock";
import { openAt } from "./moments";
import { selectByShape } from "./list-statement";
import { withNames } from "./names";
import { type LoadedTicket, readableTicket, visibleTickets } from "./scope";
import { latinDigits } from "@/server/i18n/digits";

type ListTicketsParsed = z.output<typeof listTicketsInput>;

const owner = alias(users, "owner");
const customer = alias(users, "customer");
const responsible = alias(users, "responsible");

/** A list row's own columns: the ticket and its people; the lookup names come from names.ts. */
const rowColumns = {
  id: tickets.id,
  number: tickets.number,
  title: tickets.title,
  queueId: tickets.queueId,
  stateId: tickets.stateId,
  stateType: tickets.stateType,
  priorityId: tickets.priorityId,
  customerUserId: tickets.customerUserId,
  customerName: customer.name,
  customerEmail: customer.email,
  ownerId: tickets.ownerId,
  ownerName: owner.name,
  responsibleId: tickets.responsibleId,
  responsibleName: responsible.name,
  typeId: tickets.typeId,
  serviceId: tickets.serviceId,
  customerCompanyId: tickets.customerCompanyId,
  locked: tickets.locked,
  escalationAt: tickets.escalationAt,
  waitingSince: tickets.waitingSince,
  pendingUntil: tickets.pendingUntil,
  archived: tickets.archived,
  isInternal: tickets.isInternal,
  version: tickets.version,
  createdAt: tickets.createdAt,
  changedAt: tickets.changedAt,
  /** "Possible duplicate of #N" found at intake (0019), while the agent has neither merged nor dismissed it. */
  possibleDuplicateOf: sql<string | null>`(select o.number from ticket_duplicates d join tickets o on o.id = d.original_id
    where d.ticket_id = ${tickets.id} and d.dismissed_at is null and ${tickets.stateType} <> 'merged'
      and o.state_type in ('new', 'open', 'pending_reminder', 'pending_auto')
    order by d.score desc limit 1)`,
};

export const listColumns = {
  ...rowColumns,
  queueName: queues.name,
  stateName: states.name,
  priorityName: priorities.name,
  priorityLevel: priorities.level,
  typeName: ticketTypes.name,
  serviceName: services.name,
};

/**
 * The list row query (columns and joins); callers add the `where`. Search renders the same rows.
 * `sortKey`: a text sort's value as PostgreSQL computes it, so the keyset cursor holds exactly that.
 */
export function selectListRows(db: Tx, sortKey: SQL<string | null> = sql`null`) {
  return db
    .select({ ...listColumns, sortKey: sql<string | null>`${sortKey}` })
    .from(tickets)
    .innerJoin(queues, eq(queues.id, tickets.queueId))
    .innerJoin(states, eq(states.id, tickets.stateId))
    .innerJoin(priorities, eq(priorities.id, tickets.priorityId))
    .leftJoin(customer, eq(customer.id, tickets.customerUserId))
    .leftJoin(owner, eq(owner.id, tickets.ownerId))
    .leftJoin(responsible, eq(responsible.id, tickets.responsibleId))
    .leftJoin(ticketTypes, eq(ticketTypes.id, tickets.typeId))
    .leftJoin(services, eq(services.id, tickets.serviceId));
}

/**
 * The list row query without the lookup joins (withNames fills the names from the configuration
 * cache), for the queue view and the zoom: five fewer relations for PostgreSQL to plan per call.
 * A sort on a lookup's name or level joins just that lookup.
 */
function selectRows(db: Tx, sort?: Sort) {
  const query = db
    .select({ ...rowColumns, sortKey: sql<string | null>`${sort?.kind === "text" ? sort.column : (sort?.key ?? sql`null`)}` })
    .from(tickets)
    .leftJoin(customer, eq(customer.id, tickets.customerUserId))
    .leftJoin(owner, eq(owner.id, tickets.ownerId))
    .leftJoin(responsible, eq(responsible.id, tickets.responsibleId))
    .$dynamic();
  if (sort?.join === "queues") return query.innerJoin(queues, eq(queues.id, tickets.queueId));
  if (sort?.join === "states") return query.innerJoin(states, eq(states.id, tickets.stateId));
  if (sort?.join === "priorities") return query.innerJoin(priorities, eq(priorities.id, tickets.priorityId));
  return query;
}

/**
 * List rows of tickets the caller has already scoped (search results), as the ticket list renders
 * them, with the lookup names from the cache; one statement text whatever the number of ids.
 */
export async function listRowsByIds(db: Tx, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await builtOnce(db, "rows-by-ids", () =>
    selectRows(db)
      .where(sql`${tickets.id} = any(${sql.placeholder("ids")}::bigint[])`)
      .prepare("rows_by_ids"),
  ).execute({ ids });
  return withNames(db, rows);
}

/** Keyset pages over (sort column, id), empty values last in either direction; the cursor is opaque to clients. */
export async function listTickets(db: Tx, actor: Actor, raw: ListTicketsInput) {
  const input = listTicketsInput.parse(raw);
  if (!isAgent(actor) && !CUSTOMER_SORTS.includes(input.sort)) throw new AppError("BAD_INPUT", "errors.customerSorts");
  const { name, where, build } = listStatement(db, actor, input);
  // Built by Drizzle once per sort, direction and `where` shape (list-statement.ts).
  const found = await selectByShape(db, name, where, input.limit + 1, build);
  const rows = await withNames(db, found);
  const sort = SORTS[input.sort];
  const { items, nextCursor } = page(rows, input.limit, (last) => encodeCursor(sort.kind === "text" ? last.sortKey : sort.value(last), last.id));
  const shown = items.map(({ sortKey: _, ...row }) => row);
  return { items: isAgent(actor) ? shown : shown.map((row) => forCustomer(row, actor.id)), nextCursor };
}

/**
 * The list's statement in parts: its `where` (visibility, filters, cursor) and what surrounds it,
 * which depends on nothing but the sort and direction that `name` names (list-statement.ts).
 */
export function listStatement(db: Tx, actor: Actor, input: ListTicketsParsed) {
  const sort = SORTS[input.sort];
  const desc = input.direction === "desc";
  const filters: (SQL | undefined)[] = [visibleTickets(actor), ...ticketFilters(actor, input)];
  if (input.cursor) filters.push(afterCursor(sort, desc, decodeCursor(input.cursor, CURSOR_KIND[sort.kind], true)));
  const dir = desc ? sql`desc` : sql`asc`;
  const build = (where: SQL) =>
    selectRows(db, sort)
      .where(where)
      .orderBy(sql`${sort.column} ${dir} nulls last`, sql`${tickets.id} ${dir}`)
      .limit(sql.placeholder("limit"));
  return { name: `list:${input.sort}:${input.direction}`, where: and(...filters) ?? sql`true`, build };
}

type ListRow = Awaited<ReturnType<ReturnType<typeof selectListRows>["execute"]>>[number];
type Sort = {
  column: SQLWrapper;
  kind: "time" | "number" | "text";
  nullable: boolean;
  value: (row: ListRow) => Date | number | null;
  /** The one lookup the sort reads (its name or level), joined for it. */
  join?: "queues" | "states" | "priorities";
  /** What the statement returns as `sortKey` besides a text sort's column. */
  key?: SQL;
};
const CURSOR_KIND = { time: "time", number: "integer", text: "string" } as const;
const byText = (column: SQL, nullable: boolean, join?: Sort["join"]): Sort => ({ column, kind: "text", nullable, value: () => null, join });

/** Each sort a list offers; the queue view's indexes start with the queue and state so these stay cheap per queue. */
const SORTS: Record<ListTicketsParsed["sort"], Sort> = {
  created: { column: tickets.createdAt, kind: "time", nullable: false, value: (r) => r.createdAt },
  changed: { column: tickets.changedAt, kind: "time", nullable: false, value: (r) => r.changedAt },
  // The cursor holds the level the statement read (sortKey), not the cached one.
  priority: { column: priorities.level, kind: "number", nullable: false, value: (r) => Number(r.sortKey), join: "priorities", key: sql`${priorities.level}::text` },
  waiting: { column: tickets.waitingSince, kind: "time", nullable: true, value: (r) => r.waitingSince },
  escalation: { column: tickets.escalationAt, kind: "time", nullable: true, value: (r) => r.escalationAt },
  pendingUntil: { column: tickets.pendingUntil, kind: "time", nullable: true, value: (r) => r.pendingUntil },
  // Numbers are fixed-width digits, so text order is number order (and tickets_number_uq serves it).
  number: byText(sql`${tickets.number}`, false),
  // Names sort case-insensitively; they run over the filtered working set (queue, owner, customer).
  title: byText(sql`lower(${tickets.title})`, false),
  queue: byText(sql`lower(${queues.name})`, false, "queues"),
  state: byText(sql`lower(${states.name})`, false, "states"),
  owner: byText(sql`lower(${owner.name})`, true),
  customer: byText(sql`lower(coalesce(${customer.name}, ${customer.email}))`, true),
};

/** The `where` parts for every filter of the list input (besides visibility and the cursor). */
export function ticketFilters(actor: Actor, input: ListTicketsParsed): (SQL | undefined)[] {
  const f: (SQL | undefined)[] = [];
  const any = <T>(column: Parameters<typeof inArray>[0], values: T[] | undefined) => (values?.length ? inArray(column, values) : undefined);
  // Archived flag and state types are written as literals, not parameters: the partial indexes of
  // the working set only serve a query whose predicate is provable at plan time, and prepared
  // statements switch to generic plans after a few runs.
  // The archive is the desk's working set, not the customer's: their own list keeps every request.
  if (!input.includeArchived && isAgent(actor)) f.push(sql`${tickets.archived} = false`);
  f.push(any(tickets.queueId, input.queueIds), stateTypesLiteral(input.stateTypes));
  f.push(any(tickets.priorityId, input.priorityIds), any(tickets.typeId, input.typeIds), any(tickets.serviceId, input.serviceIds));
  // Owner, responsible, lock and reminders are the desk's bookkeeping: customers cannot filter on
  // them either, or the filter would tell what the rows hide.
  const agent = isAgent(actor);
  if (agent) {
    if (input.ownerId === "unowned") f.push(isNull(tickets.ownerId));
    else if (input.ownerId) f.push(eq(tickets.ownerId, input.ownerId));
  }
  if (agent && input.responsibleId) f.push(eq(tickets.responsibleId, input.responsibleId));
  if (input.customerUserId) f.push(eq(tickets.customerUserId, input.customerUserId));
  if (input.customerCompanyId) f.push(eq(tickets.customerCompanyId, input.customerCompanyId));
  if (agent && input.locked !== undefined) f.push(eq(tickets.locked, input.locked));
  if (input.createdFrom) f.push(gte(tickets.createdAt, input.createdFrom));
  if (input.createdTo) f.push(lte(tickets.createdAt, input.createdTo));
  if (input.changedFrom) f.push(gte(tickets.changedAt, input.changedFrom));
  if (input.changedTo) f.push(lte(tickets.changedAt, input.changedTo));
  if (input.waiting) f.push(isNotNull(tickets.waitingSince));
  if (agent && input.remindersDue) f.push(and(eq(tickets.stateType, "pending_reminder"), lte(tickets.pendingUntil, sql`now()`)));
  if (agent && input.escalation) f.push(escalationFilter(input.escalation, input.escalationWithinMinutes ?? 120));
  if (agent) f.push(...drillFilters(input));
  if (input.text) f.push(textMatch(input.text));
  if (!agent && input.scope === "own") f.push(eq(tickets.customerUserId, actor.id));
  return f;
}

/** The report drill-downs' filters: the same definitions as the report's measures (server/services/reports). */
function drillFilters(input: ListTicketsParsed): (SQL | undefined)[] {
  const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  const range = (column: SQL, from?: Date, to?: Date) => and(from ? sql`${column} >= ${iso(from)}` : undefined, to ? sql`${column} < ${iso(to)}` : undefined);
  const exists = (from: SQL, column: SQL, a?: Date, b?: Date, extra: SQL = sql`true`) => sql`exists (select 1 from ${from} and ${extra} and ${range(column, a, b) ?? sql`true`})`;
  const f: (SQL | undefined)[] = [];
  if (input.closedFrom || input.closedTo) f.push(range(sql`${tickets.closedAt}`, input.closedFrom, input.closedTo));
  if (input.firstResponseFrom || input.firstResponseTo) f.push(range(sql`${tickets.firstResponseAt}`, input.firstResponseFrom, input.firstResponseTo));
  if (input.reopenedFrom || input.reopenedTo) f.push(exists(sql`ticket_history h where h.ticket_id = ${tickets.id} and h.event = 'reopened'`, sql`h.created_at`, input.reopenedFrom, input.reopenedTo));
  if (input.openAt) f.push(openAt(input.openAt));
  if (input.articlesFrom || input.articlesTo || input.articleSender) {
    const sender = input.articleSender ? sql`a.sender_type = ${input.articleSender}` : sql`true`;
    f.push(exists(sql`articles a where a.ticket_id = ${tickets.id}`, sql`a.created_at`, input.articlesFrom, input.articlesTo, sender));
  }
  if (input.timeFrom || input.timeTo) f.push(exists(sql`time_accounting ta where ta.ticket_id = ${tickets.id}`, sql`ta.created_at`, input.timeFrom, input.timeTo));
  if (input.breachedFrom || input.breachedTo) {
    const fr = and(sql`${tickets.firstResponseBreached}`, range(sql`${tickets.firstResponseAt}`, input.breachedFrom, input.breachedTo));
    const sol = and(sql`${tickets.solutionBreached}`, range(sql`${tickets.closedAt}`, input.breachedFrom, input.breachedTo));
    f.push(or(fr, sol));
  }
  return f;
}

/** Past the deadline, or coming due within the window, by the desk's clock (served by tickets_escalation_idx). */
function escalationFilter(which: "escalated" | "soon", withinMinutes: number): SQL | undefined {
  const at = now();
  if (which === "escalated") return lte(tickets.escalationAt, at);
  return and(gt(tickets.escalationAt, at), lte(tickets.escalationAt, new Date(at.getTime() + withinMinutes * 60_000)));
}

function stateTypesLiteral(types: readonly string[] | undefined): SQL | undefined {
  if (!types?.length) return undefined;
  const known = types.filter((t): t is (typeof STATE_TYPES)[number] => (STATE_TYPES as readonly string[]).includes(t));
  if (known.length === 0) return sql`false`;
  return sql`${tickets.stateType} in (${sql.raw(known.map((t) => `'${t}'`).join(", "))})`;
}

/**
 * Digits match a ticket number prefix; anything else matches title words. Plain ILIKE until the
 * full-text trigger of 0005 fills search_vector for every row; then this can use it.
 */
function textMatch(text: string): SQL | undefined {
  const digits = latinDigits(text);
  const numberPrefix = /^\d+$/.test(digits) ? sql`${tickets.number} like ${`${digits}%`}` : undefined;
  const words = text.split(/\s+/).filter(Boolean).map((w) => contains(w, tickets.title));
  const title = words.length ? and(...words) : undefined;
  return numberPrefix ? or(numberPrefix, title) : title;
}

/** Rows after the cursor in (column, id) order with nulls last, whichever the direction. */
function afterCursor(sort: Sort, desc: boolean, [value, id]: [Date | number | string | null, number]): SQL {
  const cmp = desc ? sql`<` : sql`>`;
  if (value === null) return sql`(${sort.column} is null and ${tickets.id} ${cmp} ${id})`;
  const v = value instanceof Date ? sql`${value.toISOString()}::timestamptz` : typeof value === "string" ? sql`${value}::text` : sql`${value}::int`;
  const tuple = sql`(${sort.column}, ${tickets.id}) ${cmp} (${v}, ${id})`;
  return sort.nullable ? sql`(${tuple} or ${sort.column} is null)` : tuple;
}

const CUSTOMER_SORTS: readonly string[] = ["created", "changed"];

/** What customers may see of a ticket row: no owner, no internal bookkeeping (deadlines, timers), no colleague's address. */
function forCustomer<
  T extends {
    ownerId: number | null;
    ownerName: string | null;
    responsibleId: number | null;
    responsibleName: string | null;
    locked: boolean;
    customerUserId: number | null;
    customerEmail: string | null;
    escalationAt: Date | null;
    pendingUntil: Date | null;
    possibleDuplicateOf: string | null;
  },
>(row: T, viewerId: number): T {
  const customerEmail = row.customerUserId === viewerId ? row.customerEmail : null;
  return { ...row, ownerId: null, ownerName: null, responsibleId: null, responsibleName: null, locked: false, customerEmail, escalationAt: null, pendingUntil: null, possibleDuplicateOf: null };
}

export async function getTicket(db: Tx, actor: Actor, ticketId: number, loaded?: LoadedTicket) {
  const { ticket, permissions } = await readableTicket(db, actor, ticketId, "view", loaded);
  const agent = isAgent(actor);
  // Independent reads, sent together: the zoom waits for one round trip instead of three.
  const [[found], articleRows, sla] = await Promise.all([
    builtOnce(db, "zoom-row", () => selectRows(db).where(eq(tickets.id, sql.placeholder("ticketId"))).limit(1).prepare("zoom_row")).execute({ ticketId }),
    builtOnce(db, agent ? "zoom-articles" : "zoom-articles-public", () => zoomArticles(db, agent)).execute({ ticketId }),
    agent ? agentSlaView(db, ticket).then((view) => ({ agent: view, customer: null })) : customerSlaView(db, ticket).then((view) => ({ agent: null, customer: view })),
  ]);
  if (!found) throw new AppError("NOT_FOUND", "errors.notFoundTicket");
  const [row] = await withNames(db, [found]);
  return {
    ticket: agent ? row! : forCustomer(row!, actor.id),
    articles: articleRows.map(({ files: own, ...a }) => {
      const withFiles = { ...a, bodyHtml: resolveLegacyCids(a.bodyHtml, own), attachments: own };
      // Customers see neither raw-mail availability nor the desk's internal addresses.
      return agent ? withFiles : { ...withFiles, hasRaw: false, messageId: null, toAddresses: null, fromAddress: ownAddress(a.fromAddress, actor.email) };
    }),
    permissions,
    sla,
  };
}

/** The zoom's articles with their attachments (one statement); customers' without internal notes. */
function zoomArticles(db: Tx, agent: boolean) {
  return db
    .select({
      id: articles.id,
      channel: articles.channel,
      senderType: articles.senderType,
      isInternal: articles.isInternal,
      unverified: articles.unverified,
      fromAddress: articles.fromAddress,
      toAddresses: articles.toAddresses,
      subject: articles.subject,
      bodyText: articles.bodyText,
      bodyHtml: articles.bodyHtml,
      hasRaw: sql<boolean>`${articles.rawFileSha256} is not null`,
      messageId: articles.messageId,
      deliveryStatus: articles.deliveryStatus,
      createdAt: articles.createdAt,
      authorName: users.name,
      authorId: articles.createdBy,
      files: sql<ArticleFile[]>`coalesce((select json_agg(json_build_object('id', f.id, 'articleId', f.article_id, 'filename', f.filename,
          'contentType', f.content_type, 'size', f.size, 'inline', f.inline, 'contentId', f.content_id) order by f.created_at)
        from ${attachments} f where f.article_id = ${articles.id}), '[]'::json)`,
    })
    .from(articles)
    .leftJoin(users, eq(users.id, articles.createdBy))
    .where(and(eq(articles.ticketId, sql.placeholder("ticketId")), agent ? undefined : eq(articles.isInternal, false)))
    .orderBy(asc(articles.id))
    .prepare(agent ? "zoom_articles" : "zoom_articles_public");
}

type ArticleFile = { id: string; articleId: number; filename: string; contentType: string; size: number; inline: boolean; contentId: string | null };

/** A customer sees an article's sender address only when it is their own (a colleague's or a CC'd stranger's stays hidden). */
function ownAddress(address: string | null, viewer: string): string | null {
  return address && address.trim().toLowerCase() === viewer.trim().toLowerCase() ? address : null;
}

/**
 * Mail stored before inline images were resolved on arrival still says `cid:`: it is resolved
 * the same way (while sanitizing again), never by splicing text into the stored HTML.
 */
function resolveLegacyCids(html: string | null, files: { id: string; contentId: string | null }[]): string | null {
  return html?.includes("cid:") ? sanitizeMailHtml(html, inlineImageUrls(files)) : html;
}
