import { and, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import { tickets } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { queueIdsWith } from "@/server/auth/permissions";
import { decodeCursor as decodeKey, encodeCursor as encodeKey } from "@/server/services/keyset";
import type { searchTicketsInput } from "@/server/schemas/search";
import type { z } from "zod";
import { latinDigits } from "@/server/i18n/digits";

export type SearchInput = z.output<typeof searchTicketsInput>;

/** A ticket number, alone or with its hook ("Ticket#2026…", "[Ticket#2026…]"). */
export function ticketNumberIn(query: string): string | null {
  const m = /^\[?(?:[^\s#\]]*#)?\s*(\d{6,32})\]?$/u.exec(latinDigits(query).trim());
  return m ? m[1]! : null;
}

export function isEmailQuery(query: string): boolean {
  return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/u.test(query.trim());
}

/**
 * Sets the transaction up for searching and returns the folded query as tsquery text ("" when the
 * words fold to nothing), in one round trip. Plans must see the actual words (a generic plan cannot
 * tell a rare word from a common one), and parallel workers cost more to start than the bounded
 * work they would share.
 */
export async function prepareSearch(tx: Tx, query: string): Promise<string> {
  const [row] = await tx.execute<{ q: string }>(sql`
    select set_config('plan_cache_mode', 'force_custom_plan', true),
      set_config('max_parallel_workers_per_gather', '0', true),
      set_config('statement_timeout', '15s', true),
      helpdesk_tsquery(${query})::text as q`);
  return row?.q ?? "";
}

/**
 * The `where` clause for `tickets`: the agent's scope plus every filter of the search form.
 * Same scope as visibleTickets (queues with ro), written as `= any(array(...))` so PostgreSQL
 * resolves the queue list once up front; the `in (subquery)` form lets the planner hash-join every
 * visible ticket, which at a million tickets costs more than the whole search budget.
 */
export function ticketFilters(actor: Actor, input: SearchInput): SQL {
  const parts: (SQL | undefined)[] = [sql`${tickets.queueId} = any(array(${queueIdsWith(actor.id, "ro")}))`];
  if (!input.includeArchived) parts.push(eq(tickets.archived, false));
  if (input.queueIds?.length) parts.push(inArray(tickets.queueId, input.queueIds));
  if (input.stateTypes?.length) parts.push(inArray(tickets.stateType, input.stateTypes));
  if (input.priorityIds?.length) parts.push(inArray(tickets.priorityId, input.priorityIds));
  if (input.ownerId) parts.push(eq(tickets.ownerId, input.ownerId));
  if (input.customerUserId) parts.push(eq(tickets.customerUserId, input.customerUserId));
  if (input.customerCompanyId) parts.push(eq(tickets.customerCompanyId, input.customerCompanyId));
  if (input.createdFrom) parts.push(gte(tickets.createdAt, input.createdFrom));
  if (input.createdTo) parts.push(lte(tickets.createdAt, input.createdTo));
  if (input.changedFrom) parts.push(gte(tickets.changedAt, input.changedFrom));
  if (input.changedTo) parts.push(lte(tickets.changedAt, input.changedTo));
  return and(...parts) as SQL;
}

export const encodeCursor = (score: number, id: number) => encodeKey(score, id);
export const decodeCursor = (cursor: string) => decodeKey(cursor, "number");
