import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { seedDemo } from "@/db/seed/demo";
import { cloneDatabase, createTemplate, TEMPLATE_DB, testServer } from "../helpers/test-db";

/**
 * The desk for browser tests: a fresh demo database on the tests' own cluster and a
 * `next start` of the production build on E2E_PORT. Stops everything on SIGTERM.
 */
const port = process.env.E2E_PORT ?? "3100";
const { url, cluster } = await testServer("e2e", Number(process.env.E2E_PG_PORT ?? 5496));
await createTemplate(url);
const databaseUrl = await cloneDatabase(url, TEMPLATE_DB, "helpdesk_e2e");
// Seeding sends jobs (reply mail) through this process's own connection to the same database.
process.env.DATABASE_URL = databaseUrl;
process.env.AUTH_SECRET ??= "e2e-secret-e2e-secret-e2e-secret-e2e-secret";
await seedDemo(databaseUrl);
// Specs that act outside the browser (mail piped into the CLI) reach the same database through this
// file, keyed by the web port so parallel runs on other ports do not overwrite it.
mkdirSync(path.resolve(".test-data/e2e"), { recursive: true });
writeFileSync(path.resolve(`.test-data/e2e/database-url-${port}`), `${databaseUrl}\n`, { mode: 0o600 });

const web = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", port, "-H", "127.0.0.1"], {
  env: {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
    APP_URL: `http://127.0.0.1:${port}`,
    AUTH_URL: `http://127.0.0.1:${port}`,
    HELPDESK_PROCESS: "web-e2e",
    LOG_LEVEL: "warn",
  },
  stdio: "inherit",
});

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  web.kill("SIGTERM");
  await new Promise((r) => (web.exitCode !== null ? r(null) : web.once("exit", r)));
  await cluster?.stop();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
web.on("exit", () => void stop());
