import { readFileSync } from "node:fs";
import postgres from "postgres";
import { databaseUrl, startBenchCluster } from "./cluster";

/**
 * `npx tsx bench/explain.ts file.sql`: runs the file's statements (separated by lines `---`) on the
 * 1,000,000-ticket bench desk and prints what they return (EXPLAIN output, say). Take the bench
 * lock first: `flock /work/bench.lock env BENCH_DATA_DIR=… npx tsx bench/explain.ts q.sql`.
 */
const cluster = await startBenchCluster(Number(process.env.BENCH_PG_PORT ?? 5551));
const sql = postgres(databaseUrl(cluster.serverUrl, `helpdesk_bench_${process.env.BENCH_TICKETS ?? 1_000_000}`), { max: 1, onnotice: () => {} });
try {
  for (const statement of readFileSync(process.argv[2]!, "utf8").split(/^---$/m).map((s) => s.trim()).filter(Boolean)) {
    const rows = await sql.unsafe(statement);
    console.log(`\n> ${statement.split("\n")[0]}`);
    for (const row of rows) console.log(Object.values(row).join(" | "));
  }
} finally {
  await sql.end();
  await cluster.stop();
}
