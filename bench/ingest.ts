import { randomBytes } from "node:crypto";
import os from "node:os";
import iconv from "iconv-lite";

/**
 * `npm run bench:ingest`: end-to-end e-mails per second (raw message in → article committed →
 * side-effect jobs queued) over a realistic mix, and the rate of plain single-row inserts on
 * the same database in the same run. Uses its own embedded cluster (.test-data/bench).
 */
process.env.LOG_LEVEL ??= "warn";
const COUNT = Number(process.env.BENCH_MESSAGES ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const { testServer, createTemplate, cloneDatabase, TEMPLATE_DB } = await import("../tests/helpers/test-db");
const { url, cluster } = await testServer("bench", Number(process.env.BENCH_PG_PORT ?? 5494));
await createTemplate(url);
const databaseUrl = await cloneDatabase(url, TEMPLATE_DB, "helpdesk_bench");
process.env.DATABASE_URL = databaseUrl;
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
process.env.DB_POOL_SIZE = String(CONCURRENCY + 2);
process.env.FILE_STORE_DIR = ".test-data/bench-files";

const { db } = await import("@/db");
const { ingestMail } = await import("@/server/mail/postmaster");
const { stopProducer } = await import("@/jobs/boss");
const { sql } = await import("drizzle-orm");

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
  const messageId = `<bench.${i}.${randomBytes(4).toString("hex")}@customer${i % 50}.example>`;
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

async function pool<T>(items: T[], worker: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < items.length) await worker(items[next++]!);
  }));
}

// A fifth of the messages answer an earlier one, so follow-up detection is part of the mix.
const messages: { raw: Buffer; messageId: string }[] = [];
for (let i = 0; i < COUNT; i++) {
  const parent = i >= 10 && i % 5 === 0 ? messages[i - 10]!.messageId : null;
  messages.push(message(i, parent));
}
const bytes = messages.reduce((n, m) => n + m.raw.length, 0);

// Warm-up on separate messages (connections, JIT, caches).
for (let i = 0; i < 50; i++) await ingestMail(db, message(1_000_000 + i, null).raw, { source: "pipe" });

const outcomes: Record<string, number> = {};
let started = performance.now();
await pool(messages, async (m) => {
  const r = await ingestMail(db, m.raw, { source: "pipe" });
  outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
});
const mailSeconds = (performance.now() - started) / 1000;

await db.execute(sql`create table if not exists bench_rows (id bigint generated always as identity primary key, payload text not null, created_at timestamptz not null default now())`);
started = performance.now();
await pool(messages, async () => {
  await db.execute(sql`insert into bench_rows (payload) values (${"x".repeat(200)})`);
});
const insertSeconds = (performance.now() - started) / 1000;

const [jobs] = await db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job`);
const [size] = await db.execute<{ size: string }>(sql`select pg_size_pretty(pg_database_size(current_database())) as size`);
const result = {
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  postgres: "embedded 18",
  messages: COUNT,
  concurrency: CONCURRENCY,
  averageMessageKiB: Math.round(bytes / COUNT / 1024),
  outcomes,
  jobsQueued: jobs?.n,
  emailsPerSecond: Math.round(COUNT / mailSeconds),
  singleRowInsertsPerSecond: Math.round(COUNT / insertSeconds),
  databaseSize: size?.size,
};
console.log(JSON.stringify(result, null, 2));
await stopProducer();
await db.$client.end();
await cluster?.stop();
