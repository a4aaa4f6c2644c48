import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import * as s from "@/db/schema";
import { BUILTIN_DIMENSIONS, PERIOD_PRESETS } from "@/server/schemas/reports";
import { reportsRollupHandler } from "@/jobs/handlers/reports-rollup";
import { BUILTIN_MEASURES } from "@/server/services/reports/builtin";
import type { ReportResult } from "@/server/services/reports/result";
import { setClockOffset } from "@/server/time/clock";
import { callerFor } from "../helpers/caller";
import { createCalendar, createService, createSla } from "../helpers/sla";
import { setTicket } from "../helpers/workspace";
import { createAgent, createCompany, createCustomer, createQueue, createTicket, priorityAt, stateNamed, ticketRow } from "../factories";

/**
 * A generated desk with a known week (Monday 2026-06-01 to the next Monday, UTC): tickets opened,
 * answered, closed, reopened (one only after the week), with time accounted and notes, in a
 * queue whose SLA counts Monday–Friday 09:00–17:00 UTC and in a queue without SLA (wall time),
 * plus a queue the reporting agent cannot read. Every built-in measure, per every dimension, is
 * computed again here with SQL of its own (history for closes, reopens and the state at the
 * period's end; articles for the first response; the calendar as day-by-day interval overlaps)
 * and compared exactly.
 */
const day = (d: number, h: number, m = 0) => new Date(Date.UTC(2026, 5, 1 + d, h, m));
const FROM = day(0, 0);
const TO = day(7, 0);
const at = (when: Date) => setClockOffset(when.getTime() - Date.now());

type UserRow = typeof s.users.$inferSelect;
const fx = {} as {
  q1: typeof s.queues.$inferSelect;
  q2: typeof s.queues.$inferSelect;
  q3: typeof s.queues.$inferSelect;
  reporter: UserRow;
  narrow: UserRow;
  outsider: UserRow;
  ids: number[];
};

async function open(customer: UserRow, queue: { id: number }, when: Date) {
  at(when);
  return (await createTicket({ customer, queue })).id;
}
async function answer(agent: UserRow, ticketId: number, when: Date, timeUnits?: number) {
  at(when);
  await callerFor(agent).article.reply({ ticketId, body: "On it.", timeUnits });
}
async function note(agent: UserRow, ticketId: number, when: Date, timeUnits?: number) {
  at(when);
  await callerFor(agent).article.note({ ticketId, body: "Internal.", timeUnits });
}
async function setStateAt(agent: UserRow, ticketId: number, state: string, when: Date) {
  at(when);
  const { version } = await ticketRow(ticketId);
  await callerFor(agent).ticket.setState({ ticketId, version, stateId: (await stateNamed(state)).id });
}

