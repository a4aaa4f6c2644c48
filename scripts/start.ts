import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { takeOverSignals } from "@/db/embedded";
import { ConfigError, parseEnv } from "@/server/env";
import { authSecret, dataDir, DatabaseUnreachable, fail, openDatabase, type Database } from "./runtime";

/**
 * `npm start` / `npm run dev`: one supervisor. Database up (embedded unless DATABASE_URL),
 * migrations, demo seed on a new embedded cluster, then the web app and the pg-boss worker as
 * children (started again when one crashes). SIGTERM, SIGINT (Ctrl-C) or SIGHUP stop the web app,
 * then the worker, then PostgreSQL.
 *
 * Every child runs in its own process group (PostgreSQL too, `detached`): a Ctrl-C in the terminal
 * reaches the supervisor alone, which stops them in order, and stopping a group also ends what a
 * child started itself (`next dev` forks). Children also stop when the supervisor's IPC channel
 * closes, so even a killed supervisor leaves nothing behind but PostgreSQL, which the next start reuses.
 */
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
/** How long each child may take to finish what it is doing before its group is killed. */
const GRACE_MS = 5_000;
const log = (msg: string, extra: Record<string, unknown> = {}) =>
  process.stdout.write(JSON.stringify({ level: "info", time: new Date().toISOString(), service: "supervisor", msg, ...extra }) + "\n");

let stopping = false;
let opening: Promise<Database | null> = Promise.resolve(null);
const children: ChildProcess[] = [];

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log("stopping");
  // Web first (no new requests), then the worker (finishes its job), then PostgreSQL.
  for (const child of [...children].reverse()) await stopGroup(child);
  const database = await opening.catch(() => null);
  if (database?.embedded?.startedHere) {
    await database.embedded.stop();
    log("PostgreSQL stopped");
  }
  process.exit(code);
}

async function main() {
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT must be a port number, got "${process.env.PORT}"`);
  // Validate everything before anything starts; the embedded URL is filled in below.
  parseEnv({ ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "postgres://embedded", AUTH_SECRET: authSecret() });
  if (!(await portFree(port))) fail(`port ${port} is already in use (is the desk already running?): stop what uses it, or set PORT to a free port`);

  takeOverSignals();
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));

  opening = openDatabase({ detached: true });
  const database = (await opening)!;
  log(database.embedded ? "embedded PostgreSQL ready" : "using DATABASE_URL", { created: database.created });
  const prepared = await runOnce(script("prepare"), {
    ...process.env,
    DATABASE_URL: database.url,
    AUTH_SECRET: authSecret(),
    HELPDESK_PROCESS: "prepare",
    HELPDESK_DB_CREATED: database.created ? "1" : "0",
    HELPDESK_DB_EMBEDDED: database.embedded ? "1" : "0",
  });
  if (prepared !== 0) return shutdown(prepared ?? 1);
  log("database migrated", { seeded: database.created });
  if (stopping) return;

  const childEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    AUTH_SECRET: authSecret(),
    APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
    AUTH_URL: process.env.AUTH_URL ?? process.env.APP_URL ?? `http://localhost:${port}`,
  };
  const next = path.resolve("node_modules/next/dist/bin/next");
  if (!dev && !existsSync(path.join(distDir, "BUILD_ID"))) {
    const code = await build(next, { ...childEnv, NODE_ENV: "production" });
    if (code !== 0) return shutdown(code ?? 1);
  }
  if (stopping) return;
  // Production runs Next.js inside scripts/web.ts, which hands the peer's address on (TRUSTED_PROXY_HOPS).
  const workerArgs = script("worker");
  const webArgs = dev ? [next, "dev", "-p", String(port)] : [...script("web"), "-p", String(port)];
  const workerEnv = { ...childEnv, HELPDESK_PROCESS: "worker" };
  const webEnv = { ...childEnv, HELPDESK_PROCESS: "web", ...(dev ? {} : { NODE_ENV: "production" as const }) };
  // children is stopped in reverse: web, then worker.
  supervise("worker", 0, workerArgs, workerEnv);
  supervise("web", 1, webArgs, webEnv);
  await waitForWeb();
  if (stopping) return;
  const demo = database.embedded ? " — demo sign-in: admin@example.com / demo1234 (agents, customers: see README)" : "";
  process.stdout.write(`\nhelpdesk: ready at ${childEnv.APP_URL}${demo}\n\n`);
}

/** Restarts within this window count towards giving up. */
const CRASH_WINDOW_MS = 60_000;
const MAX_CRASHES = 5;

