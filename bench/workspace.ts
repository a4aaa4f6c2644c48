import { readFileSync } from "node:fs";
import os from "node:os";
import postgres from "postgres";
import { databaseUrl, ensureDatabase, startBenchCluster, BENCH_SETTINGS } from "./cluster";
import { migrateDatabase } from "@/scripts/migrate";
import { generateDesk, plan, readMarker } from "./desk";

/**
 * `npm run bench`: the agent workspace at 1,000,000 tickets. Generates the desk once into a
 * private cluster (reused by later runs), then measures the real procedures over HTTP against
 * `next start`. BENCH_TICKETS changes the size, BENCH_REGENERATE=1 forces a new desk,
 * BENCH_GENERATE_ONLY=1 stops after generating.
 */
const SIZE = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 5551);
const log = (msg: string) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

const cluster = await startBenchCluster(PG_PORT);
const name = `helpdesk_bench_${SIZE}`;
await ensureDatabase(cluster.serverUrl, name, false);
const url = databaseUrl(cluster.serverUrl, name);

const admin = postgres(url, { max: 1, onnotice: () => {} });
const marker = process.env.BENCH_REGENERATE === "1" ? null : await readMarker(admin);
await admin.end();
const next = plan(marker, SIZE);
log(`desk of ${SIZE.toLocaleString("en")} tickets in ${name}: ${next.action}`);
if (next.changed.length) log(`warning: ${next.changed.join(", ")} changed since the desk was generated; BENCH_REGENERATE=1 rebuilds it`);
if (next.action === "generate") {
  await ensureDatabase(cluster.serverUrl, name, true);
  const started = performance.now();
  await generateDesk(url, SIZE, log);
  log(`generated in ${Math.round((performance.now() - started) / 1000)} s`);
} else {
  await migrateDatabase(url);
}
// The migrator skips a migration older than the newest one applied, and other benches apply
// theirs on this shared desk too: 0021 (idempotent) is applied directly.
{
  const raw = postgres(url, { max: 1, onnotice: () => {} });
  for (const statement of readFileSync("db/migrations/0021_cheaper_requests.sql", "utf8").split("--> statement-breakpoint")) await raw.unsafe(statement);
  await raw.end();
}

const stats = postgres(url, { max: 1, onnotice: () => {} });
const [size] = await stats`
  select pg_size_pretty(pg_database_size(current_database())) as db,
    (select count(*) from tickets)::int as tickets, (select count(*) from articles)::int as articles`;
await stats.end();
log(`database ${size!.db}: ${size!.tickets} tickets, ${size!.articles} articles`);
log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; PostgreSQL settings ${JSON.stringify(BENCH_SETTINGS)}`);

if (process.env.BENCH_GENERATE_ONLY !== "1") {
  const { measure } = await import("./measure");
  await measure({ databaseUrl: url, pgDataDir: cluster.pgDataDir, log });
}
await cluster.stop();
