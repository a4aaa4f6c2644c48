import { readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { databaseUrl, ensureDatabase, startBenchCluster } from "./cluster";
import { plan, readMarker } from "./desk";
import { cpuOfTrees, postmasterPid } from "./cpu";
import { percentile } from "./ops";

/**
 * `npm run bench:reports`: reports on the generated 1,000,000-ticket desk (the desk of `npm run
 * bench`; never generated here: share one with BENCH_DATA_DIR and a lock). Applies migrations 0015
 * and 0020 itself (their statements are idempotent, so a desk that other branches migrated further
 * still gets them), fills the daily rollup as the reports.rollup job does (timed: the first fill of
 * a desk), then times, as an agent who reads every queue (wall time, and CPU of this process and
 * PostgreSQL per run):
 *  1. the built-in report per queue over one year (all fourteen measures, seven queries side by side),
 *  2. the same per agent (owner: hundreds of rows),
 *  3. a builder report with two dimensions (queue × created month, four measures) over one year.
 */
const SIZE = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 5551);
const RUNS = Number(process.env.BENCH_RUNS ?? 12);
const log = (msg: string) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const ms = (n: number) => Math.round(n * 10) / 10;

const cluster = await startBenchCluster(PG_PORT);
try {
  const name = `helpdesk_bench_${SIZE}`;
  await ensureDatabase(cluster.serverUrl, name, false);
  const url = databaseUrl(cluster.serverUrl, name);
  {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    const marker = await readMarker(admin);
    await admin.end();
    if (plan(marker, SIZE).action === "generate") throw new Error(`no generated desk of ${SIZE} tickets at ${url}: run \`npm run bench\` first (this bench never generates one)`);
  }
  process.env.DATABASE_URL = url;
  process.env.LOG_LEVEL ??= "warn";
  process.env.AUTH_SECRET ??= "bench-reports-secret-not-used-for-sessions-0123456789";
  const { migrateDatabase } = await import("@/scripts/migrate");
  await migrateDatabase(url);

  const raw = postgres(url, { max: 1, onnotice: () => {} });
  let started = performance.now();
  // 0015 then 0020 (which replaces two of 0015's indexes by covering ones: those are not built again).
  const statements = (file: string) => readFileSync(path.resolve("db/migrations", file), "utf8").split("--> statement-breakpoint").map((s) => s.trim()).filter(Boolean);
  const later = statements("0020_report_rollup.sql");
  const dropped = later.flatMap((s) => [...s.matchAll(/DROP INDEX IF EXISTS "(\w+)"/g)].map((m) => m[1]!));
  for (const statement of statements("0015_reports.sql")) if (!dropped.some((name) => statement.includes(`INDEX IF NOT EXISTS "${name}"`))) await raw.unsafe(statement);
  for (const statement of later) await raw.unsafe(statement);
  log(`migrations 0015 and 0020 applied in ${Math.round((performance.now() - started) / 1000)} s`);
  started = performance.now();
  // Index-only scans need the visibility map, which autovacuum keeps on a live desk.
  await raw`vacuum (analyze) tickets`;
  await raw`analyze articles`;
  await raw`analyze ticket_history`;
  await raw`analyze time_accounting`;
  log(`tickets vacuumed, tables analyzed in ${Math.round((performance.now() - started) / 1000)} s`);
  // An agent who reads every queue (created once; a row in users and one ro grant per group).
  const email = "bench-reporter@bench.example";
  let [reporter] = await raw<{ id: number }[]>`select id from users where email = ${email}`;
  if (!reporter) {
    [reporter] = await raw<{ id: number }[]>`insert into users (email, name, role) values (${email}, 'Bench reporter', 'agent') returning id`;
    await raw`insert into user_group_permissions (user_id, group_id, permission) select ${reporter!.id}, id, 'ro' from groups on conflict do nothing`;
  }
  const [newest] = await raw<{ last: Date }[]>`select max(created_at) as last from tickets`;
  const last = newest!.last;
  const [counts] = await raw<{ tickets: number; articles: number }[]>`
    select (select count(*)::int from tickets where created_at >= ${new Date(last.getTime() - 365 * 86_400_000)}) as tickets,
           (select count(*)::int from articles where created_at >= ${new Date(last.getTime() - 365 * 86_400_000)}) as articles`;
  await raw.end();

  const { db } = await import("@/db");
  const { builtinReport } = await import("@/server/services/reports/builtin");
  const { runBuilder } = await import("@/server/services/reports/builder");
  const actor = { id: Number(reporter!.id), role: "agent" as const, email, name: "Bench reporter", language: "en", timeZone: "UTC", companyId: null, seesCompanyTickets: false, preferGregorian: false };
  const period = { from: new Date(last.getTime() - 365 * 86_400_000), to: new Date(last.getTime() + 1) };
  log(`one year: ${counts!.tickets.toLocaleString("en")} tickets, ${counts!.articles.toLocaleString("en")} articles created`);

  // The rollup as the reports.rollup job keeps it: the first run fills every day of the desk.
  const { refreshReportRollup } = await import("@/server/services/reports/rollup-refresh");
  const pgData = path.join(cluster.pgDataDir);
  const cpu = () => cpuOfTrees({ me: process.pid }).me! + reapedMs(postmasterPid(pgData));
  let cpu0 = cpu();
  started = performance.now();
  const fill = await refreshReportRollup(db);
  const rollupFill = { ...fill, seconds: Math.round((performance.now() - started) / 100) / 10, cpuSeconds: Math.round((cpu() - cpu0) / 100) / 10 };
  log(`rollup: ${JSON.stringify(rollupFill)}`);
  started = performance.now();
  const again = await refreshReportRollup(db);
  log(`rollup, a later run (nothing new): ${JSON.stringify(again)} in ${Math.round(performance.now() - started)} ms`);

  const time = async (label: string, work: () => Promise<unknown>) => {
    await work(); // warm
    cpu0 = cpu();
    const xs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await work();
      xs.push(performance.now() - t);
    }
    const sorted = xs.sort((a, b) => a - b);
    const r = { runs: RUNS, p50: ms(percentile(sorted, 0.5)), p95: ms(percentile(sorted, 0.95)), max: ms(sorted.at(-1)!), cpuMsPerRun: Math.round((cpu() - cpu0) / RUNS) };
    log(`${label}: ${JSON.stringify(r)}`);
    return r;
  };
  const results = {
    tickets: SIZE,
    oneYear: counts,
    rollupFill,
    builtinPerQueue: await time("built-in per queue, one year", () => builtinReport(db, actor, { dimension: "queue", period })),
    builtinPerAgent: await time("built-in per agent, one year", () => builtinReport(db, actor, { dimension: "agent", period })),
    builderTwoDimensions: await time("builder queue × created month, one year", () =>
      runBuilder(db, actor, { object: "tickets", dimensions: ["queue", "createdMonth"], measures: ["count", "closed", "firstResponseMedian", "solutionMedian"], filters: {}, period, chart: "bar" }),
    ),
    builderArticles: await time("builder articles by queue × sender, one year", () => runBuilder(db, actor, { object: "articles", dimensions: ["queue", "sender"], measures: ["count"], filters: {}, period, chart: "bar" })),
  };
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  await db.$client.end();
} finally {
  await cluster.stop();
}

/** CPU of the postmaster's children that already ended (parallel query workers): cutime + cstime. */
function reapedMs(pid: number | undefined): number {
  if (!pid) return 0;
  const raw = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = raw.slice(raw.lastIndexOf(")") + 2).split(" ");
  return (Number(f[13]) + Number(f[14])) * 10;
}
