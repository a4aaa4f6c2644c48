import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { timestamps, ts } from "./_columns";
import { queues } from "./config";
import { users } from "./directory";
import { stateType } from "./enums";
import { tickets } from "./tickets";

const ref = () => bigint({ mode: "number" });

/** A named ticket filter; personal, or shared with every agent. */
export const savedSearches = pgTable(
  "saved_searches",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: ref().notNull().references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    shared: boolean().notNull().default(false),
    /** The list/search input it stands for (validated by the same schema on use). */
    filters: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** Columns the list shows for this search. */
    columns: jsonb().$type<string[]>().notNull().default([]),
    ...timestamps,
  },
  (t) => [index("saved_searches_user_idx").on(t.userId), index("saved_searches_shared_idx").on(t.shared).where(sql`shared`)],
);

/**
 * Who has a ticket open, and who is writing on it, across every app instance. Rows are
 * refreshed by heartbeats; readers ignore rows older than the presence window.
 */
export const ticketPresence = pgTable(
  "ticket_presence",
  {
    ticketId: ref().notNull().references(() => tickets.id, { onDelete: "cascade" }),
    userId: ref().notNull().references(() => users.id, { onDelete: "cascade" }),
    /** "viewing" or "composing" (reply, note, forward …). */
    activity: text().notNull().default("viewing"),
    seenAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.userId] }), index("ticket_presence_seen_idx").on(t.seenAt)],
);

/** Maintained counts of non-archived tickets per queue and state type (trigger, migration 0007). */
export const queueTicketCounts = pgTable(
  "queue_ticket_counts",
  {
    queueId: ref().notNull().references(() => queues.id, { onDelete: "cascade" }),
    stateType: stateType().notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.queueId, t.stateType] })],
);
