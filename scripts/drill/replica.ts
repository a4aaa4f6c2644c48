import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { binDir } from "@/db/embedded";
import { Managed, postgresCommand, waitForDatabase } from "@/scripts/chaos/processes";

export type Replica = { url: string; lag: () => Promise<{ state: string | null; replayLagMs: number | null; ticketsPrimary: number; ticketsReplica: number }>; stop: () => Promise<void> };

/**
 * A streaming replica of the cluster at `primaryUrl`, made with the embedded PostgreSQL's own
 * pg_basebackup (`-R` writes standby.signal and primary_conninfo) into `root/replica` and started
 * as a hot standby on `port`: what REPORTS_DATABASE_URL points at in a scaled-out desk.
 */
export async function startReplica(root: string, primaryUrl: string, port: number, log: (m: string) => void): Promise<Replica> {
  const dir = path.join(root, "replica");
  rmSync(dir, { recursive: true, force: true });
  const primary = new URL(primaryUrl);
  log(`streaming replica on ${port}: pg_basebackup into ${dir}`);
  execFileSync(path.join(binDir(), "bin", "pg_basebackup"), ["-h", primary.hostname, "-p", primary.port, "-U", decodeURIComponent(primary.username), "-D", dir, "-R", "-X", "stream", "-c", "fast"], {
    env: { ...process.env, PGPASSWORD: decodeURIComponent(primary.password) },
    stdio: ["ignore", "ignore", "inherit"],
  });
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
    },
  };
}