/**
 * Runs a child in slot `slot` of `children` and, like a service manager, starts it again when it
 * dies on its own (a crash must not take the desk down: the worker's jobs and the web app's
 * requests are safe to retry). Five crashes within a minute stop the desk instead of looping.
 */
function supervise(name: string, slot: number, args: string[], env: NodeJS.ProcessEnv, crashes: number[] = []) {
  const child = startChild(args, env);
  children[slot] = child;
  child.on("exit", (code, signal) => {
    if (stopping) return;
    const now = Date.now();
    const recent = [...crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    if (recent.length >= MAX_CRASHES) {
      log(`the ${name} process keeps exiting; stopping the desk`, { pid: child.pid, code, signal });
      void shutdown(code || 1);
      return;
    }
    log(`the ${name} process exited; starting it again`, { pid: child.pid, code, signal });
    setTimeout(() => {
      if (!stopping) supervise(name, slot, args, env, recent);
    }, 1_000 * recent.length);
  });
}

/**
 * How to run one of the desk's scripts: compiled (`.build/server/<name>.mjs`, written by
 * scripts/build-server.mjs before `npm start` runs this file compiled too), or through tsx when
 * this supervisor itself runs from source.
 */
function script(name: "prepare" | "worker" | "web"): string[] {
  if (import.meta.url.endsWith(".ts")) return ["--import", "tsx", `scripts/${name}.ts`];
  return [...NODE_FLAGS, path.join(path.dirname(fileURLToPath(import.meta.url)), `${name}.mjs`)];
}

/**
 * V8's young generation grows to 3 × 16 MB per process and stays that large while idle; 4 MB
 * semi-spaces cost a few more (cheap) scavenges under load. Set HELPDESK_NODE_FLAGS to override.
 */
const NODE_FLAGS = (process.env.HELPDESK_NODE_FLAGS ?? "--max-semi-space-size=4").split(" ").filter(Boolean);

/** A child that runs to its end (the database preparation); stopped with the desk like the others. */
async function runOnce(args: string[], env: NodeJS.ProcessEnv): Promise<number | null> {
  const child = startChild(args, env);
  children.push(child);
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  children.splice(children.indexOf(child), 1);
  return code;
}

function startChild(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, args, { env, stdio: ["ignore", "inherit", "inherit", "ipc"], detached: true });
}

/** `next build` once, its route table into DATA_DIR/build.log; a person sees how long it takes. */
async function build(next: string, env: NodeJS.ProcessEnv): Promise<number | null> {
  mkdirSync(dataDir(), { recursive: true });
  const file = path.join(dataDir(), "build.log");
  process.stdout.write(`helpdesk: building the app once (about 3–6 minutes on two cores; progress in ${file})\n`);
  const started = Date.now();
  const out = createWriteStream(file);
  const child = spawn(process.execPath, [next, "build"], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  children.push(child);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  children.splice(children.indexOf(child), 1);
  await new Promise((resolve) => out.end(resolve));
  if (stopping) return code;
  if (code === 0) {
    process.stdout.write(`helpdesk: built in ${Math.round((Date.now() - started) / 1000)} s\n`);
  } else {
    process.stderr.write(readFileSync(file, "utf8").split("\n").slice(-30).join("\n") + `\nhelpdesk: the build failed (log: ${file})\n`);
  }
  return code;
}

/** SIGTERM to the child's process group; SIGKILL to what is left after GRACE_MS or once the child is gone. */
function stopGroup(child: ChildProcess): Promise<void> {
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is gone
    }
  };
  if (child.exitCode !== null || child.signalCode !== null) {
    signalGroup("SIGKILL");
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => signalGroup("SIGKILL"), GRACE_MS);
    child.once("exit", () => {
      clearTimeout(timer);
      signalGroup("SIGKILL");
      resolve();
    });
    signalGroup("SIGTERM");
  });
}

function portFree(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    // Like scripts/web.ts: every interface.
    server.listen(p, () => server.close(() => resolve(true)));
  });
}

async function waitForWeb() {
  while (!stopping) {
    try {
      await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(5_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

main().catch(async (error: unknown) => {
  if (stopping) return;
  stopping = true;
  // A cluster started for this run must not outlive a failed start.
  const database = await opening.catch(() => null);
  if (database?.embedded?.startedHere) await database.embedded.stop();
  if (error instanceof DatabaseUnreachable || error instanceof ConfigError) fail(error.message);
  fail(error instanceof Error ? error.message : String(error));
});
