import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import type { PeriodInput } from "@/server/schemas/reports";
import { now } from "@/server/time/clock";

export type Period = { from: Date; to: Date };

const UNIT = {
  today: ["day", 0],
  yesterday: ["day", -1],
  thisWeek: ["week", 0],
  lastWeek: ["week", -1],
  thisMonth: ["month", 0],
  lastMonth: ["month", -1],
  thisQuarter: ["quarter", 0],
  lastQuarter: ["quarter", -1],
  thisYear: ["year", 0],
  lastYear: ["year", -1],
} as const;
const ROLLING = { last7: 7, last30: 30, last365: 365 } as const;
/** One unit as an interval literal (PostgreSQL has no "1 quarter" interval). */
const stepOf = (unit: string) => sql.raw(unit === "quarter" ? `interval '3 months'` : `interval '1 ${unit}'`);

/**
 * The half-open period a preset means in the reader's time zone, by the desk's clock. Calendar
 * presets start at the unit's local midnight; "this …" ends now (the figures cover what has
 * happened), rolling presets are the last n local days including today. Custom periods are taken as given.
 */
export async function resolvePeriod(db: Tx, input: PeriodInput, timeZone: string): Promise<Period & { unit: string | null }> {
  if ("from" in input) return { from: input.from, to: input.to, unit: null };
  const at = now().toISOString();
  if (input.preset in ROLLING) {
    const days = ROLLING[input.preset as keyof typeof ROLLING];
    const [row] = await db.execute<{ f: string; t: string }>(sql`
      select ((date_trunc('day', ${at}::timestamptz at time zone ${timeZone}) - make_interval(days => ${days - 1})) at time zone ${timeZone})::text as f, ${at}::timestamptz::text as t`);
    return { from: new Date(row!.f), to: new Date(row!.t), unit: null };
  }
  const [unit, shift] = UNIT[input.preset as keyof typeof UNIT];
  const step = stepOf(unit);
  const [row] = await db.execute<{ f: string; t: string }>(sql`
    with l as (select date_trunc(${unit}, ${at}::timestamptz at time zone ${timeZone}) + ${shift} * ${step} as start)
    select (start at time zone ${timeZone})::text as f,
           least((start + ${step}) at time zone ${timeZone}, ${at}::timestamptz)::text as t from l`);
  return { from: new Date(row!.f), to: new Date(row!.t), unit };
}

/** The period just before: the same calendar unit one step back, or the same length. */
export async function previousPeriod(db: Tx, p: Period & { unit: string | null }, timeZone: string): Promise<Period> {
  if (!p.unit) return { from: new Date(2 * p.from.getTime() - p.to.getTime()), to: p.from };
  const step = stepOf(p.unit);
  const [row] = await db.execute<{ f: string; t: string }>(sql`
    select ((${p.from.toISOString()}::timestamptz at time zone ${timeZone} - ${step}) at time zone ${timeZone})::text as f,
           ((${p.to.toISOString()}::timestamptz at time zone ${timeZone} - ${step}) at time zone ${timeZone})::text as t`);
  return { from: new Date(row!.f), to: new Date(row!.t) };
}
