import { and, asc, desc, eq, gt, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "@/db";
import { articles, attachments, priorities, queues, states, tickets, users } from "@/db/schema";
import { type Actor, isAgent } from "@/server/auth/actor";
import { queuePermissions } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";
import { listTicketsInput, type ListTicketsInput } from "@/server/schemas/tickets";
import { loadTicketFor, visibleTickets } from "./scope";

const owner = alias(users, "owner");
const customer = alias(users, "customer");

const listColumns = {
  id: tickets.id,
  number: tickets.number,
  title: tickets.title,
  queueId: tickets.queueId,
  queueName: queues.name,
  stateId: tickets.stateId,
  stateName: states.name,
  stateType: tickets.stateType,
  priorityId: tickets.priorityId,
  priorityName: priorities.name,
  priorityLevel: priorities.level,
  customerUserId: tickets.customerUserId,
  customerName: customer.name,
  customerEmail: customer.email,
  ownerId: tickets.ownerId,
  ownerName: owner.name,
  locked: tickets.locked,
  waitingSince: tickets.waitingSince,
  pendingUntil: tickets.pendingUntil,
  archived: tickets.archived,
  isInternal: tickets.isInternal,
  version: tickets.version,
  createdAt: tickets.createdAt,
  changedAt: tickets.changedAt,
};

function joined(db: Tx) {
  return db
    .select(listColumns)
    .from(tickets)
    .innerJoin(queues, eq(queues.id, tickets.queueId))
    .innerJoin(states, eq(states.id, tickets.stateId))
    .innerJoin(priorities, eq(priorities.id, tickets.priorityId))
    .leftJoin(customer, eq(customer.id, tickets.customerUserId))
    .leftJoin(owner, eq(owner.id, tickets.ownerId));
}

/** Keyset pages over (sort column, id); the cursor is opaque to clients. */
export async function listTickets(db: Tx, actor: Actor, raw: ListTicketsInput) {
  const input = listTicketsInput.parse(raw);
  const column = input.sort === "changed" ? tickets.changedAt : tickets.createdAt;
  const filters: (SQL | undefined)[] = [visibleTickets(actor)];
  if (!input.includeArchived) filters.push(eq(tickets.archived, false));
  if (input.queueIds?.length) filters.push(inArray(tickets.queueId, input.queueIds));
  if (input.stateTypes?.length) filters.push(inArray(tickets.stateType, input.stateTypes));
  if (input.ownerId) filters.push(eq(tickets.ownerId, input.ownerId));
  if (input.customerUserId) filters.push(eq(tickets.customerUserId, input.customerUserId));
  if (input.customerCompanyId) filters.push(eq(tickets.customerCompanyId, input.customerCompanyId));
  if (input.locked !== undefined) filters.push(eq(tickets.locked, input.locked));
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor);
    const after = input.direction === "desc" ? lt : gt;
    filters.push(or(after(column, at), and(eq(column, at), after(tickets.id, id))));
  }
  const order = input.direction === "desc" ? [desc(column), desc(tickets.id)] : [asc(column), asc(tickets.id)];
  const rows = await joined(db)
    .where(and(...filters))
    .orderBy(...order)
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > input.limit && last ? encodeCursor(input.sort === "changed" ? last.changedAt : last.createdAt, last.id) : null;
  return { items: isAgent(actor) ? items : items.map(forCustomer), nextCursor };
}

/** What customers may see of a ticket row: no owner, no internal bookkeeping. */
function forCustomer<T extends { ownerId: number | null; ownerName: string | null; locked: boolean }>(row: T): T {
  return { ...row, ownerId: null, ownerName: null, locked: false };
}

export async function getTicket(db: Tx, actor: Actor, ticketId: number) {
  await loadTicketFor(db, actor, ticketId, "view");
  const [row] = await joined(db).where(eq(tickets.id, ticketId)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", "Ticket not found");
  const agent = isAgent(actor);
  const articleRows = await db
    .select({
      id: articles.id,
      channel: articles.channel,
      senderType: articles.senderType,
      isInternal: articles.isInternal,
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
    })
    .from(articles)
    .leftJoin(users, eq(users.id, articles.createdBy))
    .where(and(eq(articles.ticketId, ticketId), agent ? undefined : eq(articles.isInternal, false)))
    .orderBy(asc(articles.id));
  const files = articleRows.length
    ? await db
        .select({ id: attachments.id, articleId: attachments.articleId, filename: attachments.filename, contentType: attachments.contentType, size: attachments.size, inline: attachments.inline, contentId: attachments.contentId })
        .from(attachments)
        .where(inArray(attachments.articleId, articleRows.map((a) => a.id)))
        .orderBy(asc(attachments.createdAt))
    : [];
  const permissions = agent ? await queuePermissions(db, actor.id, row.queueId) : [];
  return {
    ticket: agent ? row : forCustomer(row),
    articles: articleRows.map((a) => {
      const withFiles = { ...a, attachments: files.filter((f) => f.articleId === a.id) };
      // Customers see neither raw-mail availability nor the desk's internal addresses.
      return agent ? withFiles : { ...withFiles, hasRaw: false, messageId: null, toAddresses: null, fromAddress: a.senderType === "customer" ? a.fromAddress : null };
    }),
    permissions,
  };
}

function encodeCursor(at: Date, id: number) {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string): [Date, number] {
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const at = new Date(iso ?? "");
  const n = Number(id);
  if (Number.isNaN(at.getTime()) || !Number.isSafeInteger(n)) throw new AppError("BAD_INPUT", "Invalid cursor");
  return [at, n];
}
