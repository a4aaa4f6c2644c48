import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createDb } from "@/db";
import { setSetting } from "@/server/services/settings";
import { seedDemo } from "@/scripts/seed/demo";
import { cloneDatabase, createTemplate, TEMPLATE_DB, testServer } from "../helpers/test-db";

/**
 * The desk for browser tests: a fresh demo database on the tests' own cluster and a
 * production server (scripts/web.ts around the build, as `npm start` runs it) on E2E_PORT. Stops everything on SIGTERM.
 */
const port = process.env.E2E_PORT ?? "3100";
const { url, cluster } = await testServer("e2e", Number(process.env.E2E_PG_PORT ?? 5496));
await createTemplate(url);
const databaseUrl = await cloneDatabase(url, TEMPLATE_DB, "helpdesk_e2e");
// Seeding sends jobs (reply mail) through this process's own connection to the same database.
process.env.DATABASE_URL = databaseUrl;
process.env.AUTH_SECRET ??= "e2e-secret-e2e-secret-e2e-secret-e2e-secret";
await seedDemo(databaseUrl);
// Every browser of the run comes from 127.0.0.1: the per-address hourly limit on new tickets
// (tested in tests/integration/trusted-proxy.test.ts) would otherwise refuse the later journeys'.
{
  const db = createDb(databaseUrl, 1);
  await setSetting(db, "tickets.max_new_per_hour_per_address", 10_000);
  await db.$client.end();
}
// Specs that act outside the browser (mail piped into the CLI) reach the same database through this
// file, keyed by the web port so parallel runs on other ports do not overwrite it.
mkdirSync(path.resolve(".test-data/e2e"), { recursive: true });
writeFileSync(path.resolve(`.test-data/e2e/database-url-${port}`), `${databaseUrl}\n`, { mode: 0o600 });

// The desk's test clock (server/time/clock.ts): a spec writes an offset in milliseconds here to
// move "now" for the web servers and the worker alike; it starts at zero for every run.
const clockFile = path.resolve(`.test-data/e2e/clock-${port}`);
writeFileSync(clockFile, "0\n");

const startWeb = (webPort: string, extraEnv: Record<string, string> = {}) =>
  spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/web.ts"), "-p", webPort, "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
      APP_URL: `http://127.0.0.1:${webPort}`,
      AUTH_URL: `http://127.0.0.1:${webPort}`,
      HELPDESK_PROCESS: "web-e2e",
      // The test Dovecot listens on loopback, which the SSRF guard refuses unless allowed.
      MAIL_ALLOWED_HOSTS: "127.0.0.1",
      LOG_LEVEL: "warn",
      DESK_CLOCK_FILE: clockFile,
      ...extraEnv,
    },
    stdio: "inherit",
  });
const web = startWeb(port);
// A second instance of the same build on the same database (E2E_PORT2): live updates and presence
// must cross processes. It counts one trusted proxy in front (tests/e2e/trusted-proxy.spec.ts plays
// that proxy); browsers that reach it directly are simply their own peer. Only the first
// instance's exit ends the run.
const second = process.env.E2E_PORT2 ? startWeb(process.env.E2E_PORT2, { TRUSTED_PROXY_HOPS: "1" }) : null;

// A worker for the SLA timers only (WORKER_QUEUES): mail and notification jobs stay queued as
// before, so specs that read the outbox see what they always saw.
const worker = spawn(process.execPath, ["--import", "tsx", path.resolve("jobs/worker.ts")], {
  env: { ...process.env, DATABASE_URL: databaseUrl, DESK_CLOCK_FILE: clockFile, WORKER_QUEUES: "sla.sweep,sla.recompute,reports.sweep,reports.generate", HELPDESK_PROCESS: "worker-e2e", LOG_LEVEL: "warn" },
  stdio: "inherit",
});

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  for (const child of [web, second, worker]) {
    if (!child) continue;
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
  }
  await cluster?.stop();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
web.on("exit", () => void stop());
