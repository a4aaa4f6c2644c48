import { sql } from "drizzle-orm";
import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { timestamps, ts } from "./_columns";
import { users } from "./directory";

const ref = () => bigint({ mode: "number" });

/** A report built in the report builder, personal or shared with every agent. */
export const reportDefinitions = pgTable(
  "report_definitions",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    ownerId: ref().notNull().references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    shared: boolean().notNull().default(false),
    /** The builder input (object, dimensions, measures, filters, period), validated on every use. */
    definition: jsonb().$type<Record<string, unknown>>().notNull(),
    ...timestamps,
  },
  (t) => [index("report_definitions_owner_idx").on(t.ownerId), index("report_definitions_shared_idx").on(t.shared).where(sql`shared`)],
);

/** A saved report mailed on a schedule; runs as its owner (the owner's queues bound what it counts). */
export const reportSchedules = pgTable(
  "report_schedules",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    reportId: ref().notNull().references(() => reportDefinitions.id, { onDelete: "cascade" }),
    ownerId: ref().notNull().references(() => users.id, { onDelete: "cascade" }),
    frequency: text().notNull().$type<"daily" | "weekly" | "monthly">(),
    format: text().notNull().$type<"pdf" | "csv">(),
    recipients: jsonb().$type<string[]>().notNull().default([]),
    /** The next instant a run is due, by the desk's clock. */
    nextRunAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    lastRunAt: ts(),
    valid: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [index("report_schedules_due_idx").on(t.nextRunAt).where(sql`valid`), index("report_schedules_report_idx").on(t.reportId)],
);

/** One generation of a report (scheduled or on demand): progress while it runs, then its file in the file store. */
export const reportRuns = pgTable(
  "report_runs",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    reportId: ref().notNull().references(() => reportDefinitions.id, { onDelete: "cascade" }),
    scheduleId: ref().references(() => reportSchedules.id, { onDelete: "cascade" }),
    requestedBy: ref().references(() => users.id, { onDelete: "set null" }),
    format: text().notNull().$type<"pdf" | "csv">(),
    status: text().notNull().default("queued").$type<"queued" | "running" | "done" | "failed">(),
    /** 0–100, written as the run goes. */
    progress: integer().notNull().default(0),
    fileSha256: text(),
    filename: text(),
    size: bigint({ mode: "number" }),
    error: text(),
    startedAt: ts(),
    finishedAt: ts(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index("report_runs_report_idx").on(t.reportId, t.id), index("report_runs_schedule_idx").on(t.scheduleId, t.id)],
);

/**
 * The daily rollup of the additive report counts (0020: tickets created, articles by sender, time
 * accounted, reopens): per UTC day, dimension (queue, agent =
 * owner, customer, company, service, priority, type; timeAgent = who accounted the time), queue and
 * the dimension's value (the queue's id for `queue`). Keyed by the tickets' values now, as the
 * direct queries count; the triggers of 0020 mark a rolled-up day dirty when its figures change
 * (a ticket, article, time entry or reopen written for it, a ticket of it moved). Kept by reports.rollup.
 */
export const reportRollup = pgTable(
  "report_rollup",
  {
    day: date({ mode: "string" }).notNull(),
    dimension: text().notNull(),
    queueId: ref().notNull(),
    valueId: ref(),
    articlesCustomer: integer().notNull().default(0),
    articlesAgent: integer().notNull().default(0),
    articlesSystem: integer().notNull().default(0),
    timeMinutes: bigint({ mode: "number" }).notNull().default(0),
    timeEntries: integer().notNull().default(0),
    reopened: integer().notNull().default(0),
    created: integer().notNull().default(0),
  },
  (t) => [index("report_rollup_day_idx").on(t.dimension, t.day)],
);

/** One row (id 1): UTC days before `through` are rolled up. No row: reports read the base tables only. */
export const reportRollupState = pgTable("report_rollup_state", {
  id: integer().primaryKey(),
  through: date({ mode: "string" }).notNull(),
  refreshedAt: ts().notNull().defaultNow(),
});

/** Rolled-up days whose figures changed since (append only, written by the triggers of 0020). */
export const reportRollupDirty = pgTable("report_rollup_dirty", {
  id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  day: date({ mode: "string" }).notNull(),
});
