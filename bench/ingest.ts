import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import iconv from "iconv-lite";
import postgres from "postgres";
import { cpuOfTrees, postmasterPid } from "./cpu";

/**
 * `npm run bench:ingest`: end-to-end e-mails per second (raw message in → article committed →
 * side-effect jobs queued) over a realistic mix, in BENCH_PROCESSES processes (1), then the rate
 * of plain single-row inserts on the same database. Uses its own embedded cluster
 * (.test-data/bench-<port>). Also reports CPU per message (Node and PostgreSQL), which a machine
 * shared with other work disturbs less than the rate. BENCH_MODES (comma-separated, run one after
 * the other on the same database, each with its own messages) chooses what is measured:
 * - `worker` (default, first): the real worker (`runWorker`, queue resend.fetch only) against a
 *   local server speaking Resend's receiving API (tests/helpers/fake-resend.ts): the bench queues
 *   one resend.fetch job per message (as the webhook does) and times until every job completed.
 *   The worker batches as in production (WORKER_BATCH jobs per pg-boss batch, read from Resend at
 *   once, written 4 per transaction, two batches in flight). The fake server's own CPU (in the
 *   bench's parent process) is reported apart and is not the desk's.
 * - `worker1`: the same worker with WORKER_RUN_MANY=0: each job read and written on its own (one
 *   transaction per message), one pg-boss batch at a time: the worker before batched handlers.
 * - `batch`: `ingestMailBatch` in groups of BENCH_BATCH (4), BENCH_BATCHES_IN_FLIGHT (2) at once:
 *   the postmaster's batched path without HTTP and pg-boss.
 * - `single` (default, last): `ingestMail` one message per transaction, BENCH_CONCURRENCY (8) in
 *   flight: the pipe's path, and the baseline before batching.
 */
process.env.LOG_LEVEL ??= "warn";
const COUNT = Number(process.env.BENCH_MESSAGES ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 1);
const MODES = (process.env.BENCH_MODES ?? "worker,worker1,single").split(",").map((m) => m.trim()).filter(Boolean) as Mode[];
type Mode = "worker" | "worker1" | "batch" | "single";
const BATCH = Number(process.env.BENCH_BATCH ?? 4);
const BATCHES_IN_FLIGHT = Number(process.env.BENCH_BATCHES_IN_FLIGHT ?? 2);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 5494);
/** BENCH_PG_STATS=1: the cluster loads pg_stat_statements, and the run lists statements per message. */
const PG_STATS = process.env.BENCH_PG_STATS === "1";
/** Message-IDs of one run, the same in every worker process (so follow-ups find their parents). */
const RUN = process.env.BENCH_RUN ?? randomBytes(4).toString("hex");

