import { and, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import { tickets } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { queueIdsWith } from "@/server/auth/permissions";
import { decodeCursor as decodeKey, encodeCursor as encodeKey } from "@/server/services/keyset";
import type { searchTicketsInput } from "@/server/schemas/search";
import { queryStems } from "./stems";
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

/** `{1,2,3}`: a list of ids as one bigint[] parameter, so a statement's text does not change with the list's length. */
export const idArray = (ids: readonly number[]) => sql`${`{${ids.join(",")}}`}::bigint[]`;

/**
 * Sets the transaction up for searching and returns the folded query as tsquery text ("" when the
 * words fold to nothing), in one round trip. Plans must see the actual words (a generic plan cannot
 * tell a rare word from a common one), and parallel workers cost more to start than the bounded
 * work they would share. Each word is widened to its Polish stem and the compounds that contain it
 * (helpdesk_tsquery_wide, 0019).
 */
export async function prepareSearch(tx: Tx, query: string): Promise<string> {
  return (await setUpSearch(tx, query, sql`null::bigint[]`, sql`null`)).q;
}

/**
 * prepareSearch for tickets: the same round trip also resolves the queues the agent may read, so
 * the search statement carries them as one array instead of planning the permission subquery in
 * each of its three parts (it is planned on every call, for the words' sake).
 *
 * It also turns off hash and merge joins for the transaction. The planner cannot know how many
 * articles a prefix query (`zephyrin:*`, every last word is one) matches and assumes 0.5 % of them
 * (25,000 here) even for a word in a hundred; when it rightly reads such a word from the GIN index,
 * that guess made it hash every visible ticket (26,000 at a million tickets: 5 of the statement's
 * 7.5 ms) to join a hundred articles, where a nested loop probes the hundred by primary key. The
 * choice between the GIN index and the walk down the newest tickets is left as it was: over every
 * word of the bench desk's vocabulary and its search words, not one plan changed path.
 */
export async function prepareTicketSearch(tx: Tx, actor: Actor, query: string): Promise<{ tsq: string; queueIds: number[] }> {
  const nestedLoops = sql`set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)`;
  const row = await setUpSearch(tx, query, sql`array(${queueIdsWith(actor.id, "ro")})`, nestedLoops);
  return { tsq: row.q, queueIds: (row.queues ?? []).map(Number) };
}

async function setUpSearch(tx: Tx, query: string, queues: SQL, settings: SQL) {
  const [row] = await tx.execute<{ q: string; queues: (string | number)[] | null }>(sql`
    select set_config('plan_cache_mode', 'force_custom_plan', true),
      set_config('max_parallel_workers_per_gather', '0', true),
      set_config('statement_timeout', '15s', true), ${settings},
      helpdesk_tsquery_wide(${query}, ${JSON.stringify(queryStems(query))}::jsonb)::text as q, ${queues} as queues`);
  return { q: row?.q ?? "", queues: row?.queues ?? null };
}

/**
 * The `where` clause for `tickets`: the agent's scope (the queues with ro, resolved up front by
 * prepareTicketSearch) plus every filter of the search form.
 */
export function ticketFilters(queueIds: readonly number[], input: SearchInput): SQL {
  const parts: (SQL | undefined)[] = [sql`${tickets.queueId} = any(${idArray(queueIds)})`];
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
