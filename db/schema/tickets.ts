import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { timestamps, ts, tsvector } from "./_columns";
import { priorities, queues, services, slas, states, ticketTypes } from "./config";
import { customerCompanies, users } from "./directory";
import { linkType, stateType } from "./enums";

const ref = () => bigint({ mode: "number" });

/** One SLA timer: a warning or breach of one deadline, keyed by the deadline's instant. */
export type SlaTimer = { key: string; at: string; fired: boolean };
// Views over the working set leave archived and finished tickets out of their indexes.
const active = sql`archived = false`;
// The open working set (new, open, pending): queue views list it oldest first.
const working = sql`archived = false and state_type in ('new', 'open', 'pending_reminder', 'pending_auto')`;

export const tickets = pgTable(
  "tickets",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    number: text().notNull(),
    title: text().notNull(),
    queueId: ref().notNull().references(() => queues.id),
    stateId: ref().notNull().references(() => states.id),
    // Copy of the state's type, so list indexes can filter on it without a join.
    stateType: stateType().notNull(),
    priorityId: ref().notNull().references(() => priorities.id),
    typeId: ref().references(() => ticketTypes.id),
    serviceId: ref().references(() => services.id),
    slaId: ref().references(() => slas.id),
    customerUserId: ref().references(() => users.id),
    customerCompanyId: ref().references(() => customerCompanies.id),
    ownerId: ref().references(() => users.id),
    responsibleId: ref().references(() => users.id),
    locked: boolean().notNull().default(false),
    lockedAt: ts(),
    pendingUntil: ts(),
    // The pending time whose reminder went out; a reminder is due while it differs from pending_until.
    remindedFor: ts(),
    firstResponseDueAt: ts(),
    updateDueAt: ts(),
    solutionDueAt: ts(),
    // The earliest of the three deadlines, for sorting by escalation.
    escalationAt: ts(),
    // The SLA clock (working minutes consumed, read at sla_clock_at; it stands still while paused)
    // and the reading when the customer's current wait began: deadlines are targets on this clock.
    slaClockMinutes: doublePrecision().notNull().default(0),
    slaClockAt: ts(),
    slaPaused: boolean().notNull().default(false),
    slaUpdateFrom: doublePrecision(),
    // Warning and breach timers for the current deadlines ({ key, at, fired }); the next unfired one.
    slaTimers: jsonb().$type<SlaTimer[]>().notNull().default([]),
    slaTimerAt: ts(),
    mergedIntoId: ref(),
    archived: boolean().notNull().default(false),
    isInternal: boolean().notNull().default(false),
    // Since the customer's oldest unanswered message; null when nobody waits.
    waitingSince: ts(),
    firstResponseAt: ts(),
    closedAt: ts(),
    reopenCount: integer().notNull().default(0),
    // Report facts, written by the lifecycle when the moment happens: minutes to the first response
    // and to the (latest) close, in the governing SLA's working time (wall time without a calendar),
    // and whether that SLA deadline was missed (null: no such deadline applied).
    firstResponseMinutes: doublePrecision(),
    solutionMinutes: doublePrecision(),
    firstResponseBreached: boolean(),
    solutionBreached: boolean(),
    lastCustomerArticleAt: ts(),
    customFields: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    // Folded number, title and customer address; maintained by triggers (0005).
    searchVector: tsvector(),
    version: integer().notNull().default(1),
    createdBy: ref().references(() => users.id),
    changedBy: ref().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("tickets_number_uq").on(t.number),
    index("tickets_queue_view_idx").on(t.queueId, t.stateType, t.createdAt, t.id).where(active),
    index("tickets_owner_idx").on(t.ownerId, t.stateType, t.changedAt, t.id).where(active),
    index("tickets_customer_idx").on(t.customerUserId, t.createdAt, t.id),
    index("tickets_company_idx").on(t.customerCompanyId, t.createdAt, t.id),
    index("tickets_escalation_idx").on(t.escalationAt, t.id).where(sql`${active} and escalation_at is not null`),
    index("tickets_sla_timer_idx").on(t.slaTimerAt).where(sql`sla_timer_at is not null`),
    index("tickets_sla_idx").on(t.slaId).where(sql`sla_id is not null and state_type in ('new', 'open', 'pending_reminder', 'pending_auto')`),
    index("tickets_pending_idx").on(t.pendingUntil).where(sql`state_type in ('pending_reminder','pending_auto')`),
    index("tickets_reminders_due_idx").on(t.pendingUntil).where(sql`state_type = 'pending_reminder' and reminded_for is distinct from pending_until`),
    index("tickets_archive_due_idx").on(t.closedAt, t.id).where(sql`state_type = 'closed' and archived = false`),
    index("tickets_state_changed_idx").on(t.stateType, t.changedAt, t.id).where(active),
    index("tickets_created_idx").on(t.createdAt, t.id),
    index("tickets_search_idx").using("gin", t.searchVector),
    index("tickets_working_queue_created_idx").on(t.queueId, t.createdAt, t.id).where(working),
    index("tickets_working_created_idx").on(t.createdAt, t.id).where(working),
    // Number prefixes ("20261123…") typed into list filters: LIKE needs pattern ops under any collation.
    index("tickets_number_prefix_idx").on(sql`${t.number} text_pattern_ops`),
    index("tickets_responsible_idx").on(t.responsibleId, t.stateType).where(active),
    // Reports: period scans by the moment a measure happened, index-only: the dimensions and facts
    // a report groups and measures by ride along (0020; they also serve the drill-down ranges).
    index("tickets_report_created_idx").on(t.createdAt, ...reportDimensions(t), t.stateId, t.closedAt, t.firstResponseAt, t.firstResponseMinutes, t.solutionMinutes, t.firstResponseBreached, t.solutionBreached, t.reopenCount),
    index("tickets_report_closed_idx").on(t.closedAt, ...reportDimensions(t), t.createdAt, t.solutionMinutes, t.solutionBreached).where(sql`closed_at is not null`),
    index("tickets_report_first_response_idx").on(t.firstResponseAt, ...reportDimensions(t), t.createdAt, t.firstResponseMinutes, t.firstResponseBreached).where(sql`first_response_at is not null`),
    index("tickets_merged_into_idx").on(t.mergedIntoId).where(sql`merged_into_id is not null`),
    // The dashboard's sections, per queue or per owner, in each list's order; capped counts read them index-only (0021).
    index("tickets_escalation_queue_idx").on(t.queueId, t.escalationAt, t.id).where(sql`${active} and escalation_at is not null`),
    index("tickets_reminder_queue_idx").on(t.queueId, t.pendingUntil, t.id).where(sql`state_type = 'pending_reminder'`),
    index("tickets_reminder_owner_idx").on(t.ownerId, t.pendingUntil, t.id).where(sql`state_type = 'pending_reminder'`),
    index("tickets_locked_owner_idx").on(t.ownerId, t.changedAt, t.id).where(sql`locked and ${active}`),
  ],
);

