import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import postgres from "postgres";
import type { Tx } from "@/db";
import { databaseUrl, startBenchCluster } from "./cluster";

/**
 * `npx tsx bench/reports-explain.ts`: the plans (EXPLAIN ANALYZE, BUFFERS) of every query the
 * one-year built-in report per queue and the two-dimension builder run on the 1,000,000-ticket
 * desk, one after the other (not side by side, so each one's time is its own). Take the bench lock.
 */
const cluster = await startBenchCluster(Number(process.env.BENCH_PG_PORT ?? 5551));
try {
  const url = databaseUrl(cluster.serverUrl, `helpdesk_bench_${process.env.BENCH_TICKETS ?? 1_000_000}`);
  process.env.DATABASE_URL = url;
  process.env.AUTH_SECRET ??= "bench-reports-secret-not-used-for-sessions-0123456789";
  const raw = postgres(url, { max: 1, onnotice: () => {} });
  for (const f of (process.env.EXPLAIN_PRE ?? "").split(",").filter(Boolean)) {
    const { readFileSync } = await import("node:fs");
    for (const s of readFileSync(f, "utf8").split("--> statement-breakpoint").map((x) => x.trim()).filter(Boolean)) await raw.unsafe(s);
  }
  const [reporter] = await raw<{ id: number }[]>`select id from users where email = 'bench-reporter@bench.example'`;
  const [newest] = await raw<{ last: Date }[]>`select max(created_at) as last from tickets`;
  await raw.end();
  const last = newest!.last;
  const { db } = await import("@/db");
  const { builtinReport } = await import("@/server/services/reports/builtin");
  const { runBuilder } = await import("@/server/services/reports/builder");
  let chain: Promise<unknown> = Promise.resolve();
  const dialect = new PgDialect();
  const explaining = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== "execute") return Reflect.get(target, prop, receiver);
      return (q: SQL) => {
        if (!dialect.sqlToQuery(q).sql.includes("grouping sets")) return db.execute(q);
        const run = chain.then(async () => {
          const t = performance.now();
          const rows = await db.execute<{ "QUERY PLAN": string }>(sql`explain (analyze, buffers) ${q}`);
          console.log(`\n--- ${Math.round(performance.now() - t)} ms\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
          return [];
        });
        chain = run;
        return run;
      };
    },
  }) as unknown as Tx;
  const actor = { id: Number(reporter!.id), role: "agent" as const, email: "x", name: "x", language: "en", timeZone: "UTC", companyId: null, seesCompanyTickets: false, preferGregorian: false };
  const period = { from: new Date(last.getTime() - 365 * 86_400_000), to: new Date(last.getTime() + 1) };
  const which = process.env.EXPLAIN_WHICH ?? "queue,builder";
  if (which.includes("queue")) await builtinReport(explaining, actor, { dimension: "queue", period });
  if (which.includes("agent")) await builtinReport(explaining, actor, { dimension: "agent", period });
  if (which.includes("builder"))
    await runBuilder(explaining, actor, { object: "tickets", dimensions: ["queue", "createdMonth"], measures: ["count", "closed", "firstResponseMedian", "solutionMedian"], filters: {}, period, chart: "bar" });
  await db.$client.end();
} finally {
  await cluster.stop();
}