beforeAll(async () => {
  const calendar = await createCalendar("UTC", [["09:00", "17:00"]]);
  const sla = await createSla({ calendarId: calendar.id, firstResponseMinutes: 60, updateMinutes: null, solutionMinutes: 480 });
  fx.q1 = await createQueue({ slaId: sla.id });
  fx.q2 = await createQueue();
  fx.q3 = await createQueue();
  fx.reporter = await createAgent({ queues: [fx.q1, fx.q2] });
  fx.narrow = await createAgent({ queues: [fx.q1] });
  fx.outsider = await createAgent({ queues: [fx.q3] });
  const [c1, c2] = [await createCompany(), await createCompany()];
  const cu1 = await createCustomer({ companyId: c1.id });
  const cu2 = await createCustomer({ companyId: c2.id });
  const cu3 = await createCustomer();
  const [low, high] = [await priorityAt(2), await priorityAt(4)];
  const [svc1, svc2] = [await createService(), await createService()];
  const [type1] = await db.insert(s.ticketTypes).values({ name: `Type ${Math.random().toString(36).slice(2, 8)}` }).returning();
  const A = fx.reporter;
  const B = fx.narrow;

  // T1 (SLA): answered after 90 working minutes, closed after 660: both deadlines missed.
  const t1 = await open(cu1, fx.q1, day(0, 8));
  await answer(A, t1, day(0, 10, 30), 15);
  await setStateAt(A, t1, "closed successful", day(1, 12));
  // T2 (SLA): answered in 40, solved in 60 working minutes.
  const t2 = await open(cu2, fx.q1, day(0, 16));
  await answer(B, t2, day(0, 16, 40));
  await setStateAt(B, t2, "closed successful", day(0, 17, 30));
  // T3 (SLA): closed, reopened, closed again on Saturday.
  const t3 = await open(cu1, fx.q1, day(2, 11));
  await answer(A, t3, day(2, 11, 5), 5);
  await setStateAt(A, t3, "closed successful", day(2, 12));
  await setStateAt(A, t3, "open", day(3, 10));
  await note(A, t3, day(3, 10, 30), 20);
  await setStateAt(A, t3, "closed successful", day(5, 10));
  // T4 (no SLA): answered after two hours of wall time, still open.
  const t4 = await open(cu2, fx.q2, day(1, 3));
  await answer(A, t4, day(1, 5), 30);
  // T5 (no SLA): opened and answered the week before, closed in the week (142 hours later).
  const t5 = await open(cu3, fx.q2, day(-3, 10));
  await answer(A, t5, day(-3, 11), 10);
  await setStateAt(A, t5, "closed successful", day(3, 8));
  // T6 (SLA): opened late on Sunday, nobody answered yet.
  const t6 = await open(cu3, fx.q1, day(6, 23));
  // T7 (no SLA): closed in the week, reopened only after it (closed at its end, open now).
  const t7 = await open(cu1, fx.q2, day(4, 9));
  await answer(A, t7, day(4, 9, 10));
  await setStateAt(A, t7, "closed successful", day(4, 10));
  await setStateAt(A, t7, "open", day(8, 9));
  // T8: a queue the reporter cannot read: never counted for it.
  const t8 = await open(cu1, fx.q3, day(1, 10));
  await answer(fx.outsider, t8, day(1, 10, 5), 45);
  await setStateAt(fx.outsider, t8, "closed successful", day(1, 11));
  // T9 (SLA): only an internal note so far.
  const t9 = await open(cu3, fx.q1, day(3, 9));
  await note(B, t9, day(3, 9, 30), 7);
  setClockOffset(0);

  await setTicket(t1, { ownerId: A.id, priorityId: high.id, serviceId: svc1.id, typeId: type1!.id });
  await setTicket(t2, { ownerId: B.id, priorityId: low.id, serviceId: svc2.id });
  await setTicket(t3, { ownerId: A.id, priorityId: high.id, serviceId: svc1.id, typeId: type1!.id });
  await setTicket(t4, { ownerId: B.id, priorityId: low.id });
  await setTicket(t7, { ownerId: A.id, serviceId: svc2.id, typeId: type1!.id });
  await setTicket(t9, { priorityId: high.id });
  fx.ids = [t1, t2, t3, t4, t5, t6, t7, t8, t9];
});

afterAll(() => setClockOffset(0));

const COLUMN = { customer: "customer_user_id", company: "customer_company_id", agent: "owner_id", queue: "queue_id", service: "service_id", priority: "priority_id", type: "type_id" } as const;
type Figures = Record<(typeof BUILTIN_MEASURES)[number], number | null>;
const round2 = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);

/** Working minutes of Monday–Friday 09:00–17:00 UTC between a and b, as the overlap with each day's interval. */
const work = (a: string, b: string) => `(select coalesce(sum(extract(epoch from least(${b}, d + interval '17 hours') - greatest(${a}, d + interval '9 hours'))), 0) / 60
  from generate_series(date_trunc('day', ${a}), ${b}, interval '1 day') d
  where extract(isodow from d) < 6 and least(${b}, d + interval '17 hours') > greatest(${a}, d + interval '9 hours'))`;

