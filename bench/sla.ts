import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { databaseUrl, ensureDatabase, startBenchCluster } from "./cluster";
import { generateDesk, plan, readMarker } from "./desk";
import { percentile } from "./ops";

/**
 * `npm run bench:sla`: SLAs on the benchmark desk (BENCH_TICKETS, default 1,000,000; the desk of
 * `npm run bench`, generated if missing). Gives every queue an SLA, recomputes the open tickets'
 * deadlines through the real recompute, then measures
 *  1. what recomputing deadlines adds to a ticket change (ms, p50/p95),
 *  2. the sweep (tickets_sla_timer_idx) when nothing is due, and per-ticket pg-boss timer jobs'
 *     cost per change (the alternative design: two sends per moved deadline),
 *  3. 10,000 breaches due at once (the worst case of 10,000 in one hour) worked by a real worker
 *     process on the desk's test clock: time until the last one is notified.
 */
const SIZE = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 5551);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 500);
const BREACHES = Number(process.env.BENCH_BREACHES ?? 10_000);
const log = (msg: string) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const ms = (n: number) => Math.round(n * 100) / 100;

const cluster = await startBenchCluster(PG_PORT);
const name = `helpdesk_bench_${SIZE}`;
await ensureDatabase(cluster.serverUrl, name, false);
const url = databaseUrl(cluster.serverUrl, name);
process.env.DATABASE_URL = url;
process.env.LOG_LEVEL ??= "warn";

{
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const marker = await readMarker(admin);
  await admin.end();
  if (plan(marker, SIZE).action === "generate") {
    log(`generating a desk of ${SIZE.toLocaleString("en")} tickets`);
    await ensureDatabase(cluster.serverUrl, name, true);
    await generateDesk(url, SIZE, log);
  }
}
const { migrateDatabase } = await import("@/scripts/migrate");
await migrateDatabase(url);

const { db } = await import("@/db");
const s = await import("@/db/schema");
const { sql, eq } = await import("drizzle-orm");
const { recomputeGoverned } = await import("@/server/services/sla/recompute");
const { recomputeDeadlines } = await import("@/server/services/tickets/deadlines");
const { commitChange, markPassedTimersTold } = await import("@/server/services/tickets/lifecycle");
const { fireDueTimers } = await import("@/server/services/sla/timers");
const { producerBoss, stopProducer } = await import("@/jobs/boss");
const { fromDrizzle } = await import("pg-boss");

const results: Record<string, unknown> = { tickets: SIZE };

// SLAs on the open tickets: office hours for half the queues, round the clock for the rest.
const [open] = await db.execute<{ n: number }>(sql`select count(*)::int as n from tickets where archived = false and state_type in ('new', 'open', 'pending_reminder', 'pending_auto')`);
const [already] = await db.execute<{ n: number }>(sql`select count(*)::int as n from slas where name like 'Bench %'`);
if (Number(already?.n) === 0) {
  const week = (h: [string, string][]) => ({ mon: h, tue: h, wed: h, thu: h, fri: h, sat: [], sun: [] });
  const [office] = await db.insert(s.calendars).values({ name: "Bench office hours", timeZone: "Europe/Berlin", workingHours: week([["08:00", "17:00"]]), holidays: [{ date: "12-25", name: "Christmas", recurring: true }] }).returning();
  const [standard, premium] = await db
    .insert(s.slas)
    .values([
      { name: "Bench standard", calendarId: office!.id, firstResponseMinutes: 240, updateMinutes: 480, solutionMinutes: 2400 },
      { name: "Bench premium", firstResponseMinutes: 60, updateMinutes: 120, solutionMinutes: 480 },
    ])
    .returning();
  const queueRows = await db.select({ id: s.queues.id }).from(s.queues).orderBy(s.queues.id);
  for (const [i, q] of queueRows.entries()) await db.update(s.queues).set({ slaId: i % 2 ? premium!.id : standard!.id }).where(eq(s.queues.id, q.id));
  await db.insert(s.notificationRules).values({ name: "Bench escalations", event: "escalation", recipients: { owner: true }, channels: { app: true, email: true } }).onConflictDoNothing();
  log(`recomputing the deadlines of ${Number(open?.n).toLocaleString("en")} open tickets`);
  const started = performance.now();
  let done = 0;
  for (const q of queueRows) done += (await recomputeGoverned(db, { queueId: q.id })).tickets;
  const seconds = (performance.now() - started) / 1000;
  results.initialRecompute = { tickets: done, seconds: Math.round(seconds), perSecond: Math.round(done / seconds) };
  log(`recomputed ${done} tickets in ${Math.round(seconds)} s`);
}
results.openTickets = Number(open?.n);
// The generated desk's tickets are old: their deadlines passed long ago. Those timers count as told
// (the desk would have told them as they came), so the sweep below starts from a quiet desk.
await markPassedTimersTold(db);
const [pending] = await db.execute<{ n: number; soon: number }>(sql`select count(*)::int as n, count(*) filter (where sla_timer_at <= now() + interval '1 hour')::int as soon from tickets where sla_timer_at is not null`);
results.pendingTimers = { tickets: Number(pending?.n), dueWithinAnHour: Number(pending?.soon) };
log(`tickets with a pending SLA timer: ${pending?.n} (${pending?.soon} within the hour)`);

