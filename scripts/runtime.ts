import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { startEmbedded, type EmbeddedCluster } from "@/db/embedded";

export const dataDir = () => path.resolve(process.env.DATA_DIR ?? ".data");
export const embeddedPort = () => Number(process.env.EMBEDDED_PG_PORT ?? 5499);

/**
 * The port of the PostgreSQL running on `DATA_DIR/pg`, read from the `postmaster.pid` PostgreSQL
 * keeps there (line 4), so commands find a running desk's cluster from its data directory alone.
 */
export function runningClusterPort(dir = dataDir()): number | null {
  let lines: string[];
  try {
    lines = readFileSync(path.join(dir, "pg", "postmaster.pid"), "utf8").split("\n");
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return null;
  }
  return port;
}

/** One line on stderr and a non-zero exit: what a person sees instead of a stack trace. */
export function fail(message: string, code = 1): never {
  process.stderr.write(`helpdesk: ${message}\n`);
  process.exit(code);
}

export type Database = { url: string; embedded: EmbeddedCluster | null; created: boolean };

/**
 * The database for this process: `DATABASE_URL` when set (checked to be reachable),
 * otherwise the embedded cluster under `.data/`, started or reused.
 */
export async function openDatabase(opts: { quiet?: boolean; existing?: boolean; detached?: boolean } = {}): Promise<Database> {
  const given = process.env.DATABASE_URL;
  if (given) {
    process.env.AUTH_SECRET ??= authSecret();
    await assertReachable(given);
    return { url: given, embedded: null, created: false };
  }
  if (opts.existing && !existsSync(path.join(dataDir(), "pg", "PG_VERSION"))) {
    throw new DatabaseUnreachable(
      `no desk database in ${dataDir()}: set DATA_DIR to the data directory the desk runs with (npm start uses ${path.resolve(".data")} unless DATA_DIR is set), or DATABASE_URL`,
    );
  }
  process.env.AUTH_SECRET ??= authSecret();
  const log = opts.quiet ? () => {} : (line: string) => line && process.stderr.write(`[postgres] ${line}\n`);
  const port = runningClusterPort() ?? embeddedPort();
  const cluster = await startEmbedded({ dataDir: dataDir(), port, database: "helpdesk", detached: opts.detached, log: (l) => {
    if (/ERROR|FATAL|PANIC/.test(l) && !/administrator command/.test(l)) log(l);
  } });
  // Everything in this process (seeding, jobs sent while seeding) uses the same database.
  process.env.DATABASE_URL = cluster.url;
  return { url: cluster.url, embedded: cluster, created: cluster.created };
}

export async function assertReachable(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql`select 1`;
  } catch (error) {
    const { host, port } = safeHost(url);
    const reason = error instanceof Error ? ((error as { code?: string }).code ?? error.message) : String(error);
    throw new DatabaseUnreachable(`cannot reach the database at ${host}:${port} (${reason}): check DATABASE_URL and that PostgreSQL is running and accepts connections`);
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

export class DatabaseUnreachable extends Error {}

function safeHost(url: string) {
  try {
    const u = new URL(url);
    return { host: u.hostname || "localhost", port: u.port || "5432" };
  } catch {
    return { host: "?", port: "?" };
  }
}

/**
 * Prepares the database: migrations always; the demo desk when the embedded cluster is new.
 * Migrations and the seed load on first use, so a process that never prepares (the supervisor)
 * never holds them.
 */
export async function prepareDatabase(database: { url: string; created: boolean; embedded: unknown }): Promise<void> {
  const { migrateDatabase } = await import("@/scripts/migrate");
  await migrateDatabase(database.url);
  if (database.created || (database.embedded && !(await demoSeeded(database.url)))) {
    const { seedDemo } = await import("@/scripts/seed/demo");
    await seedDemo(database.url);
  }
}

/** AUTH_SECRET from the environment, or generated once into `.data/auth-secret`. */
export function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(dataDir(), "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir(), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

/** Whether the embedded desk's demo seed has completed (seedDemo marks it at the end). */
async function demoSeeded(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select 1 as ok from settings where key = 'demo.seeded'`;
    return Boolean(row);
  } finally {
    await sql.end();
  }
}