const qp = (s: string, charset: string) =>
  [...iconv.encode(s, charset)].map((b) => (b >= 33 && b <= 126 && b !== 61 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, "0")}`)).join("").replace(/(.{70})/g, "$1=\r\n");
const b64 = (buf: Buffer) => buf.toString("base64").replace(/(.{76})/g, "$1\r\n");
const word = (s: string, charset: string) => `=?${charset}?B?${iconv.encode(s, charset).toString("base64")}?=`;

const SAMPLES = [
  { charset: "iso-8859-2", subject: "Zażółć gęślą jaźń — drukarka nie działa", body: "Dzień dobry, drukarka w biurze nie drukuje od wczoraj. Proszę o pomoc." },
  { charset: "windows-1252", subject: "Störung in der Straße 12", body: "Guten Tag, die VPN-Verbindung bricht ständig ab. Grüße" },
  { charset: "utf-8", subject: "درخواست پشتیبانی فوری", body: "سلام، سیستم ایمیل ما کار نمی‌کند. لطفاً کمک کنید." },
  { charset: "koi8-r", subject: "Проблема с почтой", body: "Здравствуйте, почта не работает с утра." },
  { charset: "utf-8", subject: "Invoice shows the wrong address", body: "Hello, our October invoice still shows our old street address. Thanks!" },
];

function message(i: number, inReplyTo: string | null, run = RUN): { raw: Buffer; messageId: string } {
  const s = SAMPLES[i % SAMPLES.length]!;
  const messageId = `<bench.${i}.${run}@customer${i % 50}.example>`;
  const boundary = `b${i}`;
  const alt = `a${i}`;
  const headers = [
    `From: ${word(`Customer ${i % 200}`, "utf-8")} <customer${i % 200}@customer${i % 50}.example>`,
    `To: support@example.com`,
    `Subject: ${word(s.subject, s.charset)}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: ${messageId}`,
    ...(inReplyTo ? [`In-Reply-To: ${inReplyTo}`, `References: ${inReplyTo}`] : []),
    "MIME-Version: 1.0",
  ];
  const parts = [
    `--${boundary}`,
    `Content-Type: multipart/alternative; boundary="${alt}"`,
    "",
    `--${alt}`,
    `Content-Type: text/plain; charset=${s.charset}`,
    "Content-Transfer-Encoding: quoted-printable",
    "",
    qp(`${s.body}\n\n${"Lorem ipsum dolor sit amet. ".repeat(20)}`, s.charset),
    `--${alt}`,
    `Content-Type: text/html; charset=${s.charset}`,
    "Content-Transfer-Encoding: quoted-printable",
    "",
    qp(`<html><body><p>${s.body}</p><p>${"Lorem ipsum dolor sit amet. ".repeat(20)}</p><img src="https://tracker.example/p.png"></body></html>`, s.charset),
    `--${alt}--`,
  ];
  if (i % 3 === 0) {
    parts.push(`--${boundary}`, `Content-Type: application/pdf; name="report-${i}.pdf"`, `Content-Disposition: attachment; filename="report-${i}.pdf"`, "Content-Transfer-Encoding: base64", "", b64(randomBytes(20_000)));
  }
  parts.push(`--${boundary}--`, "");
  const raw = [...headers, `Content-Type: multipart/mixed; boundary="${boundary}"`, "", ...parts].join("\r\n");
  return { raw: Buffer.from(raw, "latin1"), messageId };
}

async function pool<T>(items: T[], worker: (item: T) => Promise<void>, concurrency = CONCURRENCY) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await worker(items[next++]!);
  }));
}

type Done = { outcomes: Record<string, number>; cpuMs: number };

// A fifth of the messages answer an earlier one, so follow-up detection is part of the mix. The
// parent is forty messages earlier in the same process (so with several processes, further back
// in the list): nearer than the messages in flight (the worker has up to 16), it would often not
// be committed yet, and the follow-up would open a ticket instead.
function allMessages(run: string) {
  const messages: { raw: Buffer; messageId: string }[] = [];
  const back = 40 * PROCESSES;
  for (let i = 0; i < COUNT; i++) {
    const parent = i >= back && i % 5 === 0 ? messages[i - back]!.messageId : null;
    messages.push(message(i, parent, run));
  }
  return messages;
}

const cpuMs = (since?: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
};

/** Waits for the parent's next message (a command). */
const command = () => new Promise<string>((resolve) => process.once("message", (m) => resolve(String(m))));

/**
 * One desk process. `worker`: runs the real worker on resend.fetch and answers "cpu" until "stop".
 * `batch`/`single`: warms up, says "ready", ingests its share (every PROCESSES-th message) on "go".
 */
async function child(slot: number, mode: Mode, run: string) {
  process.env.FILE_STORE_DIR = ".test-data/bench-files";
  const { db } = await import("@/db");
  const { ingestMail, ingestMailBatch, batchStats } = await import("@/server/mail/postmaster");
  const { stopProducer } = await import("@/jobs/boss");
  if (mode === "worker" || mode === "worker1") {
    const { runWorker } = await import("@/jobs/worker");
    const worker = await runWorker();
    process.send!("ready");
    for (;;) {
      const cmd = await command();
      if (cmd === "cpu") process.send!({ outcomes: { "(batch transactions)": batchStats.batches, "(of which fell back)": batchStats.fellBack }, cpuMs: cpuMs() } satisfies Done);
      if (cmd === "stop") break;
    }
    await worker.stop();
    await stopProducer();
    await db.$client.end();
    process.exit(0);
  }
  const mine = allMessages(run).filter((_m, i) => i % PROCESSES === slot);
  // Warm-up on separate messages (connections, JIT, caches).
  for (let i = 0; i < 50; i++) await ingestMail(db, message(1_000_000 + slot * 1000 + i, null, run).raw, { source: "pipe" });
  batchStats.batches = batchStats.fellBack = 0;
  process.send!("ready");
  await command();
  const outcomes: Record<string, number> = {};
  const before = process.cpuUsage();
  if (mode === "batch") {
    const batches = Array.from({ length: Math.ceil(mine.length / BATCH) }, (_x, i) => mine.slice(i * BATCH, (i + 1) * BATCH));
    await pool(batches, async (b) => {
      for (const r of await ingestMailBatch(db, b.map((m) => ({ raw: m.raw, opts: { source: "pipe" as const } })))) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
    }, BATCHES_IN_FLIGHT);
  } else {
    await pool(mine, async (m) => {
      const r = await ingestMail(db, m.raw, { source: "pipe" });
      outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
    });
  }
  if (batchStats.batches) {
    outcomes["(batch transactions)"] = batchStats.batches;
    outcomes["(of which fell back)"] = batchStats.fellBack;
  }
  const cpu = cpuMs(before);
  // Connections stay open until the parent has read PostgreSQL's CPU time (a backend that exits
  // takes its time with it).
  process.send!({ outcomes, cpuMs: cpu } satisfies Done);
  await command();
  await stopProducer();
  await db.$client.end();
  process.exit(0);
}

type Measured = { mode: Mode; seconds: number; nodeMs: number; pgMs: number; outcomes: Record<string, number>; fakeResendMs?: number; articles: { n: number; distinct: number } };

async function parent() {
  const { testServer, createTemplate, cloneDatabase, TEMPLATE_DB } = await import("../tests/helpers/test-db");
  let { url, cluster } = await testServer("bench", PG_PORT);
  if (PG_STATS) ({ url, cluster } = await withStatementStats(url, cluster, () => testServer("bench", PG_PORT)));
  await createTemplate(url);
  process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
  // The worker's pool: two batches of WORKER_BATCH in flight, each message a few statements at once.
  process.env.DB_POOL_SIZE ??= String(CONCURRENCY + 2);
  const pgData = `.test-data/bench-${PG_PORT}/pg`;
  const loadAtStart = os.loadavg().map((l) => l.toFixed(2)).join(", ");
  const { createDb } = await import("@/db");
  const { sql } = await import("drizzle-orm");
  const measured: Measured[] = [];
  let statsText: string | null = null;
  let db: ReturnType<typeof createDb> | undefined;

  for (const mode of MODES) {
    // Each mode on a fresh copy of the empty desk: the same customers, none over the new-ticket
    // limit, no tickets of another mode among the duplicate check's candidates.
    process.env.DATABASE_URL = await cloneDatabase(url, TEMPLATE_DB, `helpdesk_bench_${mode}`);
    await db?.$client.end();
    db = createDb(process.env.DATABASE_URL, 4);
    const run = `${RUN}${mode[0]}`;
    const messages = allMessages(run);
    const fake = mode === "worker" || mode === "worker1" ? await startResend(messages.map((m) => m.raw)) : null;
    const workers = Array.from({ length: PROCESSES }, (_x, slot) =>
      fork(import.meta.filename, [], {
        env: { ...process.env, BENCH_INGEST_SLOT: String(slot), BENCH_RUN: run, BENCH_CHILD_MODE: mode, ...(fake?.env ?? {}), ...(mode === "worker1" ? { WORKER_RUN_MANY: "0" } : {}) },
        execArgv: ["--import", "tsx", ...(process.env.BENCH_CHILD_NODE_ARGS ?? "").split(" ").filter(Boolean)],
      }),
    );
    const next = (w: (typeof workers)[number]) => new Promise<unknown>((resolve) => w.once("message", resolve));
    await Promise.all(workers.map(next));
    if (fake) await fake.warmUp(db);
    const stats = PG_STATS && mode === MODES[0] ? await statementStats(url) : null;
    const pgBefore = cpuOfTrees({ postgres: postmasterPid(pgData) }).postgres!;
    const parentBefore = process.cpuUsage();
    let results: Done[];
    const started = performance.now();
    if (fake) {
      const before = await Promise.all(workers.map((w) => (w.send("cpu"), next(w) as Promise<Done>)));
      await fake.queueAndWait(db);
      const after = await Promise.all(workers.map((w) => (w.send("cpu"), next(w) as Promise<Done>)));
      results = after.map((a, i) => ({ cpuMs: a.cpuMs - before[i]!.cpuMs, outcomes: Object.fromEntries(Object.entries(a.outcomes).map(([k, n]) => [k, n - (before[i]!.outcomes[k] ?? 0)])) }));
    } else {
      results = await Promise.all(workers.map((w) => (w.send("go"), next(w) as Promise<Done>)));
    }
    const seconds = (performance.now() - started) / 1000;
    const parentMs = cpuMs(parentBefore);
    const pgMs = cpuOfTrees({ postgres: postmasterPid(pgData) }).postgres! - pgBefore;
    if (stats) statsText = await stats(COUNT);
    for (const w of workers) w.send("stop");
    await Promise.all(workers.map((w) => new Promise((resolve) => (w.exitCode !== null ? resolve(null) : w.once("exit", resolve)))));
    await fake?.stop();
    const outcomes: Record<string, number> = {};
    for (const r of results) for (const [k, n] of Object.entries(r.outcomes)) outcomes[k] = (outcomes[k] ?? 0) + n;
    if (fake) {
      Object.assign(outcomes, await fake.outcomes(db));
      // What the postmaster made of them (the worker's results stay in its process).
      for (const r of await db.execute<{ outcome: string; n: number }>(sql`select outcome, count(*)::int as n from inbound_messages where source = 'resend' group by outcome`)) outcomes[r.outcome] = r.n;
    }
    const [articles] = await db.execute<{ n: number; distinct: number }>(sql`select count(*)::int as n, count(distinct message_id)::int as distinct from articles where message_id like ${`%bench.%.${run}@%`}`);
    measured.push({ mode, seconds, nodeMs: results.reduce((n, r) => n + r.cpuMs, 0), pgMs, outcomes, ...(fake ? { fakeResendMs: parentMs } : {}), articles: articles! });
  }

  if (!db) throw new Error("BENCH_MODES names no mode");
  await db.execute(sql`create table if not exists bench_rows (id bigint generated always as identity primary key, payload text not null, created_at timestamptz not null default now())`);
  const insertStarted = performance.now();
  await pool(Array.from({ length: COUNT }), async () => {
    await db.execute(sql`insert into bench_rows (payload) values (${"x".repeat(200)})`);
  });
  const insertSeconds = (performance.now() - insertStarted) / 1000;
  const [jobs] = await db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job`);
  const [size] = await db.execute<{ size: string }>(sql`select pg_size_pretty(pg_database_size(current_database())) as size`);
  const perMessage = (ms: number) => Math.round((ms / COUNT) * 100) / 100;
  const result = {
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    loadAverageAtStart: loadAtStart,
    postgres: "embedded 18",
    messages: COUNT,
    processes: PROCESSES,
    averageMessageKiB: Math.round(allMessages(RUN).reduce((n, m) => n + m.raw.length, 0) / COUNT / 1024),
    modes: Object.fromEntries(
      measured.map((m) => [
        m.mode,
        {
          shape: m.mode === "worker1" ? `worker, resend.fetch, pg-boss batches of ${process.env.WORKER_BATCH ?? 8}, each job on its own (one transaction per message)` : m.mode === "worker" ? `worker, resend.fetch, pg-boss batches of ${process.env.WORKER_BATCH ?? 8}, ${process.env.WORKER_BATCHES_IN_FLIGHT ?? 2} in flight, 4 messages per transaction` : m.mode === "batch" ? `ingestMailBatch of ${BATCH}, ${BATCHES_IN_FLIGHT} in flight` : `ingestMail, ${CONCURRENCY} in flight`,
          emailsPerSecond: Math.round(COUNT / m.seconds),
          cpuPerMessageMs: { node: perMessage(m.nodeMs), postgres: perMessage(m.pgMs), ...(m.fakeResendMs !== undefined ? { fakeResendServer: perMessage(m.fakeResendMs) } : {}) },
          outcomes: m.outcomes,
          articles: m.articles,
        },
      ]),
    ),
    jobsQueued: jobs?.n,
    singleRowInsertsPerSecond: Math.round(COUNT / insertSeconds),
    databaseSize: size?.size,
  };
  console.log(JSON.stringify(result, null, 2));
  if (statsText) console.log(`\nPostgreSQL statements in the timed run of ${MODES[0]} (pg_stat_statements):\n${statsText}`);
  await db.$client.end();
  await cluster?.stop();
  // The enqueue's pg-boss producer and the fake server's sockets would keep the process alive.
  process.exit(0);
}

