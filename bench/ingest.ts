import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import iconv from "iconv-lite";
import postgres from "postgres";
import { cpuOfTrees, postmasterPid } from "./cpu";

/**
 * `npm run bench:ingest`: end-to-end e-mails per second (raw message in → article committed →
 * side-effect jobs queued) over a realistic mix, in BENCH_PROCESSES worker processes (1) with
 * BENCH_CONCURRENCY messages in flight each (8), as that many workers would run; then the rate
 * of plain single-row inserts on the same database in the same run. Uses its own embedded
 * cluster (.test-data/bench-<port>). Also reports CPU per message (Node and PostgreSQL), which a
 * machine shared with other work disturbs less than the rate.
 */
process.env.LOG_LEVEL ??= "warn";
const COUNT = Number(process.env.BENCH_MESSAGES ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 1);
/**
 * BENCH_BATCH=n (experiment, wip/ingest-batch): messages go through `ingestMailBatch` n at a time
 * (one transaction per batch), BENCH_BATCHES_IN_FLIGHT batches at once (CONCURRENCY / n).
 */
const BATCH = Number(process.env.BENCH_BATCH ?? 1);
const BATCHES_IN_FLIGHT = Number(process.env.BENCH_BATCHES_IN_FLIGHT ?? Math.max(1, Math.floor(CONCURRENCY / BATCH)));
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

