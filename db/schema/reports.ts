import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
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
