import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import { tickets } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { translate } from "@/server/i18n/translate";
import { builtinInput, type BuiltinInput } from "@/server/schemas/reports";
import { now } from "@/server/time/clock";
import { openAt } from "@/server/services/tickets/moments";
import { dimensionLabels } from "./labels";
import { type Period, previousPeriod, resolvePeriod } from "./period";
import { ROLLUP_KEY, inRanges, rollupFrom, rollupServes, rollupSplit, type RollupDimension, type RollupSplit } from "./rollup";
import { FIRST_RESPONSE_MINUTES, SOLUTION_MINUTES, dimensionKey, grouped, median, num, p90, round2, scopeOf, within, type GroupedRow } from "./query";
import type { ReportColumn, ReportResult } from "./result";

export const BUILTIN_MEASURES = [
  "created",
  "closed",
  "openAtEnd",
  "reopened",
  "firstResponseMedian",
  "firstResponseP90",
  "solutionMedian",
  "solutionP90",
  "slaBreaches",
  "slaCompliance",
  "timeAccounted",
  "articlesCustomer",
  "articlesAgent",
  "articlesSystem",
] as const;
export type BuiltinMeasure = (typeof BUILTIN_MEASURES)[number];

const UNITS: Record<BuiltinMeasure, ReportColumn["unit"]> = {
  created: "count",
  closed: "count",
  openAtEnd: "count",
  reopened: "count",
  firstResponseMedian: "minutes",
  firstResponseP90: "minutes",
  solutionMedian: "minutes",
  solutionP90: "minutes",
  slaBreaches: "count",
  slaCompliance: "percent",
  timeAccounted: "minutes",
  articlesCustomer: "count",
  articlesAgent: "count",
  articlesSystem: "count",
};

/**
 * A built-in report: every measure per value of one dimension (customer, company, agent = owner,
 * queue, service, priority, type) over a period, with totals, and optionally the previous period
 * beside it. Each measure counts what happened in the period: tickets created, closed (their
 * latest close), open at its end, reopen events, first responses given (median / p90 minutes),
 * closes (solution median / p90), SLA deadlines met or missed at those moments, time accounted,
 * articles written by sender.
 */
export async function builtinReport(db: Tx, actor: Actor, raw: BuiltinInput): Promise<{ current: ReportResult; previous: ReportResult | null }> {
  if (actor.role === "customer") throw new AppError("FORBIDDEN", "errors.forbidden");
  const input = builtinInput.parse(raw);
  const period = await resolvePeriod(db, input.period, actor.timeZone);
  const prev = input.compare ? await previousPeriod(db, period, actor.timeZone) : null;
  const [current, previous] = await Promise.all([runBuiltin(db, actor, input, period), prev ? runBuiltin(db, actor, input, prev) : null]);
  return { current, previous };
}

type Figures = Record<BuiltinMeasure, number | null>;