function message(i: number, inReplyTo: string | null): { raw: Buffer; messageId: string } {
  const s = SAMPLES[i % SAMPLES.length]!;
  const messageId = `<bench.${i}.${RUN}@customer${i % 50}.example>`;
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
// parent is ten messages earlier in the same process (so with several processes, further back
// in the list): nearer than the messages in flight, it would often not be committed yet.
function allMessages() {
  const messages: { raw: Buffer; messageId: string }[] = [];
  const back = 10 * PROCESSES;
  for (let i = 0; i < COUNT; i++) {
    const parent = i >= back && i % 5 === 0 ? messages[i - back]!.messageId : null;
    messages.push(message(i, parent));
  }
  return messages;
}

/** One worker process: warms up, says "ready", ingests its share (every PROCESSES-th message) on "go". */
async function child(slot: number) {
  process.env.DB_POOL_SIZE = String(CONCURRENCY + 2);
  process.env.FILE_STORE_DIR = ".test-data/bench-files";
  const { db } = await import("@/db");
  const { ingestMail, ingestMailBatch, batchStats } = await import("@/server/mail/postmaster");
  const { stopProducer } = await import("@/jobs/boss");
  const mine = allMessages().filter((_m, i) => i % PROCESSES === slot);
  batchStats.batches = batchStats.fellBack = 0;
  // Warm-up on separate messages (connections, JIT, caches).
  for (let i = 0; i < 50; i++) await ingestMail(db, message(1_000_000 + slot * 1000 + i, null).raw, { source: "pipe" });
  await new Promise<void>((resolve) => {
    process.once("message", () => resolve());
    process.send!("ready");
  });
  const outcomes: Record<string, number> = {};
  const before = process.cpuUsage();
  if (BATCH > 1) {
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
  const cpu = process.cpuUsage(before);
  // Connections stay open until the parent has read PostgreSQL's CPU time (a backend that exits
  // takes its time with it).
  const stop = new Promise((resolve) => process.once("message", resolve));
  process.send!({ outcomes, cpuMs: (cpu.user + cpu.system) / 1000 } satisfies Done);
  await stop;
  await stopProducer();
  await db.$client.end();
  process.exit(0);
}

async function parent() {
  const { testServer, createTemplate, cloneDatabase, TEMPLATE_DB } = await import("../tests/helpers/test-db");
  let { url, cluster } = await testServer("bench", PG_PORT);
  if (PG_STATS) ({ url, cluster } = await withStatementStats(url, cluster, () => testServer("bench", PG_PORT)));
  await createTemplate(url);
  const databaseUrl = await cloneDatabase(url, TEMPLATE_DB, "helpdesk_bench");
  process.env.DATABASE_URL = databaseUrl;
  process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
  process.env.DB_POOL_SIZE = String(CONCURRENCY + 2);
  const bytes = allMessages().reduce((n, m) => n + m.raw.length, 0);

  const workers = Array.from({ length: PROCESSES }, (_x, slot) =>
    fork(import.meta.filename, [], { env: { ...process.env, BENCH_INGEST_SLOT: String(slot), BENCH_RUN: RUN }, execArgv: ["--import", "tsx", ...(process.env.BENCH_CHILD_NODE_ARGS ?? "").split(" ").filter(Boolean)] }),
  );
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once("message", resolve))));
  const pgData = `.test-data/bench-${PG_PORT}/pg`;
  const stats = PG_STATS ? await statementStats(url) : null;
  const pgBefore = cpuOfTrees({ postgres: postmasterPid(pgData) }).postgres!;
  const started = performance.now();
  const results = await Promise.all(
    workers.map((w) => {
      const done = new Promise<Done>((resolve) => w.once("message", (m) => resolve(m as Done)));
      w.send("go");
      return done;
    }),
  );
  const mailSeconds = (performance.now() - started) / 1000;
  const pgMs = cpuOfTrees({ postgres: postmasterPid(pgData) }).postgres! - pgBefore;
  const statsText = stats ? await stats(COUNT) : null;
  for (const w of workers) w.send("stop");
  await Promise.all(workers.map((w) => new Promise((resolve) => (w.exitCode !== null ? resolve(null) : w.once("exit", resolve)))));
  const outcomes: Record<string, number> = {};
  for (const r of results) for (const [k, n] of Object.entries(r.outcomes)) outcomes[k] = (outcomes[k] ?? 0) + n;
  const nodeMs = results.reduce((s, r) => s + r.cpuMs, 0);

  const { db } = await import("@/db");
  const { sql } = await import("drizzle-orm");
  await db.execute(sql`create table if not exists bench_rows (id bigint generated always as identity primary key, payload text not null, created_at timestamptz not null default now())`);
  const insertStarted = performance.now();
  await pool(allMessages(), async () => {
    await db.execute(sql`insert into bench_rows (payload) values (${"x".repeat(200)})`);
  });
  const insertSeconds = (performance.now() - insertStarted) / 1000;

  const [jobs] = await db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job`);
  const [articles] = await db.execute<{ n: number; distinct: number }>(sql`select count(*)::int as n, count(distinct message_id)::int as distinct from articles where message_id like ${`%bench.%.${RUN}@%`}`);
  const [size] = await db.execute<{ size: string }>(sql`select pg_size_pretty(pg_database_size(current_database())) as size`);
  const result = {
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    postgres: "embedded 18",
    messages: COUNT,
    processes: PROCESSES,
    concurrency: CONCURRENCY,
    ...(BATCH > 1 ? { batch: BATCH, batchesInFlight: BATCHES_IN_FLIGHT } : {}),
    averageMessageKiB: Math.round(bytes / COUNT / 1024),
    outcomes,
    articles: articles,
    jobsQueued: jobs?.n,
    emailsPerSecond: Math.round(COUNT / mailSeconds),
    cpuPerMessageMs: { node: Math.round((nodeMs / COUNT) * 100) / 100, postgres: Math.round((pgMs / COUNT) * 100) / 100 },
    singleRowInsertsPerSecond: Math.round(COUNT / insertSeconds),
    databaseSize: size?.size,
  };
  console.log(JSON.stringify(result, null, 2));
  if (statsText) console.log(`\nPostgreSQL statements in the timed run (pg_stat_statements):\n${statsText}`);
  await db.$client.end();
  await cluster?.stop();
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

if (process.env.BENCH_INGEST_SLOT !== undefined) await child(Number(process.env.BENCH_INGEST_SLOT));
else await parent();
