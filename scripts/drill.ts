import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { generateDesk, plan, readMarker, AGENT_PASSWORD } from "@/bench/desk";
import { checkMail, drainMail, type Row, runAgents, runMail, signIn, summarize, table } from "@/bench/load";
import { deskAddress, waitForWeb, webProcess, workerProcess } from "@/bench/procs";
import { loadTargets } from "@/bench/targets";
import { startEmbedded } from "@/db/embedded";
import { migrateDatabase } from "@/scripts/migrate";
import { startFakeUploadThing } from "@/tests/helpers/fake-uploadthing";
import { newWebhookSecret, startFakeResend } from "@/tests/helpers/fake-resend";
import { sleep } from "./chaos/processes";
import { startBalancer } from "./drill/balancer";
import { checkFiles } from "./drill/files";
import { startReplica } from "./drill/replica";

/*
 * `npm run drill` (issue 16): the scale-out drill. One PostgreSQL (a private cluster holding a
 * generated bench desk of DRILL_TICKETS tickets) with a streaming replica, two web instances and two
 * workers, files on a local UploadThing (the SDK's documented endpoint overrides), a round-robin
 * load balancer (scripts/drill/balancer.ts). DRILL_AGENTS agents work through the balancer and
 * DRILL_MAIL_RATE e-mails a second arrive through the Resend webhook (every third with a PDF);
 * at a third of DRILL_SECONDS one web instance and one worker are killed -9 and started again
 * DRILL_DOWN_SECONDS later. Then the desk drains; every message must be exactly one article and
 * every attachment must come back from UploadThing byte for byte through the balancer.
 */
const PG_PORT = Number(process.env.DRILL_PG_PORT ?? 5702);
const REPLICA_PORT = Number(process.env.DRILL_REPLICA_PORT ?? 5703);
const WEB_PORTS = [Number(process.env.DRILL_WEB_PORT ?? 3702), Number(process.env.DRILL_WEB_PORT ?? 3702) + 1];
const LB_PORT = Number(process.env.DRILL_LB_PORT ?? 3704);
const FILES_PORT = Number(process.env.DRILL_FILES_PORT ?? 3705);
const TICKETS = Number(process.env.DRILL_TICKETS ?? 20_000);
const AGENTS = Number(process.env.DRILL_AGENTS ?? 60);
const RATE = Number(process.env.DRILL_MAIL_RATE ?? 20);
const SECONDS = Number(process.env.DRILL_SECONDS ?? 180);
const DOWN_SECONDS = Number(process.env.DRILL_DOWN_SECONDS ?? 20);
const THINK_MS = Number(process.env.DRILL_THINK_MS ?? 1000);
const root = path.resolve(process.env.DRILL_DIR ?? ".test-data/drill");
const logDir = path.join(root, "logs");
const started = Date.now();
const log = (msg: string) => process.stdout.write(`[drill ${String(Math.round((Date.now() - started) / 1000)).padStart(4)}s] ${msg}\n`);

mkdirSync(logDir, { recursive: true });
log(`PostgreSQL on ${PG_PORT} in ${root}`);
const cluster = await startEmbedded({ dataDir: root, port: PG_PORT, database: "helpdesk" });
const url = cluster.url;
const admin = postgres(url, { max: 1, onnotice: () => {} });
const marker = await readMarker(admin);
await admin.end();
if (plan(marker, TICKETS).action === "generate") {
  log(`generating a bench desk of ${TICKETS} tickets (once; reused by later drills)`);
  await migrateDatabase(url);
  await generateDesk(url, TICKETS, (m) => log(`  ${m}`));
} else await migrateDatabase(url);