/** The whole expected table for one dimension (key "" = none), plus the totals under "*", with SQL of its own. */
async function expected(queues: number[], dim: keyof typeof COLUMN, p = { from: FROM, to: TO }): Promise<Map<string, Figures>> {
  const col = COLUMN[dim];
  const from = `'${p.from.toISOString()}'::timestamptz`;
  const to = `'${p.to.toISOString()}'::timestamptz`;
  const inP = (c: string) => `${c} >= ${from} and ${c} < ${to}`;
  const mine = `t.queue_id in (${queues.join(",")})`;
  const slaQueue = `(select sla_id is not null from queues q where q.id = t.queue_id)`;
  const dur = (a: string, b: string) => `case when ${slaQueue} then ${work(a, b)} else extract(epoch from ${b} - ${a}) / 60 end`;
  const q = (text: string) => db.execute<Record<string, unknown>>(sql.raw(text));
  const grouped = (select: string, fromWhere: string) => `select ${col}::text as k, false as total, ${select} ${fromWhere} group by ${col} union all select null, true, ${select} ${fromWhere}`;

  const lastClose = `(select max(h.created_at) from ticket_history h join states st on st.id = h.new_id and st.type = 'closed' where h.ticket_id = t.id and h.event = 'state_changed')`;
  const lastReopen = `(select max(h.created_at) from ticket_history h where h.ticket_id = t.id and h.event = 'reopened')`;
  const firstAnswer = `(select min(a.created_at) from articles a where a.ticket_id = t.id and a.sender_type = 'agent' and not a.is_internal)`;
  const stateAtEnd = `coalesce((select st.type::text from ticket_history h join states st on st.id = h.new_id where h.ticket_id = t.id and h.event = 'state_changed' and h.created_at < ${to} order by h.created_at desc, h.id desc limit 1), 'new')`;

  const rows = await Promise.all([
    q(grouped(`count(*) as created`, `from tickets t where ${mine} and ${inP("t.created_at")}`)),
    q(
      grouped(
        `count(*) as closed, percentile_cont(0.5) within group (order by ${dur("t.created_at", "t.closed_at")}) as sol_med, percentile_cont(0.9) within group (order by ${dur("t.created_at", "t.closed_at")}) as sol_p90,
         count(*) filter (where ${slaQueue}) as sol_deadlines, count(*) filter (where ${slaQueue} and ${work("t.created_at", "t.closed_at")} > 480) as sol_breaches`,
        `from tickets t where ${mine} and ${inP(lastClose)} and (${lastReopen} is null or ${lastReopen} < ${lastClose})`,
      ),
    ),
    q(
      grouped(
        `percentile_cont(0.5) within group (order by ${dur("t.created_at", firstAnswer)}) as fr_med, percentile_cont(0.9) within group (order by ${dur("t.created_at", firstAnswer)}) as fr_p90,
         count(*) filter (where ${slaQueue}) as fr_deadlines, count(*) filter (where ${slaQueue} and ${work("t.created_at", firstAnswer)} > 60) as fr_breaches`,
        `from tickets t where ${mine} and ${inP(firstAnswer)}`,
      ),
    ),
    q(grouped(`count(*) as open_at_end`, `from tickets t where ${mine} and t.created_at < ${to} and ${stateAtEnd} in ('new', 'open', 'pending_reminder', 'pending_auto')`)),
    q(grouped(`count(*) as reopened`, `from ticket_history h join tickets t on t.id = h.ticket_id where ${mine} and h.event = 'reopened' and ${inP("h.created_at")}`)),
    q(grouped(`sum(x.minutes) as minutes`, `from time_accounting x join tickets t on t.id = x.ticket_id where ${mine} and ${inP("x.created_at")}`)),
    q(
      grouped(
        `count(*) filter (where a.sender_type = 'customer') as c, count(*) filter (where a.sender_type = 'agent') as a, count(*) filter (where a.sender_type = 'system') as s`,
        `from articles a join tickets t on t.id = a.ticket_id where ${mine} and ${inP("a.created_at")}`,
      ),
    ),
  ]);
  const out = new Map<string, Figures>();
  const sla = new Map<string, { d: number; b: number }>();
  const get = (r: Record<string, unknown>) => {
    const key = r.total ? "*" : ((r.k as string | null) ?? "");
    if (!out.has(key)) out.set(key, Object.fromEntries(BUILTIN_MEASURES.map((m) => [m, null])) as Figures);
    if (!sla.has(key)) sla.set(key, { d: 0, b: 0 });
    return [out.get(key)!, sla.get(key)!] as const;
  };
  const [created, closed, responded, openEnd, reopened, time, arts] = rows;
  // Like the report, the totals row exists even when nothing happened (counts 0, times empty).
  const real = (r: Record<string, unknown>[], _count: string) => r;
  for (const r of real(created!, "created")) get(r)[0].created = Number(r.created);
  for (const r of real(closed!, "closed")) {
    const [f, d] = get(r);
    Object.assign(f, { closed: Number(r.closed), solutionMedian: round2(r.sol_med), solutionP90: round2(r.sol_p90) });
    d.d += Number(r.sol_deadlines);
    d.b += Number(r.sol_breaches);
  }
  for (const r of responded!.filter((x) => x.fr_med !== null)) {
    const [f, d] = get(r);
    Object.assign(f, { firstResponseMedian: round2(r.fr_med), firstResponseP90: round2(r.fr_p90) });
    d.d += Number(r.fr_deadlines);
    d.b += Number(r.fr_breaches);
  }
  for (const r of real(openEnd!, "open_at_end")) get(r)[0].openAtEnd = Number(r.open_at_end);
  for (const r of real(reopened!, "reopened")) get(r)[0].reopened = Number(r.reopened);
  for (const r of time!.filter((x) => x.minutes !== null)) get(r)[0].timeAccounted = Number(r.minutes);
  for (const r of real(arts!, "c")) Object.assign(get(r)[0], { articlesCustomer: Number(r.c), articlesAgent: Number(r.a), articlesSystem: Number(r.s) });
  for (const [key, f] of out) {
    for (const m of ["created", "closed", "openAtEnd", "reopened", "timeAccounted", "articlesCustomer", "articlesAgent", "articlesSystem"] as const) f[m] ??= 0;
    const d = sla.get(key)!;
    f.slaBreaches = d.b;
    f.slaCompliance = d.d ? round2((100 * (d.d - d.b)) / d.d) : null;
  }
  return out;
}

