import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import type { ReportFilters } from "@/server/schemas/reports";
import type { Period } from "./period";

/**
 * Reading the daily rollup (report_rollup, 0020; kept by reports.rollup): the additive counts of
 * whole UTC days that are rolled up and not dirty come from it, everything else in the period
 * (the partial days at its edges, days marked dirty since, days after the last run) from the base
 * tables with the same SQL as before. Both parts are summed, so the figures are the direct
 * query's figures whether the job ran a minute or a week ago.
 */
export const ROLLUP_DIMENSIONS = ["queue", "agent", "customer", "company", "service", "priority", "type"] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number] | "timeAgent";

export type RollupSplit = {
  /** Whole days read from the rollup: [from, to) without `skip` (dirty); null: none. */
  days: { from: string; to: string; skip: string[] } | null;
  /** Instants read from the base tables (half-open, disjoint, in order). */
  base: Period[];
};

/**
 * The rollup keeps one dimension (and the queue) per row, so it serves a report whose filters are
 * at most queues: the reader's queue permissions and a queue filter both apply to its queue
 * column. Any other filter (state, owner, text, …) reads the base tables as before.
 */
export function rollupServes(filters: ReportFilters): boolean {
  return Object.entries(filters).every(([k, v]) => k === "queueIds" || v === undefined || v === "" || (Array.isArray(v) && v.length === 0));
}

/** Splits a period into the rolled-up whole days and the rest. */
export async function rollupSplit(db: Tx, p: Period): Promise<RollupSplit> {
  const first = utcDay(new Date(p.from.getTime() + 86_400_000 - 1));
  const last = utcDay(p.to);
  const [state] = await db.execute<{ through: string; dirty: string[] }>(sql`
    select s.through::text as through,
      array(select distinct d.day::text from report_rollup_dirty d where d.day >= ${first}::date and d.day < ${last}::date order by 1) as dirty
    from report_rollup_state s where s.id = 1`);
  const end = state && state.through < last ? state.through : last;
  if (!state || first >= end) return { days: null, base: [p] };
  const dirty = state.dirty.filter((d) => d < end);
  const base: Period[] = [];
  const add = (from: Date, to: Date) => {
    if (to <= from) return;
    const prev = base.at(-1);
    if (prev && prev.to.getTime() === from.getTime()) prev.to = to;
    else base.push({ from, to });
  };
  add(p.from, midnight(first));
  for (const d of dirty) add(midnight(d), midnight(addDays(d, 1)));
  add(midnight(end), p.to);
  return { days: { from: first, to: end, skip: dirty }, base };
}

/** The base tables' part: `column` within one of the ranges. */
export function inRanges(column: SQL, ranges: Period[]): SQL {
  const each = ranges.map((r) => sql`(${column} >= ${r.from.toISOString()}::timestamptz and ${column} < ${r.to.toISOString()}::timestamptz)`);
  return sql`(${sql.join(each, sql` or `)})`;
}

/**
 * The rollup's part, as `from` and `where` for `grouped`. The table is called `tickets` so that
 * the reader's scope (the queue view's own visibility and queue filter, which only name
 * tickets.queue_id once `rollupServes`) applies unchanged; a scope naming any other ticket
 * column fails loudly instead of counting wrong.
 */
export function rollupFrom(dimension: RollupDimension, days: NonNullable<RollupSplit["days"]>, scope: SQL): { from: SQL; where: SQL } {
  const skip = days.skip.length ? sql` and tickets.day not in (${sql.join(days.skip.map((d) => sql`${d}::date`), sql`, `)})` : sql``;
  return {
    from: sql`report_rollup tickets`,
    where: sql`tickets.dimension = ${dimension} and tickets.day >= ${days.from}::date and tickets.day < ${days.to}::date${skip} and ${scope}`,
  };
}

/** The rollup's key for a dimension's value (the queue's id for `queue`), like `dimensionKey`. */
export const ROLLUP_KEY = sql`tickets.value_id`;

export const utcDay = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (day: string, n: number) => utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));
const midnight = (day: string) => new Date(`${day}T00:00:00Z`);
