import { asc, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { ticketHistory, users } from "@/db/schema";
import { now } from "@/server/time/clock";

export type HistoryEvent =
  | "created"
  | "article_added"
  | "state_changed"
  | "priority_changed"
  | "queue_changed"
  | "owner_changed"
  | "responsible_changed"
  | "locked"
  | "unlocked"
  | "title_changed"
  | "reopened"
  | "pending_time_set"
  | "customer_changed"
  | "merged_into"
  | "merged_from"
  | "split_to"
  | "split_from"
  | "linked"
  | "unlinked"
  | "type_changed"
  | "service_changed"
  | "archived"
  | "unarchived"
  | "reminder_sent";

export type HistoryEntry = {
  event: HistoryEvent;
  field?: string;
  oldValue?: string | null;
  newValue?: string | null;
  oldId?: number | null;
  newId?: number | null;
  articleId?: number | null;
};

/** History is append-only: rows are inserted here and nowhere else, and never updated. */
export async function recordHistory(db: Tx, ticketId: number, actorId: number | null, entries: HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  // The desk's clock, like every other moment of the ticket: reports count events by it.
  const at = now();
  await db.insert(ticketHistory).values(entries.map((e) => ({ ticketId, actorId, createdAt: at, ...e })));
}

export async function readHistory(db: Tx, ticketId: number) {
  return db
    .select({
      id: ticketHistory.id,
      event: ticketHistory.event,
      field: ticketHistory.field,
      oldValue: ticketHistory.oldValue,
      newValue: ticketHistory.newValue,
      oldId: ticketHistory.oldId,
      newId: ticketHistory.newId,
      articleId: ticketHistory.articleId,
      actorId: ticketHistory.actorId,
      actorName: users.name,
      createdAt: ticketHistory.createdAt,
    })
    .from(ticketHistory)
    .leftJoin(users, eq(users.id, ticketHistory.actorId))
    .where(eq(ticketHistory.ticketId, ticketId))
    .orderBy(asc(ticketHistory.id));
}