function actual(result: ReportResult): Map<string, Figures> {
  const out = new Map<string, Figures>();
  const figures = (cells: unknown[]) => Object.fromEntries(BUILTIN_MEASURES.map((m, i) => [m, cells[i + 1] as number | null])) as Figures;
  result.rows.forEach((row, i) => out.set(result.keys![i]![0] ?? "", figures(row)));
  out.set("*", figures(result.totals!));
  return out;
}

const period = { from: FROM, to: TO };

describe("built-in reports compute every measure exactly", () => {
  it.each(BUILTIN_DIMENSIONS)("per %s: created, closed, open at end, reopened, first response and solution (median, p90, working time under the SLA calendar), SLA breaches and compliance, time, articles by sender", async (dimension) => {
    const { current, previous } = await callerFor(fx.reporter).report.builtin({ dimension, period });
    expect(previous).toBeNull();
    const want = await expected([fx.q1.id, fx.q2.id], dimension);
    expect(Object.fromEntries(actual(current))).toEqual(Object.fromEntries(want));
  });

  it("the known answers of the queue report, spelled out (working-time medians included)", async () => {
    const { current } = await callerFor(fx.reporter).report.builtin({ dimension: "queue", period });
    const q1 = actual(current).get(String(fx.q1.id))!;
    // T1, T2, T3, T6, T9 created; T1, T2, T3 closed (660, 60, 1320 working minutes); answers 90, 40, 5.
    expect(q1).toMatchObject({ created: 5, closed: 3, openAtEnd: 2, reopened: 1, solutionMedian: 660, firstResponseMedian: 40, slaBreaches: 3, slaCompliance: 50 });
    expect(q1.firstResponseP90).toBe(80);
    expect(q1.timeAccounted).toBe(15 + 5 + 20 + 7);
    const q2 = actual(current).get(String(fx.q2.id))!;
    // T4 and T7 created (T5 the week before); T5 closed (8520 wall minutes); T4 open, T7 closed at the end.
    expect(q2).toMatchObject({ created: 2, closed: 1, openAtEnd: 1, reopened: 0, solutionMedian: 8520, firstResponseMedian: 65, slaCompliance: null });
    expect(current.rows.map((r) => r[0])).not.toContain(fx.q3.name);
  });

  it("an agent's report never counts tickets of queues the agent cannot read", async () => {
    const narrow = await callerFor(fx.narrow).report.builtin({ dimension: "queue", period });
    expect(narrow.current.keys).toEqual([[String(fx.q1.id)]]);
    expect(Object.fromEntries(actual(narrow.current))).toEqual(Object.fromEntries(await expected([fx.q1.id], "queue")));
    const outsider = await callerFor(fx.outsider).report.builtin({ dimension: "agent", period });
    expect(actual(outsider.current).get("*")!.created).toBe(1);
    const built = await callerFor(fx.narrow).report.build({ object: "time", dimensions: ["queue"], measures: ["minutes"], filters: {}, period });
    expect(built.keys).toEqual([[String(fx.q1.id)]]);
    expect(built.totals).toEqual(["Total", 15 + 5 + 20 + 7]);
  });

  it("comparison gives the previous period with the same measures", async () => {
    const { current, previous } = await callerFor(fx.reporter).report.builtin({ dimension: "queue", period, compare: true });
    expect(previous!.period).toEqual({ from: new Date(2 * FROM.getTime() - TO.getTime()), to: FROM });
    expect(actual(previous!).get(String(fx.q2.id))).toMatchObject({ created: 1, timeAccounted: 10 });
    expect(current.period).toEqual(period);
  });

  it("every number drills down to the ticket list with the same filters", async () => {
    const { current } = await callerFor(fx.reporter).report.builtin({ dimension: "queue", period });
    const list = async (input: Record<string, unknown>) => (await callerFor(fx.reporter).ticket.list({ ...input, queueIds: [fx.q1.id], includeArchived: true, limit: 100 })).items.length;
    const q1 = actual(current).get(String(fx.q1.id))!;
    expect(await list({ createdFrom: FROM, createdTo: new Date(TO.getTime() - 1) })).toBe(q1.created);
    expect(await list({ closedFrom: FROM, closedTo: TO })).toBe(q1.closed);
    expect(await list({ openAt: TO })).toBe(q1.openAtEnd);
    expect(await list({ reopenedFrom: FROM, reopenedTo: TO })).toBe(1);
    expect(await list({ breachedFrom: FROM, breachedTo: TO })).toBe(2);
    expect(await list({ timeFrom: FROM, timeTo: TO })).toBe(3);
    expect(await list({ articlesFrom: FROM, articlesTo: TO, articleSender: "customer" })).toBe(q1.articlesCustomer);
  });
});