// 1. Recompute cost per ticket change: the recompute alone (lookup + clock + write when moved),
// and a whole change (priority flip through the lifecycle) for scale.
const sample = await db.execute<{ id: number }>(sql`select id from tickets where archived = false and state_type in ('new', 'open') and sla_id is not null order by random() limit ${SAMPLES}`);
const recomputeOnly: number[] = [];
const recomputeMoved: number[] = [];
const wholeChange: number[] = [];
const [p1, p2] = await db.select({ id: s.priorities.id }).from(s.priorities).orderBy(s.priorities.level).limit(2);
for (const { id } of sample) {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(s.tickets).where(eq(s.tickets.id, Number(id))).for("update");
    let t = performance.now();
    await recomputeDeadlines(tx, row!, { kind: "changed", fields: ["priorityId"] });
    recomputeOnly.push(performance.now() - t);
    // A customer's article: the update deadline moves (the lifecycle writes it in the change's own UPDATE).
    t = performance.now();
    await recomputeDeadlines(tx, { ...row!, waitingSince: new Date(), firstResponseAt: row!.firstResponseAt ?? new Date() }, { kind: "article", articleId: 0, senderType: "customer", isInternal: false });
    recomputeMoved.push(performance.now() - t);
    t = performance.now();
    await commitChange(tx, null, row!, { priorityId: row!.priorityId === p1!.id ? p2!.id : p1!.id }, []);
    wholeChange.push(performance.now() - t);
    tx.rollback();
  }).catch((error: unknown) => {
    if (!(error instanceof Error && /rollback/i.test(error.message))) throw error;
  });
}
const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { n: xs.length, p50: ms(percentile(sorted, 0.5)), p95: ms(percentile(sorted, 0.95)), max: ms(sorted[sorted.length - 1] ?? 0) };
};
results.recomputeNoMove = stats(recomputeOnly);
results.recomputeWithMove = stats(recomputeMoved);
results.wholeChangeWithRecompute = stats(wholeChange);
log(`recompute per change: ${JSON.stringify(results.recomputeNoMove)}; with a moved deadline: ${JSON.stringify(results.recomputeWithMove)}; whole change: ${JSON.stringify(results.wholeChangeWithRecompute)}`);

