import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { cpuOfTrees, postmasterPid } from "./cpu";
import { AGENT_PASSWORD } from "./desk";
import { AgentSession, HttpError } from "./http";
import { operations, percentile, pickOp, type OpName } from "./ops";
import { loadTargets } from "./targets";

const PORT = Number(process.env.BENCH_PORT ?? 3151);
const DIST = process.env.NEXT_DIST_DIR ?? ".next-bench";
const AGENTS = Number(process.env.BENCH_AGENTS ?? 100);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 30);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
/** Mean pause between one agent's requests; 0 turns the concurrent run into a saturation test. */
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
const NEXT = path.resolve("node_modules/next/dist/bin/next");
/** Node flags for the web process only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it under load. */
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean);
/**
 * The web server measured: by default the one `npm start` runs (scripts/web.ts compiled to
 * .build/server/web.mjs, which answers /api/trpc itself); BENCH_WEB=next-start measures plain
 * `next start` for comparison.
 */
const NEXT_START = process.env.BENCH_WEB === "next-start";
/**
 * BENCH_OPS: a comma-separated list of the operations to measure alone (names as in bench/ops.ts,
 * e.g. `queue view,ticket zoom`); all by default. BENCH_SECONDS=0 skips the concurrent run.
 */
const ONLY = (process.env.BENCH_OPS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
const WEB_NAME = NEXT_START ? "next start" : "the production web server (scripts/web.ts)";

/** `webCpu`: the web process's CPU time per request while the operation ran alone (10 ms ticks over all samples). */
type Row = { op: string; n: number; errors: number; p50: number; p95: number; max: number; webCpu?: number };

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [NEXT, ...args], { env: { ...process.env, ...env, NEXT_DIST_DIR: DIST }, stdio: ["ignore", "inherit", "inherit"] });
}

/** The web server on PORT, with Node flags: `npm start`'s (NEXT_DIST_DIR picks the build it serves) or `next start`. */
async function startWeb(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const listen = ["-p", String(PORT), "-H", "127.0.0.1"];
  if (!NEXT_START) {
    const build = spawn(process.execPath, ["scripts/build-server.mjs"], { stdio: ["ignore", "inherit", "inherit"] });
    const code = await new Promise((r) => build.on("exit", r));
    if (code !== 0) throw new Error(`scripts/build-server.mjs failed (${code})`);
  }
  const args = NEXT_START ? [NEXT, "start", ...listen] : [path.resolve(".build/server/web.mjs"), ...listen];
  return spawn(process.execPath, [...NODE_FLAGS, ...args], { env: { ...process.env, ...env, NEXT_DIST_DIR: DIST }, stdio: ["ignore", "inherit", "inherit"] });
}

