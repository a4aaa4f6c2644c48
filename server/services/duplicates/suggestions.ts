import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { ticketDuplicates, tickets } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { queueIdsWith } from "@/server/auth/permissions";
import { notFound } from "@/server/errors";
import { now } from "@/server/time/clock";
import type { LoadedTicket } from "@/server/services/tickets/scope";
import { duplicateThreshold } from "./detect";
import { type Draft, similarOpenTickets } from "./similar";

const OPEN_STATES = ["new", "open", "pending_reminder", "pending_auto"] as const;

/**
 * The portal's warning before sending: the customer's own open tickets that resemble the draft.
 * Scoped in the query to the signed-in customer; nothing is stored.
 */
export async function similarOpenRequests(db: Db, actor: Actor, input: { title: string; body: string }) {
  const min = await duplicateThreshold(db);
  if (min === null || (input.title + input.body).trim().length < 8) return { items: [] };
  const draft: Draft = { customerUserId: actor.id, title: input.title, body: input.body };
  const items = await similarOpenTickets(db, draft, min);
  return { items: items.map(({ id, number, title }) => ({ id, number, title })) };
}

/**
 * The zoom's "possible duplicate of #N": undismissed suggestions whose original is still open and
 * in a queue the agent sees, most similar first.
 */
export async function duplicateSuggestions(db: Db, actor: Actor, loaded: LoadedTicket) {
  if (loaded.ticket.stateType === "merged") return { items: [] };
  const items = await db
    .select({ id: tickets.id, number: tickets.number, title: tickets.title, score: ticketDuplicates.score })
    .from(ticketDuplicates)
    .innerJoin(tickets, eq(tickets.id, ticketDuplicates.originalId))
    .where(
      and(
        eq(ticketDuplicates.ticketId, loaded.ticket.id),
        isNull(ticketDuplicates.dismissedAt),
        inArray(tickets.stateType, [...OPEN_STATES]),
        sql`${tickets.queueId} in ${queueIdsWith(actor.id, "ro")}`,
      ),
    )
    .orderBy(desc(ticketDuplicates.score), desc(tickets.id))
    .limit(5);
  return { items };
}

/** "Not a duplicate": the pair is remembered as dismissed and never suggested again. */
export async function dismissDuplicate(db: Db, actor: Actor, input: { ticketId: number; originalId: number }) {
  const rows = await db
    .update(ticketDuplicates)
    .set({ dismissedAt: now(), dismissedBy: actor.id })
    .where(and(eq(ticketDuplicates.ticketId, input.ticketId), eq(ticketDuplicates.originalId, input.originalId), isNull(ticketDuplicates.dismissedAt)))
    .returning({ ticketId: ticketDuplicates.ticketId });
  if (rows.length === 0) throw notFound();
  return { dismissed: true };
}
