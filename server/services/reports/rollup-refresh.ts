import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { now } from "@/server/time/clock";
import { ROLLUP_DIMENSIONS, addDays, utcDay } from "./rollup";

/**
 * A day is rolled up an hour after it ended (UTC): a transaction that dated a row in it has
 * committed by then. The last days rolled up are recomputed on every run as well, so a row that a
 * slow transaction committed just after its day was rolled up is counted within minutes.
 */
const GRACE_MS = 60 * 60_000;
const RECHECK_DAYS = 2;
/** The first fill goes a month per transaction, so a long one resumes where it stopped. */
const CHUNK_DAYS = 31;

export type RollupRefresh = { through: string; filledDays: number; recomputedDays: number };

/**
 * The reports.rollup job: rolls up the days completed since the last run, then recomputes the
 * days marked dirty (by the triggers of 0020, in the writing transaction) and the last few days.
 * Idempotent: each day is deleted and computed again from the base tables; runs take an advisory
 * lock, so two never interleave.
 */
export async function refreshReportRollup(db: Tx, opts: { at?: Date } = {}): Promise<RollupRefresh> {
  const target = utcDay(new Date((opts.at ?? now()).getTime() - GRACE_MS));
  let filledDays = 0;
  for (;;) {
    const step = await db.transaction(async (tx) => {
      await lock(tx);
      const through = (await readThrough(tx)) ?? (await startDay(tx, target));
      if (through >= target) return { through, filled: 0 };
      const to = minDay(addDays(through, CHUNK_DAYS), target);
      await recompute(tx, through, to);
      await tx.execute(sql`update report_rollup_state set through = ${to}::date, refreshed_at = now() where id = 1`);
      return { through: to, filled: dayCount(through, to) };
    });
    filledDays += step.filled;
    if (step.filled === 0) break;
  }
  return db.transaction(async (tx) => {
    await lock(tx);
    const through = (await readThrough(tx))!;
    const marks = await tx.execute<{ id: string; day: string }>(sql`select id::text, day::text from report_rollup_dirty`);
    const days = new Set(marks.map((m) => m.day).filter((d) => d < through));
    for (let i = 1; i <= RECHECK_DAYS; i++) days.add(addDays(through, -i));
    // Days older than the first rolled-up day have no rows, so recomputing them costs nothing.
    for (const day of [...days].sort()) await recompute(tx, day, addDays(day, 1));
    // Only the marks read above: one a writer commits meanwhile stays for the next run.
    if (marks.length) await tx.execute(sql`delete from report_rollup_dirty where id = any(${`{${marks.map((m) => m.id).join(",")}}`}::bigint[])`);
    await tx.execute(sql`update report_rollup_state set refreshed_at = now() where id = 1`);
    return { through, filledDays, recomputedDays: days.size };
  });
}

const lock = (tx: Tx) => tx.execute(sql`select pg_advisory_xact_lock(hashtext('reports.rollup'))`);

async function readThrough(tx: Tx): Promise<string | null> {
  const [row] = await tx.execute<{ through: string }>(sql`select through::text as through from report_rollup_state where id = 1`);
  return row?.through ?? null;
}

/** The first run starts at the oldest day anything counted happened (today on an empty desk). */
async function startDay(tx: Tx, target: string): Promise<string> {
  const [row] = await tx.execute<{ first: string | null }>(sql`
    select (least((select min(created_at) from tickets), (select min(created_at) from articles), (select min(created_at) from time_accounting),
      (select min(created_at) from ticket_history where event = 'reopened')) at time zone 'UTC')::date::text as first`);
  const start = row?.first ? minDay(row.first, target) : target;
  await tx.execute(sql`insert into report_rollup_state (id, through) values (1, ${start}::date) on conflict (id) do nothing`);
  return start;
}

/** Days [from, to) computed again from tickets created, articles, time entries and reopen events, keyed by their tickets' values now. */
async function recompute(tx: Tx, from: string, to: string): Promise<void> {
  // Literals, not parameters: the planner sizes a day's few thousand rows (index scans and
  // lookups by id) apart from a month's first fill (hash joins).
  const f = instant(from);
  const t = instant(to);
  const dims = sql.raw(ROLLUP_DIMENSIONS.map((d) => `'${d}'`).join(", "));
  await tx.execute(sql`delete from report_rollup where dimension in (${dims}, 'timeAgent') and day >= ${from}::date and day < ${to}::date`);
  // In each grouping set one column besides the queue is kept: that set's dimension and value.
  const kept = (then: (d: string, c: string) => string) =>
    sql.raw(`case ${SETS.map(([d, c]) => `when grouping(t.${c}) = 0 then ${then(d, c)}`).join(" ")} else ${then("queue", "queue_id")} end`);
  await tx.execute(sql`
    insert into report_rollup (day, dimension, queue_id, value_id, articles_customer, articles_agent, articles_system, time_minutes, time_entries, reopened, created)
    select ev.day, ${kept((d) => `'${d}'`)}, t.queue_id, ${kept((_, c) => `t.${c}`)},
      count(*) filter (where ev.kind = 'a' and ev.sender = 'customer'),
      count(*) filter (where ev.kind = 'a' and ev.sender = 'agent'),
      count(*) filter (where ev.kind = 'a' and ev.sender = 'system'),
      coalesce(sum(ev.minutes) filter (where ev.kind = 't'), 0),
      count(*) filter (where ev.kind = 't'),
      count(*) filter (where ev.kind = 'r'),
      count(*) filter (where ev.kind = 'c')
    from (
      select (a.created_at at time zone 'UTC')::date as day, a.ticket_id, a.sender_type::text as sender, 0 as minutes, 'a' as kind
        from articles a where a.created_at >= ${f} and a.created_at < ${t}
      union all
      select (ta.created_at at time zone 'UTC')::date, ta.ticket_id, null, ta.minutes, 't' from time_accounting ta where ta.created_at >= ${f} and ta.created_at < ${t}
      union all
      select (h.created_at at time zone 'UTC')::date, h.ticket_id, null, 0, 'r' from ticket_history h where h.event = 'reopened' and h.created_at >= ${f} and h.created_at < ${t}
      union all
      select (c.created_at at time zone 'UTC')::date, c.id, null, 0, 'c' from tickets c where c.created_at >= ${f} and c.created_at < ${t}
    ) ev join tickets t on t.id = ev.ticket_id
    group by grouping sets ((ev.day, t.queue_id), ${sql.raw(SETS.map(([, c]) => `(ev.day, t.queue_id, t.${c})`).join(", "))})`);
  // Time by who accounted it: the builder's agent dimension on time entries.
  await tx.execute(sql`
    insert into report_rollup (day, dimension, queue_id, value_id, time_minutes, time_entries)
    select (ta.created_at at time zone 'UTC')::date, 'timeAgent', t.queue_id, ta.user_id, sum(ta.minutes), count(*)
    from time_accounting ta join tickets t on t.id = ta.ticket_id
    where ta.created_at >= ${f} and ta.created_at < ${t}
    group by 1, 3, 4`);
}

/** Each rolled-up dimension besides the queue (in every set) and the ticket column that keys it. */
const SETS: [string, string][] = [
  ["agent", "owner_id"],
  ["customer", "customer_user_id"],
  ["company", "customer_company_id"],
  ["service", "service_id"],
  ["priority", "priority_id"],
  ["type", "type_id"],
];

const instant = (day: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
  return sql.raw(`'${day}T00:00:00Z'::timestamptz`);
};
const minDay = (a: string, b: string) => (a < b ? a : b);
const dayCount = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
