import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import { tickets } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { translate } from "@/server/i18n/translate";
import { builderDefinition, type BuilderDefinition, type Measure } from "@/server/schemas/reports";
import { now } from "@/server/time/clock";
import { dimensionLabels } from "./labels";
import { rolledUpBuilder } from "./builder-rollup";
import { type Period, resolvePeriod } from "./period";
import { FIRST_RESPONSE_MINUTES, SOLUTION_MINUTES, dimensionKey, grouped, median, num, p90, round2, scopeOf } from "./query";
import { inRanges } from "./rollup";
import type { ReportColumn, ReportResult } from "./result";

type ObjectSql = { from: SQL; at: SQL; measures: Partial<Record<Measure, SQL>> };

/** What each object counts, and when a row of it happened (the period and created-day buckets follow that instant). */
const OBJECTS: Record<BuilderDefinition["object"], ObjectSql> = {
  tickets: {
    from: sql`tickets`,
    at: sql`${tickets.createdAt}`,
    measures: {
      count: sql`count(*)`,
      closed: sql`count(${tickets.closedAt})`,
      reopened: sql`coalesce(sum(${tickets.reopenCount}), 0)`,
      firstResponseMedian: median(FIRST_RESPONSE_MINUTES),
      firstResponseP90: p90(FIRST_RESPONSE_MINUTES),
      solutionMedian: median(SOLUTION_MINUTES),
      solutionP90: p90(SOLUTION_MINUTES),
      slaBreaches: sql`count(*) filter (where ${tickets.firstResponseBreached} or ${tickets.solutionBreached})`,
    },
  },
  articles: { from: sql`articles a join tickets on tickets.id = a.ticket_id`, at: sql`a.created_at`, measures: { count: sql`count(*)` } },
  time: { from: sql`time_accounting ta join tickets on tickets.id = ta.ticket_id`, at: sql`ta.created_at`, measures: { minutes: sql`coalesce(sum(ta.minutes), 0)`, count: sql`count(*)` } },
};

const MINUTE_MEASURES: readonly Measure[] = ["firstResponseMedian", "firstResponseP90", "solutionMedian", "solutionP90", "minutes"];
const TIME_DIMENSIONS: readonly string[] = ["createdDay", "createdWeek", "createdMonth"];

/**
 * A report builder run: the object's rows in the period that the reader may see and that pass
 * the queue-view filters, grouped by one or two dimensions, with the chosen measures and totals.
 */
export async function runBuilder(db: Tx, actor: Actor, raw: BuilderDefinition, title?: string): Promise<ReportResult> {
  if (actor.role === "customer") throw new AppError("FORBIDDEN", "errors.forbidden");
  const def = builderDefinition.parse(raw);
  const p = await resolvePeriod(db, def.period, actor.timeZone);
  const object = OBJECTS[def.object];
  const keys = def.dimensions.map((d) => dimensionKey(d, object.at, actor.timeZone, def.object));
  const measures = Object.fromEntries(def.measures.map((m) => [m, object.measures[m]!]));
  const scope = await scopeOf(db, actor, def.filters);
  const base = (ranges: Period[]) => grouped(db, keys, measures, object.from, sql`${inRanges(object.at, ranges)} and ${scope}`);
  const rows = (await rolledUpBuilder(db, def, p, scope, base)) ?? (await base([p]));
  const value = (m: Measure, v: unknown) => (MINUTE_MEASURES.includes(m) && m !== "minutes" ? round2(v) : num(v));

  const [d1, d2] = def.dimensions;
  const labels1 = await dimensionLabels(db, d1!, rows.map((r) => r.k1), actor.language);
  const labels2 = d2 ? await dimensionLabels(db, d2, rows.map((r) => r.k2), actor.language) : null;
  const body = rows
    .filter((r) => !r.total)
    .map((r) => ({ keys: d2 ? [r.k1, r.k2] : [r.k1], labels: [labels1.get(r.k1) ?? String(r.k1), ...(labels2 ? [labels2.get(r.k2) ?? String(r.k2)] : [])], r }))
    .sort((a, b) => compareRows(a, b, def.dimensions));
  const total = rows.find((r) => r.total);
  const tr = (key: string) => translate(actor.language, key);
  const columns: ReportColumn[] = [
    ...def.dimensions.map((d) => ({ key: d, label: tr(`reports.dimensions.${d}`), kind: "dimension" as const })),
    ...def.measures.map((m) => ({ key: m, label: tr(`reports.measures.${m}`), kind: "measure" as const, unit: MINUTE_MEASURES.includes(m) ? ("minutes" as const) : ("count" as const) })),
  ];
  const totalsLead = def.dimensions.map((_, i) => (i === 0 ? tr("reports.total") : ""));
  return {
    title: title ?? tr(`reports.objects.${def.object}`),
    period: { from: p.from, to: p.to },
    columns,
    rows: body.map((b) => [...b.labels, ...def.measures.map((m) => value(m, b.r[m]))]),
    keys: body.map((b) => b.keys),
    dimensions: def.dimensions,
    chart: { type: def.chart, x: d1!, series: d2 ? [def.measures[0]!] : def.measures, ...(d2 ? { splitBy: d2 } : {}) },
    totals: [...totalsLead, ...def.measures.map((m) => (total ? value(m, total[m]) : MINUTE_MEASURES.includes(m) && m !== "minutes" ? null : 0))],
    generatedAt: now(),
  };
}

/** Time buckets in time order, everything else by name. */
function compareRows(a: { keys: (string | null)[]; labels: string[] }, b: { keys: (string | null)[]; labels: string[] }, dims: string[]): number {
  for (let i = 0; i < dims.length; i++) {
    const c = TIME_DIMENSIONS.includes(dims[i]!) ? String(a.keys[i] ?? "").localeCompare(String(b.keys[i] ?? "")) : a.labels[i]!.localeCompare(b.labels[i]!);
    if (c !== 0) return c;
  }
  return 0;
}
