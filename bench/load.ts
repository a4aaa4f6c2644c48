import { createHash, randomBytes, randomUUID } from "node:crypto";
import type postgres from "postgres";
import { type FakeResend, receivedEvent, signWebhook } from "@/tests/helpers/fake-resend";
import { AgentSession, HttpError } from "./http";
import { type OpName, operations, percentile, pickOp } from "./ops";
import type { Targets } from "./targets";

/**
 * The load of `npm run bench:mixed` and `npm run drill`: signed-in agents calling the workspace's
 * procedures over HTTP (bench/ops.ts) while customer mail arrives at a fixed rate through the real
 * intake path (Resend's `email.received` webhook → the web process enqueues → a pg-boss worker
 * fetches the message from Resend and runs the postmaster), then the exactly-once check.
 */
export type Row = { op: string; n: number; errors: number; p50: number; p95: number; max: number };
export type AgentRun = { rows: Row[]; requests: number; errors: number; elapsed: number; firstErrors: string[] };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function summarize(op: string, times: number[], errors: number): Row {
  const sorted = [...times].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { op, n: times.length, errors, p50: r(percentile(sorted, 0.5)), p95: r(percentile(sorted, 0.95)), max: r(sorted.at(-1) ?? NaN) };
}

export const table = (rows: Row[]) =>
  ["| request | requests | errors | p50 ms | p95 ms | max ms |", "| --- | ---: | ---: | ---: | ---: | ---: |", ...rows.map((r) => `| ${r.op} | ${r.n} | ${r.errors} | ${r.p50} | ${r.p95} | ${r.max} |`)].join("\n");

/** Signs every agent in over HTTP, four at a time. */
export async function signIn(base: string, targets: Targets, password: string): Promise<AgentSession[]> {
  const sessions = targets.agents.map((a) => new AgentSession(base, a.email));
  for (let i = 0; i < sessions.length; i += 4) await Promise.all(sessions.slice(i, i + 4).map((s) => s.signIn(password)));
  return sessions;
}

/** Every agent works the mix until `seconds` are over, pausing about `thinkMs` between requests. */
export async function runAgents(sessions: AgentSession[], targets: Targets, o: { seconds: number; thinkMs: number; onRequest?: (ms: number, ok: boolean) => void }): Promise<AgentRun> {
  const ops = operations(targets);
  const byOp = new Map<OpName, { times: number[]; errors: number }>();
  const all: number[] = [];
  const firstErrors: string[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + o.seconds * 1000;
  await Promise.all(
    sessions.map(async (session, agent) => {
      await sleep(Math.random() * o.thinkMs);
      for (let i = 0; performance.now() < deadline; i++) {
        const name = pickOp(Math.random());
        const entry = byOp.get(name) ?? { times: [], errors: 0 };
        byOp.set(name, entry);
        const t0 = performance.now();
        try {
          await ops[name](session, agent, 20_000 + agent * 1000 + i);
          const ms = performance.now() - t0;
          entry.times.push(ms);
          all.push(ms);
          o.onRequest?.(ms, true);
        } catch (e) {
          o.onRequest?.(performance.now() - t0, false);
          entry.errors++;
          errors++;
          if (firstErrors.length < 10) firstErrors.push(`${name}: ${e instanceof HttpError ? e.message : String(e)}`);
        }
        if (o.thinkMs > 0) await sleep(o.thinkMs * (0.5 + Math.random()));
      }
    }),
  );
  const rows = [...byOp].map(([name, e]) => summarize(name, e.times, e.errors));
  rows.push(summarize("all agent requests", all, errors));
  return { rows, requests: all.length + errors, errors, elapsed: (performance.now() - started) / 1000, firstErrors };
}

/** One customer message the run sent and how its webhook went. */
export type Mail = { messageId: string; sha256: string; raw: Buffer; attachment: Buffer | null; attempts: number; acceptedMs: number | null; failedAnswers: number };
export type MailRun = { mails: Mail[]; webhookRow: Row; failedAnswers: number; lateStarts: number };

/**
 * `rate` messages per second for `seconds`, open loop (a slow desk does not slow the senders):
 * each is "received" by the fake Resend and announced to the desk by a signed `email.received`
 * webhook, retried until it is answered 2xx, as Resend retries. A fifth answer an earlier
 * message of the run (follow-ups). `webUrl(i)` picks the address for attempt i.
 */
export async function runMail(o: { rate: number; seconds: number; fake: FakeResend; secret: string; to: string; webUrl: (attempt: number) => string; tag: string; attachEvery?: number }): Promise<MailRun> {
  const mails: Mail[] = [];
  const inFlight: Promise<void>[] = [];
  const total = Math.round(o.rate * o.seconds);
  const started = performance.now();
  let lateStarts = 0;
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / o.rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    else if (wait < -1000) lateStarts++;
    const parent = mails.length > 10 && Math.random() < 0.2 ? mails[Math.floor(Math.random() * mails.length)]!.messageId : null;
    const mail = compose(o.to, parent, o.tag, o.attachEvery && i % o.attachEvery === 0 ? pdf() : null);
    mails.push(mail);
    inFlight.push(deliver(mail, o));
  }
  await Promise.all(inFlight);
  const accepted = mails.flatMap((m) => (m.acceptedMs === null ? [] : [m.acceptedMs]));
  const failedAnswers = mails.reduce((n, m) => n + m.failedAnswers, 0);
  return { mails, webhookRow: summarize("mail webhook (email.received → 2xx)", accepted, mails.filter((m) => m.acceptedMs === null).length), failedAnswers, lateStarts };
}

