import { and, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import { tickets } from "@/db/schema";
import { type Actor, isAgent } from "@/server/auth/actor";
import { queueIdsWith } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";
import { type Dimension, type ReportFilters } from "@/server/schemas/reports";
import { listTicketsInput } from "@/server/schemas/tickets";
import { ticketFilters } from "@/server/services/tickets/read";
import type { Period } from "./period";

/**
 * The SQL every report is made of: the tickets the reader may see (the queue view's own
 * visibility and filters, archive included: closed history is what reports are about), a
 * period on the moment a measure happens, and dimension keys. Tables are referred to by name
 * (`tickets`, `articles a`, `time_accounting ta`, `ticket_history h`) so the list's filter SQL applies as is.
 *
 * An agent sees the tickets of the queues where they hold `ro` (`visibleTickets`); reports resolve
 * that list once and name the queues, so each report query filters its index-only rows by a
 * constant list instead of joining the permission tables (which the planner may redo per row).
 */
export async function scopeOf(db: Tx, actor: Actor, filters: ReportFilters): Promise<SQL> {
  if (!isAgent(actor)) throw new AppError("FORBIDDEN", "errors.forbidden");
  const parsed = listTicketsInput.parse({ ...filters, includeArchived: true });
  const readable = await db.execute<{ id: string }>(sql`select q.id::text as id from ${queueIdsWith(actor.id, "ro")} q`);
  const ids = readable.map((r) => String(r.id)).filter((id) => /^\d+$/.test(id));
  const visible = ids.length ? sql`${tickets.queueId} in (${sql.raw(ids.join(", "))})` : sql`false`;
  return and(visible, ...ticketFilters(actor, parsed)) ?? sql`true`;
}

export const within = (column: SQL, p: Period) => sql`${column} >= ${p.from.toISOString()}::timestamptz and ${column} < ${p.to.toISOString()}::timestamptz`;

/** Minutes to first response and to solution: the facts the lifecycle wrote, wall time for rows older than them. */
export const FIRST_RESPONSE_MINUTES = sql`coalesce(${tickets.firstResponseMinutes}, extract(epoch from ${tickets.firstResponseAt} - ${tickets.createdAt}) / 60)`;
export const SOLUTION_MINUTES = sql`coalesce(${tickets.solutionMinutes}, extract(epoch from ${tickets.closedAt} - ${tickets.createdAt}) / 60)`;
export const median = (v: SQL) => sql`percentile_cont(0.5) within group (order by ${v})`;
export const p90 = (v: SQL) => sql`percentile_cont(0.9) within group (order by ${v})`;

/** The instant a row of the object happened (what created day / week / month buckets). */
export type ObjectTime = SQL;

/**
 * A dimension's key for one row (null: none): the id itself, so rows sort and group by a number
 * (`grouped` hands keys on as text); days, weeks and months as text sorted bytewise (their digits
 * sort the same under any collation). `agent` on time entries is who accounted the time.
 */
export function dimensionKey(d: Dimension, at: ObjectTime, timeZone: string, object: "tickets" | "articles" | "time"): SQL {
  // A literal, not a parameter: the same key appears in select, group by and grouping(), and
  // PostgreSQL matches those expressions only when they are identical (two $n are not).
  const local = sql`(${at} at time zone ${sql.raw(`'${timeZone.replace(/'/g, "''")}'`)})`;
  switch (d) {
    case "queue":
      return sql`${tickets.queueId}`;
    case "customer":
      return sql`${tickets.customerUserId}`;
    case "company":
      return sql`${tickets.customerCompanyId}`;
    case "agent":
      return object === "time" ? sql`ta.user_id` : sql`${tickets.ownerId}`;
    case "service":
      return sql`${tickets.serviceId}`;
    case "priority":
      return sql`${tickets.priorityId}`;
    case "type":
      return sql`${tickets.typeId}`;
    case "state":
      return sql`${tickets.stateId}`;
    case "sender":
      return sql`a.sender_type::text`;
    case "createdDay":
      return sql`to_char(${local}, 'YYYY-MM-DD') collate "C"`;
    case "createdWeek":
      return sql`to_char(date_trunc('week', ${local}), 'YYYY-MM-DD') collate "C"`;
    case "createdMonth":
      return sql`to_char(${local}, 'YYYY-MM') collate "C"`;
  }
}

/** Per report query (a report runs up to eight side by side); PostgreSQL's default is 4MB. */
const REPORT_WORK_MEM = "64MB";

export type GroupedRow = { k1: string | null; k2: string | null; total: boolean; [measure: string]: unknown };

/**
 * Runs `select <keys>, <measures> from <from> where <where> group by grouping sets ((keys), ())`:
 * the per-key rows and the totals in one scan (percentiles of the whole, not of the parts).
 */
export async function grouped(db: Tx, keys: SQL[], measures: Record<string, SQL>, from: SQL, where: SQL): Promise<GroupedRow[]> {
  const k1 = keys[0] ?? sql`null::text`;
  const k2 = keys[1] ?? sql`null::text`;
  const cols = sql.join(
    Object.entries(measures).map(([name, expr]) => sql`${expr} as ${sql.identifier(name)}`),
    sql`, `,
  );
  const set = keys.length === 2 ? sql`(${k1}, ${k2})` : sql`(${k1})`;
  // A year's medians sort a few hundred thousand rows: in memory, not in temporary files.
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local work_mem = '${REPORT_WORK_MEM}'`));
    return tx.execute<Record<string, unknown>>(sql`
      select ${k1} as k1, ${k2} as k2, grouping(${k1}) = 1 as total, ${cols}
      from ${from}
      where ${where}
      group by grouping sets (${set}, ())`);
  });
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return rows.map((r) => ({ ...r, k1: text(r.k1), k2: text(r.k2), total: Boolean(r.total) }));
}

export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
/** Minutes and percentages to two decimals; null stays null (no tickets to measure). */
export const round2 = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);
