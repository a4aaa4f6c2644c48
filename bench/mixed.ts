import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { migrateDatabase } from "@/scripts/migrate";
import { newWebhookSecret, startFakeResend } from "@/tests/helpers/fake-resend";
import { databaseUrl, ensureDatabase, startBenchCluster } from "./cluster";
import { cpuOfTrees, postmasterPid } from "./cpu";
import { AGENT_PASSWORD, readMarker } from "./desk";
import { checkMail, drainMail, runAgents, runMail, signIn, table } from "./load";
import { deskAddress, waitForWeb, webProcess, workerProcess } from "./procs";
import { loadTargets } from "./targets";

/**
 * `npm run bench:mixed` (issue 16): on the generated 1,000,000-ticket desk (`npm run bench` makes
 * it; BENCH_DATA_DIR shares one between checkouts), BENCH_AGENTS (200) agents work the workspace
 * over HTTP while BENCH_MAIL_RATE (50) customer e-mails a second arrive through the Resend webhook
 * and a real pg-boss worker, for BENCH_MIXED_SECONDS (600). Then the desk drains and every message
 * must be exactly one article. Exits non-zero on any error or lost or doubled message.
 */
const SIZE = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 5551);
const PORT = Number(process.env.BENCH_PORT ?? 3151);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 200);
const RATE = Number(process.env.BENCH_MAIL_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 600);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
const root = path.resolve(".test-data/bench-mixed");
const logDir = path.join(root, "logs");
const started = Date.now();
const log = (msg: string) => process.stdout.write(`[mixed ${String(Math.round((Date.now() - started) / 1000)).padStart(4)}s] ${msg}\n`);

rmSync(root, { recursive: true, force: true });
mkdirSync(logDir, { recursive: true });
const cluster = await startBenchCluster(PG_PORT);
const name = `helpdesk_bench_${SIZE}`;
await ensureDatabase(cluster.serverUrl, name, false);
const url = databaseUrl(cluster.serverUrl, name);
const probe = postgres(url, { max: 1, onnotice: () => {} });
const marker = await readMarker(probe).catch(() => null);
await probe.end();
if (!marker) throw new Error(`no generated desk in ${name}: run \`npm run bench\` (BENCH_GENERATE_ONLY=1) first`);
await migrateDatabase(url);

const fake = await startFakeResend();
const secret = newWebhookSecret();
const base = `http://127.0.0.1:${PORT}`;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: url,
  AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
  DATA_DIR: path.join(root, "data"),
  RESEND_API_KEY: fake.apiKey,
  RESEND_BASE_URL: fake.url,
  RESEND_WEBHOOK_SECRET: secret,
  MAIL_ALLOWED_HOSTS: "127.0.0.1",
  LOG_LEVEL: "warn",
};
const web = webProcess("web", PORT, env, logDir);
const worker = workerProcess("worker", env, logDir);
web.start();
worker.start();
const sql = postgres(url, { max: 2, onnotice: () => {} });
try {
  await waitForWeb(base, logDir);
  const targets = await loadTargets(url, AGENTS);
  log(`signing in ${targets.agents.length} agents`);
  const sessions = await signIn(base, targets, AGENT_PASSWORD);
  const to = await deskAddress(url);
  log(`${sessions.length} agents (think time ~${THINK_MS} ms) and ${RATE} e-mails per second to ${to} for ${SECONDS} s`);
  const pids = () => ({ web: web.pid, worker: worker.pid, postgres: postmasterPid(cluster.pgDataDir) });
  const cpuBefore = cpuOfTrees(pids());
  const clientBefore = process.cpuUsage();
  const [agents, mail] = await Promise.all([
    runAgents(sessions, targets, { seconds: SECONDS, thinkMs: THINK_MS }),
    runMail({ rate: RATE, seconds: SECONDS, fake, secret, to, webUrl: () => base, tag: `mixed-${Date.now()}` }),
  ]);
  const cpuAfter = cpuOfTrees(pids());
  const client = process.cpuUsage(clientBefore);
  log(`load over after ${Math.round(agents.elapsed)} s; waiting for every message to be in`);
  const drainSeconds = await drainMail(sql, mail.mails, 15 * 60_000, log);
  const check = await checkMail(sql, mail.mails);
  const cpuShare = (ms: number) => `${Math.round(ms / agents.elapsed / 10)} %`;
  const result = {
    agents: sessions.length,
    seconds: Math.round(agents.elapsed),
    requestsPerSecond: Math.round((agents.requests / agents.elapsed) * 10) / 10,
    agentErrors: agents.errors,
    mailSent: check.sent,
    mailPerSecond: Math.round((mail.mails.length / agents.elapsed) * 10) / 10,
    webhookFailedAnswers: mail.failedAnswers,
    lateStarts: mail.lateStarts,
    articles: check.articles,
    quarantined: check.quarantined,
    lost: check.lost.length,
    doubled: check.doubled.length,
    drainSeconds,
    cpuOfOneCore: { web: cpuShare(cpuAfter.web! - cpuBefore.web!), worker: cpuShare(cpuAfter.worker! - cpuBefore.worker!), postgres: cpuShare(cpuAfter.postgres! - cpuBefore.postgres!), loadGenerator: cpuShare((client.user + client.system) / 1000) },
    exits: { web: web.crashes, worker: worker.crashes },
    rows: [...agents.rows, mail.webhookRow],
    firstErrors: agents.firstErrors,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`,
  };
  writeFileSync(path.join(root, "result.json"), JSON.stringify(result, null, 2));
  console.log(`\n${result.agents} agents and ${RATE} e-mails/s for ${result.seconds} s: ${result.requestsPerSecond} agent requests/s, ${result.mailPerSecond} e-mails/s\n${table(result.rows)}`);
  console.log(`\nmail: ${check.sent} sent, ${check.articles} articles, ${check.quarantined} quarantined, lost ${check.lost.length}, doubled ${check.doubled.length}; in ${Number.isNaN(drainSeconds) ? "NOT drained" : `${Math.round(drainSeconds)} s after the load`}`);
  console.log(`CPU (share of one core): ${JSON.stringify(result.cpuOfOneCore)}; ${result.machine}`);
  if (agents.firstErrors.length) console.log(`first errors:\n${agents.firstErrors.join("\n")}`);
  process.exitCode = agents.errors === 0 && check.lost.length === 0 && check.doubled.length === 0 ? 0 : 1;
} finally {
  await sql.end({ timeout: 2 }).catch(() => {});
  await Promise.all([web.stop(), worker.stop()]);
  await fake.stop();
  await cluster.stop();
}