/**
 * The worker mode's Resend: a local server holding the run's messages, the env a worker needs to
 * read them, a warm-up, and the timed part (queue one resend.fetch per message, wait until done).
 */
async function startResend(raws: Buffer[]) {
  const { startFakeResend } = await import("../tests/helpers/fake-resend");
  const fake = await startFakeResend();
  const ids: string[] = [];
  for (const raw of raws) ids.push(await fake.receive(raw));
  const warm: string[] = [];
  for (let i = 0; i < 50 * PROCESSES; i++) warm.push(await fake.receive(message(2_000_000 + i, null, `${RUN}w`).raw));
  const env = { RESEND_API_KEY: fake.apiKey, RESEND_BASE_URL: fake.url, MAIL_ALLOWED_HOSTS: "127.0.0.1", WORKER_QUEUES: "resend.fetch" };
  type BenchDb = ReturnType<(typeof import("@/db"))["createDb"]>;
  const { enqueueMany } = await import("@/jobs/enqueue");
  const { resendFetch } = await import("@/jobs/definitions/resend-fetch");
  const { sql } = await import("drizzle-orm");
  const queue = async (db: BenchDb, list: string[]) => {
    for (let i = 0; i < list.length; i += 500) await enqueueMany(db, resendFetch, list.slice(i, i + 500).map((emailId) => ({ payload: { emailId }, singletonKey: emailId })));
  };
  const completed = async (db: BenchDb) => {
    const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = ${resendFetch.name} and state = 'completed'`);
    return row?.n ?? 0;
  };
  const queueAndWait = async (db: BenchDb, list: string[]) => {
    const target = (await completed(db)) + list.length;
    await queue(db, list);
    while ((await completed(db)) < target) await new Promise((resolve) => setTimeout(resolve, 100));
  };
  return {
    env,
    warmUp: (db: BenchDb) => queueAndWait(db, warm),
    queueAndWait: (db: BenchDb) => queueAndWait(db, ids),
    outcomes: async (db: BenchDb) => {
      const rows = await db.execute<{ state: string; n: number }>(sql`select state, count(*)::int as n from pgboss.job where name = ${resendFetch.name} group by state`);
      return Object.fromEntries(rows.map((r) => [`(jobs ${r.state})`, r.n]));
    },
    stop: () => fake.stop(),
  };
}

type Cluster = Awaited<ReturnType<typeof import("../tests/helpers/test-db").testServer>>;

/** Restarts the bench's private cluster with pg_stat_statements loaded (reset again for the next start). */
async function withStatementStats(url: string, cluster: Cluster["cluster"], start: () => Promise<Cluster>): Promise<Cluster> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [loaded] = await sql<{ v: string }[]>`select current_setting('shared_preload_libraries') as v`;
  if (loaded?.v.includes("pg_stat_statements")) {
    await sql`alter system reset shared_preload_libraries`;
    await sql.end();
    return { url, cluster };
  }
  await sql`alter system set shared_preload_libraries = 'pg_stat_statements'`;
  await sql`alter system set pg_stat_statements.track_planning = on`;
  await sql.end();
  await cluster?.stop();
  const restarted = await start();
  const again = postgres(restarted.url, { max: 1, onnotice: () => {} });
  await again`alter system reset shared_preload_libraries`;
  await again`alter system reset pg_stat_statements.track_planning`;
  await again.end();
  return restarted;
}

/** Resets the statistics; the returned function lists statements by calls per message and time. */
async function statementStats(url: string): Promise<(messages: number) => Promise<string>> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql`create extension if not exists pg_stat_statements`;
  await sql`select pg_stat_statements_reset()`;
  return async (messages) => {
    const rows = await sql<{ calls: number; plan: number; exec: number; total: number; query: string }[]>`
      select calls::int, round((total_plan_time / calls)::numeric, 3)::float8 as plan, round((total_exec_time / calls)::numeric, 3)::float8 as exec,
        round((total_plan_time + total_exec_time)::numeric)::float8 as total, regexp_replace(query, '[[:space:]]+', ' ', 'g') as query
      from pg_stat_statements where calls > 0 and query not like '%pg_stat_statements%' order by calls desc, total desc`;
    await sql.end();
    const perMessage = rows.reduce((n, r) => n + r.calls, 0) / messages;
    rows.splice(40);
    return [
      `statements per message: ${perMessage.toFixed(1)} (top 40 shown)`,
      "| calls/msg | plan ms/call | exec ms/call | total ms | statement |",
      "| ---: | ---: | ---: | ---: | --- |",
      ...rows.map((r) => `| ${(r.calls / messages).toFixed(2)} | ${r.plan} | ${r.exec} | ${r.total} | ${r.query.slice(0, 200)} |`),
    ].join("\n");
  };
}

if (process.env.BENCH_INGEST_SLOT !== undefined) await child(Number(process.env.BENCH_INGEST_SLOT), (process.env.BENCH_CHILD_MODE ?? "single") as Mode, RUN);
else await parent();