// Typed, append-only: who changed which field from what to what.
export const ticketHistory = pgTable(
  "ticket_history",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    ticketId: ref().notNull().references(() => tickets.id),
    event: text().notNull(),
    field: text(),
    oldValue: text(),
    newValue: text(),
    oldId: ref(),
    newId: ref(),
    articleId: ref(),
    actorId: ref().references(() => users.id),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index("ticket_history_ticket_idx").on(t.ticketId, t.id), index("ticket_history_reopened_idx").on(t.createdAt).where(sql`event = 'reopened'`)],
);

export const ticketLinks = pgTable(
  "ticket_links",
  {
    sourceTicketId: ref().notNull().references(() => tickets.id),
    targetTicketId: ref().notNull().references(() => tickets.id),
    type: linkType().notNull().default("normal"),
    createdBy: ref().references(() => users.id),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sourceTicketId, t.targetTicketId, t.type] }),
    index("ticket_links_target_idx").on(t.targetTicketId),
  ],
);

export const ticketWatchers = pgTable(
  "ticket_watchers",
  {
    ticketId: ref().notNull().references(() => tickets.id, { onDelete: "cascade" }),
    userId: ref().notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.userId] }), index("ticket_watchers_user_idx").on(t.userId)],
);

export const queueSubscriptions = pgTable(
  "queue_subscriptions",
  {
    queueId: ref().notNull().references(() => queues.id, { onDelete: "cascade" }),
    userId: ref().notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.queueId, t.userId] }), index("queue_subscriptions_user_idx").on(t.userId)],
);

export const timeAccounting = pgTable(
  "time_accounting",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    ticketId: ref().notNull().references(() => tickets.id),
    articleId: ref(),
    userId: ref().notNull().references(() => users.id),
    minutes: integer().notNull(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index("time_accounting_ticket_idx").on(t.ticketId), index("time_accounting_user_idx").on(t.userId, t.createdAt), index("time_accounting_created_idx").on(t.createdAt)],
);

// Daily counter for date-checksum ticket numbers, bumped by one short statement of its own.
export const ticketNumberCounters = pgTable("ticket_number_counters", {
  day: date().primaryKey(),
  counter: integer().notNull(),
});

/** The ticket columns reports group by (server/services/reports/query.ts `dimensionKey`), in index order. */
function reportDimensions<C>(t: Record<"queueId" | "ownerId" | "customerUserId" | "customerCompanyId" | "serviceId" | "priorityId" | "typeId", C>): C[] {
  return [t.queueId, t.ownerId, t.customerUserId, t.customerCompanyId, t.serviceId, t.priorityId, t.typeId];
}
