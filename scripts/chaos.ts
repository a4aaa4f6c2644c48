import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PgBoss } from "pg-boss";
import postgres from "postgres";
import { autoRespond } from "@/jobs/definitions/auto-respond";
import { notifyAgents } from "@/jobs/definitions/notify-agents";
import { notifyCustomer } from "@/jobs/definitions/notify-customer";
import { pollMailboxes } from "@/jobs/definitions/poll-mailboxes";
import { resendFetch } from "@/jobs/definitions/resend-fetch";
import { sendMail } from "@/jobs/definitions/send-mail";
import { appendMessages, type Dovecot, mailboxMessages, startDovecot } from "@/tests/helpers/dovecot";
import { newWebhookSecret, startFakeResend } from "@/tests/helpers/fake-resend";
import { checkHistory, checkInbound, checkOutbound, type Findings } from "./chaos/check";
import { Managed, postgresCommand, sleep, tsxCommand, waitForDatabase } from "./chaos/processes";
import { setUpCluster } from "./chaos/setup";
import { between, chance, composeMail, pick, pipeDeliver, type Reply, replyDeliver, type Sent, sent, webhookDeliver } from "./chaos/traffic";

/*
 * `npm run chaos`: fault injection (issue 15). A private PostgreSQL, the worker, the web process
 * (scripts/chaos/web.ts: the desk's route handlers), a fake Resend and a real Dovecot; for
 * CHAOS_ROUNDS rounds mail arrives by pipe (the postmaster CLI, retried like an MTA), IMAP and the
 * Resend webhook, an agent replies, and kill -9 hits the worker, the web process and PostgreSQL at
 * random moments (and the worker right after Resend accepted a send). Then everything is brought
 * back, the desk drains its work, and the checks run. Exit 0 only with lost = doubled = gaps = 0.
 */
const rounds = Number(process.env.CHAOS_ROUNDS ?? 50);
const pgPort = Number(process.env.CHAOS_PG_PORT ?? 5636);
const webPort = Number(process.env.CHAOS_WEB_PORT ?? 3636);
const drainSeconds = Number(process.env.CHAOS_DRAIN_SECONDS ?? 600);
const root = path.resolve(process.env.CHAOS_DIR ?? ".test-data/chaos");
const webUrl = `http://127.0.0.1:${webPort}`;
const DRAINED_QUEUES = [sendMail, resendFetch, autoRespond, notifyAgents, notifyCustomer].map((j) => j.name);

const started = Date.now();
const say = (line: string) => process.stdout.write(`[chaos ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${line}\n`);

rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });
const logDir = path.join(root, "logs");
say(`setting up a private cluster on ${pgPort} in ${root}`);
const { url } = await setUpCluster(root, pgPort);

const pg = new Managed("postgres", postgresCommand(path.join(root, "pg"), pgPort), process.env, logDir);
pg.start();
await waitForDatabase(url);

let chaosOn = true;
const webhookSecret = newWebhookSecret();
const fake = await startFakeResend({
  // The riskiest moment for a send: Resend has the mail, the desk has not recorded it yet.
  onSend: async () => {
    if (chaosOn && chance(0.15)) await strike(worker);
  },
});
const dovecot: Dovecot = await startDovecot();
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: url,
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  DATA_DIR: path.join(root, "data"),
  RESEND_API_KEY: fake.apiKey,
  RESEND_BASE_URL: fake.url,
  RESEND_WEBHOOK_SECRET: webhookSecret,
  LOG_LEVEL: "warn",
  PORT: String(webPort),
  DB_POOL_SIZE: "5",
};
const sql = postgres(url, { max: 2, connect_timeout: 5, onnotice: () => {} });
const [desk] = await sql<{ address: string }[]>`select address from system_addresses where valid order by id limit 1`;
const [agent] = await sql<{ id: number }[]>`select id from users where role = 'admin' and enabled order by id limit 1`;
const [account] = await sql<{ id: number }[]>`
  insert into mail_accounts (name, host, port, tls, username, secret) values ('chaos', ${dovecot.host}, ${dovecot.port}, false, ${dovecot.user}, ${dovecot.password}) returning id`;
if (!desk || !agent || !account) throw new Error("the demo desk has no system address or admin");

const worker = new Managed("worker", tsxCommand("scripts/worker.ts"), childEnv, logDir);
const web = new Managed("web", tsxCommand("scripts/chaos/web.ts"), childEnv, logDir);
worker.start();
web.start();
await waitForWeb();

const boss = new PgBoss({ connectionString: url, schema: "pgboss", max: 1, supervise: false, schedule: false, migrate: false });
boss.on("error", () => {});
await boss.start();
/** "Poll now", as the admin's button asks for it; while PostgreSQL is down the cron poll catches up. */
const accountId = Number(account.id); // postgres.js reads bigint as text; the job's schema wants a number
const requestPoll = () => boss.send(pollMailboxes.name, { accountId }, { singletonKey: `account:${accountId}` }).catch(() => null);