describe("the report builder", () => {
  it("tickets created per queue per day, with measures of those tickets, equal SQL of their own", async () => {
    const r = await callerFor(fx.reporter).report.build({ object: "tickets", dimensions: ["queue", "createdDay"], measures: ["count", "closed", "reopened", "slaBreaches"], filters: {}, period });
    const rows = await db.execute<{ q: string; d: string; n: number; c: number; r: number; b: number }>(sql`
      select queue_id::text as q, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as d, count(*)::int as n, count(closed_at)::int as c,
             sum(reopen_count)::int as r, count(*) filter (where first_response_breached or solution_breached)::int as b
      from tickets where queue_id in (${fx.q1.id}, ${fx.q2.id}) and created_at >= ${FROM.toISOString()}::timestamptz and created_at < ${TO.toISOString()}::timestamptz
      group by 1, 2 order by 1, 2`);
    const got = r.keys!.map((k, i) => [k[0], k[1], ...r.rows[i]!.slice(2)]).sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1])));
    expect(got).toEqual(rows.map((x) => [x.q, x.d, x.n, x.c, x.r, x.b]));
    expect(r.chart).toMatchObject({ x: "queue", splitBy: "createdDay", series: ["count"] });
  });

  it("articles by sender and time entries by the agent who accounted them", async () => {
    const arts = await callerFor(fx.reporter).report.build({ object: "articles", dimensions: ["sender"], measures: ["count"], filters: { queueIds: [fx.q1.id] }, period });
    const [a] = await db.execute<{ c: number; g: number; s: number }>(sql`
      select count(*) filter (where a.sender_type = 'customer')::int as c, count(*) filter (where a.sender_type = 'agent')::int as g, count(*) filter (where a.sender_type = 'system')::int as s
      from articles a join tickets t on t.id = a.ticket_id where t.queue_id = ${fx.q1.id} and a.created_at >= ${FROM.toISOString()}::timestamptz and a.created_at < ${TO.toISOString()}::timestamptz`);
    const bySender = Object.fromEntries(arts.keys!.map((k, i) => [k[0], arts.rows[i]![1]]));
    expect(bySender).toEqual(Object.fromEntries(Object.entries({ customer: a!.c, agent: a!.g, system: a!.s }).filter(([, n]) => n > 0)));
    const time = await callerFor(fx.reporter).report.build({ object: "time", dimensions: ["agent"], measures: ["minutes", "count"], filters: {}, period });
    const byAgent = Object.fromEntries(time.keys!.map((k, i) => [k[0], time.rows[i]!.slice(1)]));
    expect(byAgent).toEqual({ [String(fx.reporter.id)]: [15 + 5 + 20 + 30, 4], [String(fx.narrow.id)]: [7, 1] });
  });

  it("every period preset resolves (last quarter: the three months before this one, in the reader's zone)", async () => {
    for (const preset of PERIOD_PRESETS) {
      const r = await callerFor(fx.reporter).report.build({ object: "tickets", dimensions: ["queue"], measures: ["count"], filters: {}, period: { preset } });
      expect(r.period.to.getTime()).toBeGreaterThan(r.period.from.getTime());
    }
    setClockOffset(day(70, 12).getTime() - Date.now());
    const { current, previous } = await callerFor(fx.reporter).report.builtin({ dimension: "queue", period: { preset: "lastQuarter" }, compare: true });
    setClockOffset(0);
    expect(current.period).toEqual({ from: new Date("2026-04-01T00:00:00Z"), to: new Date("2026-07-01T00:00:00Z") });
    expect(previous!.period).toEqual({ from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-04-01T00:00:00Z") });
    expect(actual(current).get("*")!.created).toBe(8);
  });

  it("refuses a measure the object does not offer", async () => {
    await expect(callerFor(fx.reporter).report.build({ object: "articles", dimensions: ["queue"], measures: ["minutes"], filters: {}, period })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

/**
 * The daily rollup (report_rollup, kept by the reports.rollup job) must not change a figure: after
 * the job ran, reports read whole days from it and the rest from the base tables; a ticket moved or
 * an article written for a rolled-up day afterwards is counted as the direct SQL counts it (the
 * ticket's queue now), before the next run (its days are dirty) and after it (recomputed).
 */
describe("built-in reports on the daily rollup", () => {
  const edges = { from: new Date(FROM.getTime() + 7 * 3_600_000), to: new Date(TO.getTime() - 5 * 3_600_000) };
  const runJob = () => reportsRollupHandler.run(db, {});
  const expectExact = async (p: { from: Date; to: Date }) => {
    for (const dimension of BUILTIN_DIMENSIONS) {
      const { current } = await callerFor(fx.reporter).report.builtin({ dimension, period: p });
      expect({ dimension, figures: Object.fromEntries(actual(current)) }).toEqual({ dimension, figures: Object.fromEntries(await expected([fx.q1.id, fx.q2.id], dimension, p)) });
    }
  };
  /** The builder's articles and time entries (read from the rollup where it serves them) against SQL of its own. */
  const expectBuilderExact = async (p: { from: Date; to: Date }) => {
    const inP = (c: string) => `${c} >= '${p.from.toISOString()}'::timestamptz and ${c} < '${p.to.toISOString()}'::timestamptz`;
    const mine = `t.queue_id in (${fx.q1.id}, ${fx.q2.id})`;
    const cases = [
      { def: { object: "articles", dimensions: ["queue", "sender"], measures: ["count"] }, q: `select t.queue_id, a.sender_type::text, count(*) from articles a join tickets t on t.id = a.ticket_id where ${mine} and ${inP("a.created_at")} group by 1, 2` },
      { def: { object: "articles", dimensions: ["customer"], measures: ["count"] }, q: `select t.customer_user_id, count(*) from articles a join tickets t on t.id = a.ticket_id where ${mine} and ${inP("a.created_at")} group by 1` },
      { def: { object: "time", dimensions: ["agent", "queue"], measures: ["minutes", "count"] }, q: `select x.user_id, t.queue_id, sum(x.minutes), count(*) from time_accounting x join tickets t on t.id = x.ticket_id where ${mine} and ${inP("x.created_at")} group by 1, 2` },
      { def: { object: "time", dimensions: ["priority"], measures: ["minutes"] }, q: `select t.priority_id, sum(x.minutes) from time_accounting x join tickets t on t.id = x.ticket_id where ${mine} and ${inP("x.created_at")} group by 1` },
    ] as const;
    for (const c of cases) {
      const r = await callerFor(fx.reporter).report.build({ ...c.def, dimensions: [...c.def.dimensions], measures: [...c.def.measures], filters: {}, period: p });
      const width = c.def.dimensions.length;
      const got = r.keys!.map((k, i) => [...k, ...r.rows[i]!.slice(width)].map((v) => (v === null ? null : String(v)))).sort();
      const want = (await db.execute<Record<string, unknown>>(sql.raw(c.q))).map((row) => Object.values(row).map((v) => (v === null ? null : String(v)))).sort();
      expect({ def: c.def, rows: got }).toEqual({ def: c.def, rows: want });
    }
  };
  /** The rollup's rows of the fixture's queues against the base tables, per day, dimension and value (test SQL of its own). */
  const expectRollupEqualsBase = async () => {
    const queues = [fx.q1.id, fx.q2.id, fx.q3.id].join(",");
    const sets = Object.entries(COLUMN).map(([d, c]) => `select '${d}' as dim, day, t.queue_id, t.${c} as value, kind, sender, minutes from ev join tickets t on t.id = ev.ticket_id where t.queue_id in (${queues})`);
    const direct = await db.execute<Record<string, unknown>>(
      sql.raw(`with ev as (
        select (created_at at time zone 'UTC')::date as day, ticket_id, 'a' as kind, sender_type::text as sender, 0 as minutes from articles
        union all select (created_at at time zone 'UTC')::date, ticket_id, 't', null, minutes from time_accounting
        union all select (created_at at time zone 'UTC')::date, ticket_id, 'r', null, 0 from ticket_history where event = 'reopened'
        union all select (created_at at time zone 'UTC')::date, id, 'c', null, 0 from tickets)
      select dim, day::text, queue_id::text as q, value::text as v,
        count(*) filter (where kind = 'a' and sender = 'customer')::int as c, count(*) filter (where kind = 'a' and sender = 'agent')::int as g,
        count(*) filter (where kind = 'a' and sender = 'system')::int as s, coalesce(sum(minutes) filter (where kind = 't'), 0)::int as m,
        count(*) filter (where kind = 't')::int as n, count(*) filter (where kind = 'r')::int as r, count(*) filter (where kind = 'c')::int as cr
      from (${sets.join(" union all ")}) x where day < (select through from report_rollup_state where id = 1)
      group by 1, 2, 3, 4 order by 1, 2, 3, 4`),
    );
    const rolled = await db.execute<Record<string, unknown>>(
      sql.raw(`select dimension as dim, day::text, queue_id::text as q, value_id::text as v, articles_customer as c, articles_agent as g, articles_system as s, time_minutes::int as m, time_entries as n, reopened as r, created as cr
      from report_rollup where dimension <> 'timeAgent' and queue_id in (${queues}) order by 1, 2, 3, 4`),
    );
    expect(rolled).toEqual(direct);
    expect(direct.length).toBeGreaterThan(0);
  };

  it("after the job ran: every measure per every dimension, for whole days and for a period with partial days at both ends", async () => {
    await runJob();
    const [state] = await db.execute<{ through: string }>(sql`select through::text as through from report_rollup_state where id = 1`);
    expect(state!.through > "2026-06-09").toBe(true);
    await expectRollupEqualsBase();
    await expectExact(period);
    await expectExact(edges);
    await expectBuilderExact(period);
    await expectBuilderExact(edges);
  });

  it("a ticket moved to another queue and an article written for a rolled-up day afterwards count at once, and the next run rolls them up", async () => {
    const [t2, t4, t9] = [fx.ids[1]!, fx.ids[3]!, fx.ids[8]!];
    // T4 (answered on day 1) goes to the queue the reporter cannot read: its articles and time leave q2's figures.
    const mover = await createAgent({ queues: [fx.q2, fx.q3] });
    await callerFor(mover).ticket.move({ ticketId: t4, version: (await ticketRow(t4)).version, queueId: fx.q3.id });
    await setTicket(t2, { ownerId: fx.reporter.id });
    await note(fx.reporter, t9, day(4, 15), 12);
    setClockOffset(0);
    const [marks] = await db.execute<{ n: number }>(sql`select count(*)::int as n from report_rollup_dirty where day >= '2026-06-01' and day < '2026-06-08'`);
    expect(marks!.n).toBeGreaterThan(0);
    await expectExact(period);
    await expectExact(edges);
    await expectBuilderExact(edges);
    await runJob();
    const [left] = await db.execute<{ n: number }>(sql`select count(*)::int as n from report_rollup_dirty`);
    expect(left!.n).toBe(0);
    await expectRollupEqualsBase();
    await expectExact(period);
    await expectExact(edges);
    await expectBuilderExact(period);
  });
});