async function runBuiltin(db: Tx, actor: Actor, input: ReturnType<typeof builtinInput.parse>, p: Period): Promise<ReportResult> {
  const scope = await scopeOf(db, actor, input.filters);
  const key = dimensionKey(input.dimension, sql`${tickets.createdAt}`, actor.timeZone, "tickets");
  const k = [key];
  const t = sql`tickets`;
  // The additive counts (created, reopened, time, articles): whole rolled-up days from the rollup,
  // the rest of the period from the base tables.
  const split: RollupSplit = rollupServes(input.filters) ? await rollupSplit(db, p) : { days: null, base: [p] };
  const [created, closed, responded, open, reopened, time, arts, rolled] = await Promise.all([
    additive(db, split, (at) => grouped(db, k, { created: sql`count(*)` }, t, sql`${at(sql`${tickets.createdAt}`)} and ${scope}`)),
    grouped(
      db,
      k,
      {
        closed: sql`count(*)`,
        solutionMedian: median(SOLUTION_MINUTES),
        solutionP90: p90(SOLUTION_MINUTES),
        breaches: sql`count(*) filter (where ${tickets.solutionBreached})`,
        deadlines: sql`count(${tickets.solutionBreached})`,
      },
      t,
      sql`${within(sql`${tickets.closedAt}`, p)} and ${scope}`,
    ),
    grouped(
      db,
      k,
      {
        firstResponseMedian: median(FIRST_RESPONSE_MINUTES),
        firstResponseP90: p90(FIRST_RESPONSE_MINUTES),
        breaches: sql`count(*) filter (where ${tickets.firstResponseBreached})`,
        deadlines: sql`count(${tickets.firstResponseBreached})`,
      },
      t,
      sql`${within(sql`${tickets.firstResponseAt}`, p)} and ${scope}`,
    ),
    grouped(db, k, { openAtEnd: sql`count(*)` }, t, sql`${openAt(p.to)} and ${scope}`),
    additive(
      db,
      split,
      (at) => grouped(db, k, { reopened: sql`count(*)` }, sql`ticket_history h join tickets on tickets.id = h.ticket_id`, sql`h.event = 'reopened' and ${at(sql`h.created_at`)} and ${scope}`),
    ),
    additive(db, split, (at) => grouped(db, k, { timeAccounted: sql`sum(ta.minutes)` }, sql`time_accounting ta join tickets on tickets.id = ta.ticket_id`, sql`${at(sql`ta.created_at`)} and ${scope}`)),
    additive(db, split, (at) =>
      grouped(
        db,
        k,
        {
          articlesCustomer: sql`count(*) filter (where a.sender_type = 'customer')`,
          articlesAgent: sql`count(*) filter (where a.sender_type = 'agent')`,
          articlesSystem: sql`count(*) filter (where a.sender_type = 'system')`,
        },
        sql`articles a join tickets on tickets.id = a.ticket_id`,
        sql`${at(sql`a.created_at`)} and ${scope}`,
      ),
    ),
    split.days ? rolledUp(db, input.dimension, split.days, scope) : [],
  ]);

  const rows = new Map<string, { key: string | null; f: Figures }>();
  const blank = (): Figures => Object.fromEntries(BUILTIN_MEASURES.map((m) => [m, null])) as Figures;
  const entry = (r: GroupedRow) => {
    const id = r.total ? "\u0000total" : `k:${r.k1 ?? ""}`;
    let e = rows.get(id);
    if (!e) rows.set(id, (e = { key: r.total ? null : r.k1, f: blank() }));
    return e.f;
  };
  const deadlines = new Map<string, { breaches: number; deadlines: number }>();
  const addSla = (r: GroupedRow) => {
    const id = r.total ? "\u0000total" : `k:${r.k1 ?? ""}`;
    const d = deadlines.get(id) ?? { breaches: 0, deadlines: 0 };
    d.breaches += num(r.breaches);
    d.deadlines += num(r.deadlines);
    deadlines.set(id, d);
  };
  const add = (f: Figures, m: BuiltinMeasure, v: unknown) => (f[m] = (f[m] ?? 0) + num(v));
  for (const r of [...created, ...rolled]) add(entry(r), "created", r.created);
  for (const r of closed) {
    Object.assign(entry(r), { closed: num(r.closed), solutionMedian: round2(r.solutionMedian), solutionP90: round2(r.solutionP90) });
    addSla(r);
  }
  for (const r of responded) {
    Object.assign(entry(r), { firstResponseMedian: round2(r.firstResponseMedian), firstResponseP90: round2(r.firstResponseP90) });
    addSla(r);
  }
  for (const r of open) entry(r).openAtEnd = num(r.openAtEnd);
  for (const r of [...reopened, ...rolled]) add(entry(r), "reopened", r.reopened);
  for (const r of [...time, ...rolled]) add(entry(r), "timeAccounted", r.timeAccounted);
  for (const r of [...arts, ...rolled]) for (const m of ["articlesCustomer", "articlesAgent", "articlesSystem"] as const) add(entry(r), m, r[m]);
  // Counts read 0 where nothing happened; times and compliance stay empty (nothing to measure).
  for (const [id, e] of rows) {
    for (const m of BUILTIN_MEASURES) if (UNITS[m] === "count" && e.f[m] === null) e.f[m] = 0;
    if (e.f.timeAccounted === null) e.f.timeAccounted = 0;
    const d = deadlines.get(id) ?? { breaches: 0, deadlines: 0 };
    e.f.slaBreaches = d.breaches;
    e.f.slaCompliance = d.deadlines ? round2((100 * (d.deadlines - d.breaches)) / d.deadlines) : null;
  }

  const total = rows.get("\u0000total");
  rows.delete("\u0000total");
  const labels = await dimensionLabels(db, input.dimension, [...rows.values()].map((r) => r.key), actor.language);
  const body = [...rows.values()].map((r) => ({ key: r.key, label: labels.get(r.key) ?? String(r.key), f: r.f })).sort((a, b) => a.label.localeCompare(b.label));
  const tr = (key: string) => translate(actor.language, key);
  const columns: ReportColumn[] = [
    { key: input.dimension, label: tr(`reports.dimensions.${input.dimension}`), kind: "dimension" },
    ...BUILTIN_MEASURES.map((m) => ({ key: m, label: tr(`reports.measures.${m}`), kind: "measure" as const, unit: UNITS[m] })),
  ];
  return {
    title: translate(actor.language, "reports.builtinTitle", { dimension: tr(`reports.dimensions.${input.dimension}`) }),
    period: { from: p.from, to: p.to },
    columns,
    rows: body.map((r) => [r.label, ...BUILTIN_MEASURES.map((m) => r.f[m])]),
    keys: body.map((r) => [r.key]),
    dimensions: [input.dimension],
    chart: { type: "bar", x: input.dimension, series: ["created", "closed"] },
    totals: total ? [tr("reports.total"), ...BUILTIN_MEASURES.map((m) => total.f[m])] : [tr("reports.total"), ...BUILTIN_MEASURES.map((m) => (UNITS[m] === "count" || m === "timeAccounted" ? 0 : null))],
    generatedAt: now(),
  };
}

/** A base-table query over the part of the period the rollup does not cover (all of it without a rollup). */
async function additive(db: Tx, split: RollupSplit, run: (at: (column: SQL) => SQL) => Promise<GroupedRow[]>): Promise<GroupedRow[]> {
  return split.base.length ? run((column) => inRanges(column, split.base)) : [];
}

/** The rolled-up days' tickets created, reopens, time and articles per the report's dimension (agent: the owner, as on the base tables). */
function rolledUp(db: Tx, dimension: RollupDimension, days: NonNullable<RollupSplit["days"]>, scope: SQL): Promise<GroupedRow[]> {
  const { from, where } = rollupFrom(dimension, days, scope);
  return grouped(
    db,
    [ROLLUP_KEY],
    {
      created: sql`sum(tickets.created)`,
      reopened: sql`sum(tickets.reopened)`,
      timeAccounted: sql`sum(tickets.time_minutes)`,
      articlesCustomer: sql`sum(tickets.articles_customer)`,
      articlesAgent: sql`sum(tickets.articles_agent)`,
      articlesSystem: sql`sum(tickets.articles_system)`,
    },
    from,
    where,
  );
}