const replica = process.env.DRILL_REPLICA === "0" ? null : await startReplica(root, url, REPLICA_PORT, log);
const files = await startFakeUploadThing({ port: FILES_PORT });
const resend = await startFakeResend();
const secret = newWebhookSecret();
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: url,
  ...(replica ? { REPORTS_DATABASE_URL: replica.url } : {}),
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  DATA_DIR: path.join(root, "data"),
  RESEND_API_KEY: resend.apiKey,
  RESEND_BASE_URL: resend.url,
  RESEND_WEBHOOK_SECRET: secret,
  UPLOADTHING_TOKEN: files.token,
  UPLOADTHING_API_URL: files.endpoints.apiUrl,
  UPLOADTHING_INGEST_URL: files.endpoints.ingestUrl,
  UPLOADTHING_UFS_HOST: files.endpoints.ufsHost,
  UPLOADTHING_UFS_APP_ID_LOCATION: files.endpoints.ufsAppIdLocation,
  MAIL_ALLOWED_HOSTS: "127.0.0.1",
  TRUSTED_PROXY_HOPS: "1",
  LOG_LEVEL: "warn",
};
const lbUrl = `http://127.0.0.1:${LB_PORT}`;
const webs = WEB_PORTS.map((port, i) => webProcess(`web${i + 1}`, port, { ...env, APP_URL: lbUrl, AUTH_URL: lbUrl }, logDir));
const workers = [workerProcess("worker1", env, logDir), workerProcess("worker2", env, logDir)];
for (const p of [...webs, ...workers]) p.start();
const balancer = await startBalancer(WEB_PORTS.map((p) => `http://127.0.0.1:${p}`), { port: LB_PORT });
const sql = postgres(url, { max: 2, onnotice: () => {} });
let code = 1;
try {
  await Promise.all(WEB_PORTS.map((p) => waitForWeb(`http://127.0.0.1:${p}`, logDir)));
  const targets = await loadTargets(url, AGENTS);
  const sessions = await signIn(lbUrl, targets, AGENT_PASSWORD);
  const to = await deskAddress(url);
  log(`${sessions.length} agents and ${RATE} e-mails/s through ${lbUrl} for ${SECONDS} s; kill -9 of web1 and worker1 at ${Math.round(SECONDS / 3)} s`);

  const timeline: { at: number; ms: number; ok: boolean }[] = [];
  const t0 = performance.now();
  const killAt = SECONDS / 3;
  const faults = (async () => {
    await sleep(killAt * 1000);
    log(`kill -9 web1 (pid ${webs[0]!.pid}) and worker1 (pid ${workers[0]!.pid})`);
    await Promise.all([webs[0]!.kill(), workers[0]!.kill()]);
    await sleep(DOWN_SECONDS * 1000);
    log("starting web1 and worker1 again");
    webs[0]!.start();
    workers[0]!.start();
  })();
  const [agents, mail] = await Promise.all([
    runAgents(sessions, targets, { seconds: SECONDS, thinkMs: THINK_MS, onRequest: (ms, ok) => timeline.push({ at: (performance.now() - t0) / 1000, ms, ok }) }),
    runMail({ rate: RATE, seconds: SECONDS, fake: resend, secret, to, webUrl: () => lbUrl, tag: `drill-${Date.now()}`, attachEvery: 3 }),
    faults,
  ]);
  log(`load over; draining`);
  const drainSeconds = await drainMail(sql, mail.mails, 10 * 60_000, log);
  const check = await checkMail(sql, mail.mails);
  const fileCheck = await checkFiles(sql, mail.mails, files, sessions[0]!, targets.agents[0]!.queueIds[0]!);
  const phase = (name: string, from: number, to: number): Row => {
    const part = timeline.filter((t) => t.at >= from && t.at < to);
    return summarize(name, part.filter((t) => t.ok).map((t) => t.ms), part.filter((t) => !t.ok).length);
  };
  const phases = [
    phase(`before the kill (0–${Math.round(killAt)} s)`, 0, killAt),
    phase(`one web, one worker down (${Math.round(killAt)}–${Math.round(killAt + DOWN_SECONDS)} s)`, killAt, killAt + DOWN_SECONDS),
    phase(`after the restart (${Math.round(killAt + DOWN_SECONDS)}–${SECONDS} s)`, killAt + DOWN_SECONDS, Infinity),
  ];
  const result = {
    agents: sessions.length,
    seconds: Math.round(agents.elapsed),
    requestsPerSecond: Math.round((agents.requests / agents.elapsed) * 10) / 10,
    agentErrors: agents.errors,
    balancer: balancer.stats,
    mail: { sent: check.sent, perSecond: RATE, webhookFailedAnswers: mail.failedAnswers, articles: check.articles, quarantined: check.quarantined, lost: check.lost.length, doubled: check.doubled.length, drainSeconds },
    files: fileCheck,
    replica: replica ? await replica.lag() : null,
    exits: { web1: webs[0]!.crashes, web2: webs[1]!.crashes, worker1: workers[0]!.crashes, worker2: workers[1]!.crashes },
    rows: [...agents.rows, ...phases, mail.webhookRow],
    firstErrors: agents.firstErrors,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`,
  };
  writeFileSync(path.join(root, "result.json"), JSON.stringify(result, null, 2));
  console.log(`\n${result.agents} agents through the balancer, ${RATE} e-mails/s, ${result.seconds} s: ${result.requestsPerSecond} agent requests/s\n${table(result.rows)}`);
  console.log(`\nbalancer: ${JSON.stringify(balancer.stats)}`);
  console.log(`mail: ${JSON.stringify(result.mail)}`);
  console.log(`files: ${JSON.stringify(fileCheck)}; replica: ${JSON.stringify(result.replica)}`);
  if (agents.firstErrors.length) console.log(`first errors:\n${agents.firstErrors.join("\n")}`);
  code = check.lost.length === 0 && check.doubled.length === 0 && fileCheck.mismatched === 0 && !Number.isNaN(drainSeconds) ? 0 : 1;
} finally {
  await sql.end({ timeout: 2 }).catch(() => {});
  await Promise.all([...webs, ...workers].map((p) => p.stop()));
  await balancer.stop();
  await Promise.all([files.stop(), resend.stop()]);
  await replica?.stop();
  await cluster.stop();
}
process.exit(code);