const messages: Sent[] = [];
const replies: Reply[] = [];
const parents: string[] = [];
say(`running ${rounds} rounds (worker, web and PostgreSQL killed at random)`);
for (let round = 1; round <= rounds; round++) {
  const batch: Sent[] = [];
  const mail = (channel: Sent["channel"], withoutMessageId = false) => {
    const m = sent(channel, composeMail({ to: desk.address, inReplyTo: parents.length && chance(0.3) ? pick(parents) : null, withoutMessageId, round }));
    batch.push(m);
    return m;
  };
  const tasks: Promise<unknown>[] = [];
  for (let i = 0; i < 2; i++) tasks.push(pipeDeliver(mail("pipe", chance(0.15)), childEnv, 0.25));
  const viaImap = mail("imap");
  tasks.push(appendMessages(dovecot, "INBOX", [viaImap.raw]).then(requestPoll));
  tasks.push(webhookDeliver(mail("webhook"), fake, webhookSecret, webUrl, chance(0.3)));
  const ticketId = await chaosTicket();
  if (ticketId) {
    const reply: Reply = { marker: `chaos-reply-${randomBytes(8).toString("hex")}`, submitKey: randomUUID(), ticketId, attempts: 0, confirmed: false, refused: null };
    replies.push(reply);
    tasks.push(replyDeliver(reply, webUrl, agent.id));
  }
  tasks.push(sleep(between(0, 3000)).then(() => strike(pick([worker, web, pg, worker, web, pg, null]))));
  await Promise.all(tasks);
  messages.push(...batch);
  for (const m of batch) if (m.messageId) parents.push(m.messageId);
  say(`round ${round}/${rounds}: ${messages.length} messages, ${replies.filter((r) => r.confirmed).length} replies, kills worker ${worker.kills} web ${web.kills} postgres ${pg.kills}`);
}

chaosOn = false;
say("chaos over; bringing everything back and draining");
pg.start();
await waitForDatabase(url);
worker.start();
web.start();
const drained = await drain();

const findings: Findings = { lost: [], doubled: [], gaps: [] };
await checkInbound(sql, messages, findings);
const { outbox } = await checkOutbound(sql, replies, fake, findings);
const { tickets } = await checkHistory(sql, findings);
const seconds = Math.round((Date.now() - started) / 1000);
const result = {
  rounds,
  messages: messages.length,
  byChannel: Object.fromEntries(["pipe", "imap", "webhook"].map((c) => [c, messages.filter((m) => m.channel === c).length])),
  pipeAttempts: messages.filter((m) => m.channel === "pipe").reduce((n, m) => n + m.attempts, 0),
  replies: replies.filter((r) => r.confirmed).length,
  replyAttempts: replies.reduce((n, r) => n + r.attempts, 0),
  repliesRefused: replies.filter((r) => r.refused).map((r) => r.refused),
  outbox,
  resendSends: fake.sent.length,
  resendRequests: fake.requests.filter((r) => r.method === "POST" && r.path === "/emails").length,
  tickets,
  kills: { worker: worker.kills, web: web.kills, postgres: pg.kills },
  unexpectedExits: { worker: worker.crashes, web: web.crashes, postgres: pg.crashes },
  drained,
  lost: findings.lost.length,
  doubled: findings.doubled.length,
  gaps: findings.gaps.length,
  findings,
  seconds,
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
};
writeFileSync(path.join(root, "result.json"), JSON.stringify(result, null, 2));
for (const line of [...findings.lost, ...findings.doubled, ...findings.gaps].slice(0, 40)) say(`  ${line}`);
process.stdout.write(
  `rounds=${rounds} messages=${result.messages} replies=${result.replies} outbox=${outbox} sends=${result.resendSends} ` +
    `kills=worker:${worker.kills},web:${web.kills},postgres:${pg.kills} exits=worker:${worker.crashes},web:${web.crashes} lost=${result.lost} doubled=${result.doubled} gaps=${result.gaps} ` +
    `drained=${drained} duration=${seconds}s\n`,
);

await boss.stop({ graceful: false, close: true }).catch(() => {});
await sql.end({ timeout: 2 }).catch(() => {});
await Promise.all([worker.stop(), web.stop()]);
await pg.stop();
await Promise.all([fake.stop(), dovecot.stop()]);
process.exit(result.lost === 0 && result.doubled === 0 && result.gaps === 0 && drained ? 0 : 1);

/** kill -9 now, back after a moment (PostgreSQL then recovers from its WAL). */
async function strike(target: Managed | null): Promise<void> {
  if (!target || !target.running) return;
  await target.kill();
  await sleep(between(200, 2500));
  target.start();
}

/** A ticket that came from this run's mail, for the agent to answer. */
async function chaosTicket(): Promise<number | null> {
  try {
    const [row] = await sql<{ id: number }[]>`select ticket_id as id from articles where message_id like '<chaos-%' order by random() limit 1`;
    return row?.id ?? null;
  } catch {
    return null;
  }
}

async function waitForWeb() {
  for (let i = 0; i < 240; i++) {
    if (await fetch(`${webUrl}/health`).then((r) => r.ok).catch(() => false)) return;
    await sleep(500);
  }
  throw new Error("the web process did not start; see its log in " + logDir);
}

/** Until nothing is left to do: no unread IMAP message, no queued mail, no pending job, no message unaccounted for. */
async function drain(): Promise<boolean> {
  const deadline = Date.now() + drainSeconds * 1000;
  for (;;) {
    await requestPoll();
    try {
      const unread = (await mailboxMessages(dovecot, "INBOX")).filter((m) => !m.seen).length;
      const [queued] = await sql<{ n: number }[]>`select count(*)::int as n from outbox where status = 'queued'`;
      const [jobs] = await sql<{ n: number }[]>`select count(*)::int as n from pgboss.job where name = any(${DRAINED_QUEUES}) and state in ('created', 'retry', 'active')`;
      const probe: Findings = { lost: [], doubled: [], gaps: [] };
      await checkInbound(sql, messages, probe);
      const missing = probe.lost.length;
      if (unread + queued!.n + jobs!.n + missing === 0) return true;
      say(`draining: ${unread} unread in IMAP, ${queued!.n} queued mails, ${jobs!.n} jobs, ${missing} messages not yet in`);
    } catch (error) {
      say(`draining: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (Date.now() > deadline) return false;
    await sleep(5000);
  }
}