// 2a. The sweep when nothing is due (what it costs every ten seconds).
const idle: number[] = [];
for (let i = 0; i < 50; i++) {
  const t = performance.now();
  await fireDueTimers(db);
  idle.push(performance.now() - t);
}
results.idleSweep = stats(idle);
// 2b. The alternative: per-ticket pg-boss jobs, two sends (warning, breach) per moved deadline, in the change's transaction.
const boss = await producerBoss(url);
await boss.createQueue("bench.sla-timer");
const sends: number[] = [];
for (const { id } of sample.slice(0, 200)) {
  await db.transaction(async (tx) => {
    const t = performance.now();
    for (const stage of ["warning", "breach"]) {
      await boss.send("bench.sla-timer", { ticketId: Number(id), stage }, { startAfter: new Date(Date.now() + 3_600_000), singletonKey: `${id}:${stage}:${Date.now()}`, db: fromDrizzle(tx as never, sql as never) });
    }
    sends.push(performance.now() - t);
  });
}
results.perTicketJobsSendCost = stats(sends);
log(`idle sweep: ${JSON.stringify(results.idleSweep)}; per-ticket jobs, two sends per change: ${JSON.stringify(results.perTicketJobsSendCost)}`);

// 3. 10,000 breaches due at once, a real worker on the desk clock: until the last is notified.
const victims = (await db.execute<{ id: number }>(sql`select id from tickets where archived = false and state_type in ('new', 'open') and sla_id is not null and owner_id is not null order by random() limit ${BREACHES}`)).map((r) => Number(r.id));
const due = new Date(Date.now() + 60_000);
const key = `firstResponse:breach:${due.toISOString()}`;
for (let i = 0; i < victims.length; i += 1000) {
  const ids = victims.slice(i, i + 1000);
  await db.execute(sql`update tickets set sla_timers = ${JSON.stringify([{ key, at: due.toISOString(), fired: false }])}::jsonb, sla_timer_at = ${due.toISOString()}::timestamptz where id = any(${`{${ids.join(",")}}`}::bigint[])`);
}
const clockFile = path.resolve(".test-data", "bench-sla-clock");
mkdirSync(path.dirname(clockFile), { recursive: true });
writeFileSync(clockFile, "0\n");
const worker = spawn(process.execPath, ["--import", "tsx", "jobs/worker.ts"], {
  env: { ...process.env, DATABASE_URL: url, DESK_CLOCK_FILE: clockFile, WORKER_QUEUES: "sla.sweep", LOG_LEVEL: "warn", HELPDESK_PROCESS: "bench-sla-worker" },
  stdio: "inherit",
});
await new Promise((r) => setTimeout(r, 15_000));
// The deadline comes: the desk clock jumps to it.
writeFileSync(clockFile, `${due.getTime() - Date.now()}\n`);
const dueAt = performance.now();
const { slaSweep } = await import("@/jobs/definitions/sla-sweep");
const { enqueue } = await import("@/jobs/enqueue");
await enqueue(db, slaSweep, {});
let left = victims.length;
let lastNotifiedAfter = 0;
while (left > 0 && performance.now() - dueAt < 300_000) {
  await new Promise((r) => setTimeout(r, 1000));
  const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from tickets where id = any(${`{${victims.join(",")}}`}::bigint[]) and sla_timer_at is not null`);
  left = Number(row?.n);
  lastNotifiedAfter = (performance.now() - dueAt) / 1000;
}
const [notified] = await db.execute<{ n: number }>(sql`select count(*)::int as n from notifications where kind = 'escalation' and dedupe_key like ${`escalation:t%:${key}`}`);
results.burst = { breaches: victims.length, allNotifiedWithinSeconds: Math.round(lastNotifiedAfter * 10) / 10, left, notifications: Number(notified?.n) };
log(`burst of ${victims.length} breaches due at once: all notified ${Math.round(lastNotifiedAfter)} s after the deadline (left: ${left}), ${notified?.n} notifications`);
worker.kill("SIGTERM");
await new Promise((r) => worker.once("exit", r));

// Leave the desk as it was for the other benchmarks: no timers pending.
await db.execute(sql`update tickets set sla_timers = '[]'::jsonb, sla_timer_at = null where id = any(${`{${victims.join(",")}}`}::bigint[])`);
await db.execute(sql`delete from pgboss.job where name = 'bench.sla-timer'`);
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
await stopProducer();
await db.$client.end();
await cluster.stop();
