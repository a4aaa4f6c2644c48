import { eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "@/db";
import { articles, priorities, queues, states, tickets, users } from "@/db/schema";

const owner = alias(users, "owner");
const customer = alias(users, "customer");

/** The same columns as the ticket list (server/services/tickets/read.ts), so both render alike. */
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

/** List rows for tickets already scoped by the search query. */
export async function loadRows(db: Tx, ids: number[]) {
  const rows = await db
    .select(listColumns)
    .from(tickets)
    .innerJoin(queues, eq(queues.id, tickets.queueId))
    .innerJoin(states, eq(states.id, tickets.stateId))
    .innerJoin(priorities, eq(priorities.id, tickets.priorityId))
    .leftJoin(customer, eq(customer.id, tickets.customerUserId))
    .leftJoin(owner, eq(owner.id, tickets.ownerId))
    .where(inArray(tickets.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

export type SnippetSource = { subject: string; body: string; attachmentNames: string; textHit: boolean };

/**
 * What the snippet is cut from: the best article's subject and the start of its body, its
 * attachment names, and whether its text (not only an attachment name) matched.
 */
export async function loadSnippetSources(db: Tx, articleIds: number[], tsq: string): Promise<Map<number, SnippetSource>> {
  if (articleIds.length === 0 || !tsq) return new Map();
  const rows = await db
    .select({
      id: articles.id,
      subject: articles.subject,
      body: sql<string>`left(articles.body_text, 20000)`,
      attachmentNames: sql<string>`coalesce((select string_agg(f.filename, ', ' order by f.created_at) from attachments f where f.article_id = articles.id), '')`,
      // Attachment names are the only weight-B part of an article's vector (0005_search.sql).
      textHit: sql<boolean>`ts_filter(articles.search_vector, '{a,c,d}') @@ ${tsq}::tsquery`,
    })
    .from(articles)
    .where(inArray(articles.id, articleIds));
  return new Map(rows.map((r) => [r.id, { subject: r.subject, body: r.body, attachmentNames: r.attachmentNames, textHit: r.textHit }]));
}
