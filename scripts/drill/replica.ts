import { execFileSync } from "node:child_process";
import { appendFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { Managed, postgresCommand, waitForDatabase } from "@/scripts/chaos/processes";

export type Replica = { url: string; lag: () => Promise<{ state: string | null; replayLagMs: number | null; ticketsPrimary: number; ticketsReplica: number }>; stop: () => Promise<void> };

/**
 * A streaming replica of the cluster at `primaryUrl` on `port`: what REPORTS_DATABASE_URL points
 * at in a scaled-out desk. The embedded PostgreSQL ships no pg_basebackup, so the base backup is
 * PostgreSQL's low-level one: a physical replication slot keeps the WAL from now on,
 * `pg_backup_start` → copy the data directory → `pg_backup_stop` (its label becomes backup_label),
 * then standby.signal and primary_conninfo/primary_slot_name make the copy a hot standby that
 * streams from the primary.
 */
export async function startReplica(root: string, primaryUrl: string, port: number, log: (m: string) => void): Promise<Replica> {
  const dir = path.join(root, "replica");
  rmSync(dir, { recursive: true, force: true });
  const primary = new URL(primaryUrl);
  log(`streaming replica on ${port}: base backup into ${dir}`);
  const admin = postgres(primaryUrl, { max: 1, onnotice: () => {} });
  const [{ dataDir }] = (await admin`select current_setting('data_directory') as "dataDir"`) as unknown as [{ dataDir: string }];
  await admin`select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = 'drill_replica'`;
  await admin`select pg_create_physical_replication_slot('drill_replica', true)`;
  const session = await admin.reserve();
  await session`select pg_backup_start('drill replica', true)`;
  execFileSync("cp", ["-a", dataDir, dir]);
  const [stop] = await session<{ labelfile: string }[]>`select labelfile from pg_backup_stop(false)`;
  session.release();
  await admin.end();
  for (const leftover of ["postmaster.pid", "postmaster.opts"]) rmSync(path.join(dir, leftover), { force: true });
  for (const f of readdirSync(path.join(dir, "pg_wal"))) if (f !== "archive_status" && f !== "summaries") rmSync(path.join(dir, "pg_wal", f), { recursive: true, force: true });
  writeFileSync(path.join(dir, "backup_label"), stop!.labelfile);
  writeFileSync(path.join(dir, "standby.signal"), "");
  const conninfo = `host=${primary.hostname} port=${primary.port} user=${decodeURIComponent(primary.username)} password=${decodeURIComponent(primary.password)} application_name=drill_replica`;
  appendFileSync(path.join(dir, "postgresql.auto.conf"), `\nprimary_conninfo = '${conninfo.replaceAll("'", "''")}'\nprimary_slot_name = 'drill_replica'\nhot_standby = on\n`);
  // The cluster's files belong to the user PostgreSQL runs as (`postgres` when we are root).
  if (process.getuid?.() === 0) execFileSync("chown", ["-R", "postgres:postgres", dir]);
  execFileSync("chmod", ["700", dir]);
  const server = new Managed("replica", postgresCommand(dir, port), process.env, path.join(root, "logs"));
  server.start();
  const replicaUrl = new URL(primaryUrl);
  replicaUrl.port = String(port);
  const url = replicaUrl.toString();
  await waitForDatabase(url);
  const onPrimary = postgres(primaryUrl, { max: 1, onnotice: () => {} });
  const onReplica = postgres(url, { max: 1, onnotice: () => {} });
  return {
    url,
    lag: async () => {
      const [rep] = await onPrimary<{ state: string | null; ms: number | null }[]>`
        select state, (extract(epoch from replay_lag) * 1000)::float8 as ms from pg_stat_replication limit 1`;
      const [p] = await onPrimary<{ n: number }[]>`select count(*)::int as n from tickets`;
      const [r] = await onReplica<{ n: number }[]>`select count(*)::int as n from tickets`;
      return { state: rep?.state ?? null, replayLagMs: rep?.ms ?? null, ticketsPrimary: p!.n, ticketsReplica: r!.n };
    },
    stop: async () => {
      await Promise.all([onPrimary.end({ timeout: 1 }), onReplica.end({ timeout: 1 })]).catch(() => {});
      await server.stop();
      // A slot nobody reads would keep the primary's WAL for ever.
      const cleanup = postgres(primaryUrl, { max: 1, onnotice: () => {} });
      await cleanup`select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = 'drill_replica' and not active`.catch(() => {});
      await cleanup.end({ timeout: 1 });
    },
  };
}
