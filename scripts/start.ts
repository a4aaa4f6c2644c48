import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { ConfigError, parseEnv } from "@/server/env";
import { authSecret, DatabaseUnreachable, fail, openDatabase, prepareDatabase } from "./runtime";

/**
 * `npm start` / `npm run dev`: one supervisor. Database up (embedded unless DATABASE_URL),
 * migrations, demo seed on a new embedded cluster, then the web app and the pg-boss worker as
 * children. Ctrl-C stops the children first and PostgreSQL last.
 */
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const log = (msg: string, extra: Record<string, unknown> = {}) =>
  process.stdout.write(JSON.stringify({ level: "info", time: new Date().toISOString(), service: "supervisor", msg, ...extra }) + "\n");

async function main() {
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT must be a port number, got "${process.env.PORT}"`);
  // Validate everything before anything starts; the embedded URL is filled in below.
  parseEnv({ ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "postgres://embedded", AUTH_SECRET: authSecret() });
  const database = await openDatabase();
  log(database.embedded ? "embedded PostgreSQL ready" : "using DATABASE_URL", { created: database.created });
  let stopping = false;
  const children: ChildProcess[] = [];
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log("stopping");
    await Promise.all(children.map((c) => stopChild(c)));
    if (database.embedded?.startedHere) {
      await database.embedded.stop();
      log("PostgreSQL stopped");
    }
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  await prepareDatabase(database);
  log("database migrated", { seeded: database.created });

  const childEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    AUTH_SECRET: authSecret(),
    APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
    AUTH_URL: process.env.AUTH_URL ?? process.env.APP_URL ?? `http://localhost:${port}`,
  };
  const next = path.resolve("node_modules/next/dist/bin/next");
  if (!dev && !existsSync(".next/BUILD_ID")) {
    log("no production build yet: building (a few minutes, once)");
    const code = await run(process.execPath, [next, "build"], { ...childEnv, NODE_ENV: "production" });
    if (code !== 0) return shutdown(code ?? 1);
  }
  // Production runs Next.js inside scripts/web.ts, which hands the peer's address on (TRUSTED_PROXY_HOPS).
  const web = spawn(process.execPath, dev ? [next, "dev", "-p", String(port)] : ["--import", "tsx", "scripts/web.ts", "-p", String(port)], {
    env: { ...childEnv, HELPDESK_PROCESS: "web", ...(dev ? {} : { NODE_ENV: "production" }) },
    stdio: "inherit",
  });
  const worker = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { env: { ...childEnv, HELPDESK_PROCESS: "worker" }, stdio: "inherit" });
  children.push(web, worker);
  for (const child of children) {
    child.on("exit", (code) => {
      if (!stopping) {
        log("a child process exited; stopping the desk", { pid: child.pid, code });
        void shutdown(code ?? 1);
      }
    });
  }
  log(`the desk is starting at http://localhost:${port}`);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number | null> {
  return new Promise((resolve) => spawn(cmd, args, { env, stdio: "inherit" }).on("exit", resolve));
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => (clearTimeout(timer), resolve()));
    child.kill("SIGTERM");
  });
}

main().catch((error: unknown) => {
  if (error instanceof DatabaseUnreachable || error instanceof ConfigError) fail(error.message);
  fail(error instanceof Error ? error.message : String(error));
});
