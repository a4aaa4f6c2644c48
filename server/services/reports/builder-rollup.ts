import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import type { BuilderDefinition, Dimension } from "@/server/schemas/reports";
import type { Period } from "./period";
import { grouped, num, type GroupedRow } from "./query";
import { ROLLUP_DIMENSIONS, ROLLUP_KEY, rollupFrom, rollupServes, rollupSplit, type RollupDimension } from "./rollup";

/**
 * The builder's articles and time entries on the daily rollup, when it can serve them: filters at
 * most queues, and dimensions the rollup keeps together (the queue, the sender of articles, and one
 * more rolled-up dimension; agent on time entries is who accounted the time). Whole rolled-up days
 * come from the rollup, the rest of the period from the base tables (`base`, the builder's own
 * query over given ranges), summed. Null: not served, the caller reads the base tables for all of it.
 */
export async function rolledUpBuilder(
  db: Tx,
  def: BuilderDefinition,
  p: Period,
  scope: SQL,
  base: (ranges: Period[]) => Promise<GroupedRow[]>,
): Promise<GroupedRow[] | null> {
  const set = rollupSet(def);
  if (!set) return null;
  const split = await rollupSplit(db, p);
  if (!split.days) return null;
  const { from, where } = rollupFrom(set, split.days, scope);
  const articles = def.object === "articles";
  const keys = def.dimensions.map((d) => (d === "sender" ? sql`a.sender_type` : d === "queue" && set !== "queue" ? sql`tickets.queue_id` : ROLLUP_KEY));
  const measures: Record<string, SQL> = articles ? { count: sql`sum(a.n)` } : { minutes: sql`sum(tickets.time_minutes)`, count: sql`sum(tickets.time_entries)` };
  const chosen = Object.fromEntries(def.measures.map((m) => [m, measures[m]!]));
  const [rolled, rest] = await Promise.all([
    articles
      ? grouped(db, keys, chosen, sql`${from} cross join lateral (values ('customer', tickets.articles_customer), ('agent', tickets.articles_agent), ('system', tickets.articles_system)) as a(sender_type, n)`, sql`${where} and a.n > 0`)
      : grouped(db, keys, chosen, from, sql`${where} and tickets.time_entries > 0`),
    split.base.length ? base(split.base) : Promise.resolve([]),
  ]);
  return summed([...rolled, ...rest], def.measures);
}

/** Which rolled-up set holds the definition's dimensions, if one does. */
function rollupSet(def: BuilderDefinition): RollupDimension | null {
  if (def.object === "tickets" || !rollupServes(def.filters)) return null;
  const rolled: readonly Dimension[] = ROLLUP_DIMENSIONS;
  const others = def.dimensions.filter((d) => d !== "queue" && d !== "sender");
  if (others.length > 1 || others.some((d) => !rolled.includes(d))) return null;
  const other = others[0];
  if (def.object === "time" && other === "agent") return "timeAgent";
  return (other as RollupDimension | undefined) ?? "queue";
}

/** Rows with the same keys (and the totals) added up. */
function summed(rows: GroupedRow[], measures: readonly string[]): GroupedRow[] {
  const out = new Map<string, GroupedRow>();
  for (const r of rows) {
    const id = r.total ? "\u0000total" : JSON.stringify([r.k1, r.k2]);
    const e = out.get(id);
    if (!e) out.set(id, { ...r, ...Object.fromEntries(measures.map((m) => [m, num(r[m])])) });
    else for (const m of measures) e[m] = num(e[m]) + num(r[m]);
  }
  return [...out.values()];
}