async function ready(base: string, child: ChildProcess) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`${WEB_NAME} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/auth/csrf`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${WEB_NAME} did not answer within two minutes`);
}

function summarize(op: string, times: number[], errors: number): Row {
  const sorted = [...times].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { op, n: times.length, errors, p50: r(percentile(sorted, 0.5)), p95: r(percentile(sorted, 0.95)), max: r(sorted.at(-1) ?? NaN) };
}

const table = (rows: Row[]) =>
  [
    "| operation | requests | errors | p50 ms | p95 ms | max ms | web CPU ms/request |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map((r) => `| ${r.op} | ${r.n} | ${r.errors} | ${r.p50} | ${r.p95} | ${r.max} | ${r.webCpu ?? "—"} |`),
  ].join("\n");

/**
 * With BENCH_PG_STATS=1 (the cluster then loads pg_stat_statements): resets the statistics and
 * returns a function that lists the statements by total planning + execution time. The extension
 * lives in the cluster's `postgres` database, so the desk's own database is left as it is.
 */
async function statementStats(url: string): Promise<((requests: number) => Promise<string>) | null> {
  if (process.env.BENCH_PG_STATS !== "1") return null;
  const u = new URL(url);
  u.pathname = "/postgres";
  const sql = postgres(u.toString(), { max: 1, onnotice: () => {} });
  await sql`create extension if not exists pg_stat_statements`;
  await sql`select pg_stat_statements_reset()`;
  return async (requests: number) => {
    const [sum] = await sql<{ plan: number; exec: number; calls: number }[]>`
      select coalesce(sum(total_plan_time), 0)::float8 as plan, coalesce(sum(total_exec_time), 0)::float8 as exec, coalesce(sum(calls), 0)::float8 as calls
      from pg_stat_statements`;
    const per = (ms: number) => Math.round((ms / Math.max(requests, 1)) * 100) / 100;
    const totals = `All statements: ${Math.round(sum!.calls)} calls (${per(sum!.calls)} per request), planning ${per(sum!.plan)} ms and execution ${per(sum!.exec)} ms per request (execution includes lock waits).`;
    const rows = await sql<{ calls: number; plan: number; exec: number; total: number; query: string }[]>`
      select calls::int, round((total_plan_time / calls)::numeric, 3)::float8 as plan, round((total_exec_time / calls)::numeric, 3)::float8 as exec,
        round((total_plan_time + total_exec_time)::numeric)::float8 as total, regexp_replace(query, '[[:space:]]+', ' ', 'g') as query
      from pg_stat_statements where calls > 0 order by total_plan_time + total_exec_time desc limit 25`;
    await sql.end();
    return [totals, "", "| calls | plan ms/call | exec ms/call | total ms | statement |", "| ---: | ---: | ---: | ---: | --- |", ...rows.map((r) => `| ${r.calls} | ${r.plan} | ${r.exec} | ${r.total} | ${r.query.slice(0, 160)} |`)].join("\n");
  };
}

/**
 * Builds the app if needed, starts the web server (see NEXT_START) on the bench database and measures: each
 * operation alone (one request at a time, after warm-up), then AGENTS signed-in agents at once
 * doing the workspace mix for SECONDS. Any non-200 answer counts as an error.
 */
export async function measure({ databaseUrl, pgDataDir, log }: { databaseUrl: string; pgDataDir: string; log: (m: string) => void }) {
  const base = `http://127.0.0.1:${PORT}`;
  if (process.env.BENCH_REBUILD === "1" || !existsSync(path.join(DIST, "BUILD_ID"))) {
    log(`building the app into ${DIST} (a few minutes)`);
    const build = run(["build"], { NODE_ENV: "production" });
    const code = await new Promise((r) => build.on("exit", r));
    if (code !== 0) throw new Error(`next build failed (${code})`);
  }
  log(`web server: ${WEB_NAME}`);
  const web = await startWeb({
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-secret-bench-secret-bench-secret",
    APP_URL: base,
    AUTH_URL: base,
    HELPDESK_PROCESS: "web-bench",
    LOG_LEVEL: "warn",
  });
  try {
    await ready(base, web);
    const targets = await loadTargets(databaseUrl, AGENTS);
    log(`signing in ${targets.agents.length} agents over HTTP`);
    const sessions = targets.agents.map((a) => new AgentSession(base, a.email));
    for (let i = 0; i < sessions.length; i += 4) await Promise.all(sessions.slice(i, i + 4).map((s) => s.signIn(AGENT_PASSWORD)));
    const ops = operations(targets);
    const errorsSeen: string[] = [];
    const timed = async (name: OpName, agent: number, i: number, times: number[]) => {
      const started = performance.now();
      try {
        await ops[name](sessions[agent]!, agent, i);
        times.push(performance.now() - started);
        return true;
      } catch (e) {
        if (errorsSeen.length < 5) errorsSeen.push(e instanceof HttpError ? e.message : String(e));
        return false;
      }
    };

    log(`each operation alone: ${WARMUP} warm-up, then ${SAMPLES} requests one at a time`);
    const alone: Row[] = [];
    const unknown = ONLY.filter((name) => !(name in ops));
    if (unknown.length) throw new Error(`BENCH_OPS names unknown operations: ${unknown.join(", ")} (known: ${Object.keys(ops).join(", ")})`);
    for (const name of (ONLY.length ? ONLY : Object.keys(ops)) as OpName[]) {
      for (let i = 0; i < WARMUP; i++) await timed(name, i % sessions.length, 10_000 + i, []);
      const cpuBefore = cpuOfTrees({ web: web.pid });
      const times: number[] = [];
      let errors = 0;
      for (let i = 0; i < SAMPLES; i++) if (!(await timed(name, i % sessions.length, i, times))) errors++;
      const webMs = cpuOfTrees({ web: web.pid }).web! - cpuBefore.web!;
      alone.push({ ...summarize(name, times, errors), webCpu: Math.round((webMs / Math.max(SAMPLES, 1)) * 100) / 100 });
      log(`  ${name}: p50 ${alone.at(-1)!.p50} ms, p95 ${alone.at(-1)!.p95} ms, errors ${errors}, web CPU ${alone.at(-1)!.webCpu} ms per request`);
    }
    if (SECONDS <= 0) {
      console.log(`\nEach operation alone (HTTP round trip through ${WEB_NAME}, ${SAMPLES} requests):\n${table(alone)}`);
      return { alone, mixed: [], throughput: NaN, cpu: null };
    }

    log(`${sessions.length} agents at once for ${SECONDS} s, think time ~${THINK_MS} ms`);
    const byOp = new Map<OpName, { times: number[]; errors: number }>();
    const all: number[] = [];
    let errors = 0;
    const deadline = performance.now() + SECONDS * 1000;
    const started = performance.now();
    // Where the CPU goes: the web server, PostgreSQL (postmaster and backends), this load generator.
    const trees = { web: web.pid, postgres: postmasterPid(pgDataDir) };
    const stats = await statementStats(databaseUrl);
    const treesBefore = cpuOfTrees(trees);
    const clientBefore = process.cpuUsage();
    await Promise.all(
      sessions.map(async (_s, agent) => {
        // Agents start spread over the first think time, not all in the same millisecond.
        await new Promise((r) => setTimeout(r, Math.random() * THINK_MS));
        for (let i = 0; performance.now() < deadline; i++) {
          const name = pickOp(Math.random());
          const entry = byOp.get(name) ?? { times: [], errors: 0 };
          byOp.set(name, entry);
          const t0 = performance.now();
          if (await timed(name, agent, 20_000 + agent * 1000 + i, entry.times)) all.push(performance.now() - t0);
          else {
            entry.errors++;
            errors++;
          }
          if (THINK_MS > 0) await new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random())));
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const cpuAfter = cpuOfTrees(trees);
    const clientCpu = process.cpuUsage(clientBefore);
    const done = all.length + errors;
    const perRequest = (ms: number) => `${Math.round((ms / done) * 10) / 10} ms (${Math.round(ms / elapsed / 10)} % of one core)`;
    const cpu = {
      web: perRequest(cpuAfter.web! - treesBefore.web!),
      postgres: perRequest(cpuAfter.postgres! - treesBefore.postgres!),
      client: perRequest((clientCpu.user + clientCpu.system) / 1000),
    };
    const mixed = [...byOp].map(([name, e]) => summarize(name, e.times, e.errors));
    mixed.push(summarize("all requests", all, errors));
    const throughput = Math.round(((all.length + errors) / elapsed) * 10) / 10;

    console.log(`\nEach operation alone (HTTP round trip through ${WEB_NAME}, ${SAMPLES} requests):\n${table(alone)}`);
    console.log(`\n${sessions.length} concurrent agents, ${Math.round(elapsed)} s, think time ~${THINK_MS} ms: ${throughput} requests/s\n${table(mixed)}`);
    console.log(`\nCPU per request: web (${NEXT_START ? "next start" : "web.mjs"}) ${cpu.web}, PostgreSQL ${cpu.postgres}, load generator ${cpu.client}`);
    if (stats) console.log(`\nPostgreSQL time per statement in the concurrent run (pg_stat_statements):\n${await stats(done)}`);
    if (errorsSeen.length) console.log(`\nFirst errors:\n${errorsSeen.join("\n")}`);
    return { alone, mixed, throughput, cpu };
  } finally {
    web.kill("SIGTERM");
    await new Promise((r) => (web.exitCode !== null ? r(null) : web.once("exit", r)));
  }
}