async function deliver(mail: Mail, o: { fake: FakeResend; secret: string; webUrl: (attempt: number) => string }) {
  const emailId = await o.fake.receive(mail.raw);
  const event = receivedEvent(o.fake, emailId);
  const svixId = `msg_${randomUUID().replaceAll("-", "")}`;
  for (;;) {
    const signed = signWebhook(o.secret, event, { id: svixId });
    const t0 = performance.now();
    const status = await fetch(`${o.webUrl(mail.attempts++)}/api/webhooks/resend`, { method: "POST", headers: signed.headers, body: signed.body, signal: AbortSignal.timeout(30_000) })
      .then(async (r) => {
        await r.arrayBuffer();
        return r.status;
      })
      .catch(() => 0);
    if (status >= 200 && status < 300) {
      mail.acceptedMs = performance.now() - t0;
      return;
    }
    mail.failedAnswers++;
    if (mail.attempts > 100) return;
    await sleep(500 + Math.random() * 1000);
  }
}

/** A small PDF-looking file, different every time (so every attachment is a new stored file). */
const pdf = () => Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(6000), Buffer.from("\n%%EOF\n")]);

function compose(to: string, inReplyTo: string | null, tag: string, attachment: Buffer | null): Mail {
  const token = randomUUID();
  const text = `Hello, the printer on floor ${token.slice(0, 2)} prints blank pages since this morning (${token}).`;
  const body = attachment
    ? [
        'Content-Type: multipart/mixed; boundary="part"',
        "",
        "--part",
        "Content-Type: text/plain; charset=utf-8",
        "",
        text,
        "--part",
        'Content-Type: application/pdf; name="printout.pdf"',
        'Content-Disposition: attachment; filename="printout.pdf"',
        "Content-Transfer-Encoding: base64",
        "",
        attachment.toString("base64").replace(/.{76}/g, "$&\r\n"),
        "--part--",
      ]
    : ["Content-Type: text/plain; charset=utf-8", "", text];
  const messageId = `<${tag}-${token}@customer.example>`;
  const lines = [
    `From: Load Customer <load-${token.slice(0, 4)}@customer.example>`,
    `To: ${to}`,
    `Subject: ${inReplyTo ? "Re: " : ""}Printer on floor ${token.slice(0, 2)} ${token.slice(0, 8)}`,
    `Message-ID: ${messageId}`,
    ...(inReplyTo ? [`In-Reply-To: ${inReplyTo}`, `References: ${inReplyTo}`] : []),
    `Date: ${new Date().toUTCString()}`,
    "MIME-Version: 1.0",
    ...body,
    "",
  ];
  const raw = Buffer.from(lines.join("\r\n"));
  return { messageId, sha256: createHash("sha256").update(raw).digest("hex"), raw, attachment, attempts: 0, acceptedMs: null, failedAnswers: 0 };
}

export type MailCheck = { sent: number; articles: number; lost: string[]; doubled: string[]; quarantined: number };

/** Every message is exactly one article (or, only, in the quarantine); set-based, in chunks. */
export async function checkMail(sql: postgres.Sql, mails: Mail[]): Promise<MailCheck> {
  const result: MailCheck = { sent: mails.length, articles: 0, lost: [], doubled: [], quarantined: 0 };
  for (let i = 0; i < mails.length; i += 2000) {
    const chunk = mails.slice(i, i + 2000);
    const ids = chunk.map((m) => m.messageId);
    const counts = await sql<{ message_id: string; n: number }[]>`
      select message_id, count(*)::int as n from articles where message_id = any(${ids}::text[]) group by 1`;
    const held = await sql<{ raw_sha256: string; n: number }[]>`
      select raw_sha256, count(*)::int as n from quarantine where raw_sha256 = any(${chunk.map((m) => m.sha256)}::text[]) group by 1`;
    const byId = new Map(counts.map((r) => [r.message_id, r.n]));
    const bySha = new Map(held.map((r) => [r.raw_sha256, r.n]));
    for (const m of chunk) {
      const a = byId.get(m.messageId) ?? 0;
      const q = bySha.get(m.sha256) ?? 0;
      result.articles += a;
      result.quarantined += q;
      if (a === 0 && q === 0) result.lost.push(m.messageId);
      else if (a + q > 1) result.doubled.push(`${m.messageId}: ${a} articles, ${q} quarantined`);
    }
  }
  return result;
}

/** Waits until every message is in (or `timeoutMs` passes); returns the seconds it took. */
export async function drainMail(sql: postgres.Sql, mails: Mail[], timeoutMs: number, log: (m: string) => void): Promise<number> {
  const started = Date.now();
  for (;;) {
    const check = await checkMail(sql, mails);
    const [jobs] = await sql<{ n: number }[]>`select count(*)::int as n from pgboss.job where name = 'resend.fetch' and state in ('created', 'retry', 'active')`;
    if (check.lost.length === 0 && jobs!.n === 0) return (Date.now() - started) / 1000;
    if (Date.now() - started > timeoutMs) return NaN;
    log(`draining: ${check.lost.length} messages not yet in, ${jobs!.n} fetch jobs left`);
    await sleep(3000);
  }
}
