import type postgres from "postgres";
import type { FakeResend } from "@/tests/helpers/fake-resend";
import type { Reply, Sent } from "./traffic";

export type Findings = { lost: string[]; doubled: string[]; gaps: string[] };

/**
 * Every message the run sent is an article exactly once, or (only) in the quarantine; matched by
 * Message-ID, or by the raw bytes' hash for a message without one.
 */
export async function checkInbound(sql: postgres.Sql, messages: Sent[], f: Findings): Promise<void> {
  for (const m of messages) {
    const label = `${m.channel} ${m.messageId ?? `sha:${m.sha256.slice(0, 12)}`}`;
    if (m.bounced) {
      f.lost.push(`${label}: the postmaster exited with a permanent failure (the MTA bounced it)`);
      continue;
    }
    const [a] = m.messageId
      ? await sql<{ n: number }[]>`select count(*)::int as n from articles where message_id = ${m.messageId}`
      : await sql<{ n: number }[]>`select count(*)::int as n from articles where raw_file_sha256 = ${m.sha256}`;
    const [q] = await sql<{ n: number }[]>`select count(*)::int as n from quarantine where raw_sha256 = ${m.sha256}`;
    const articles = a!.n;
    const held = q!.n;
    if (articles === 0 && held === 0) f.lost.push(`${label}: neither an article nor in quarantine`);
    else if (articles > 1 || held > 1 || (articles === 1 && held > 0)) f.doubled.push(`${label}: ${articles} articles, ${held} quarantine rows`);
  }
}

/**
 * Every confirmed reply is one article with one outbox row; every outbox row was handed to Resend
 * exactly once (counted by the provider, by Message-ID: an idempotency key that did not hold
 * would show as a second message); no outbox row is left unsent.
 */
export async function checkOutbound(sql: postgres.Sql, replies: Reply[], fake: FakeResend, f: Findings): Promise<{ outbox: number }> {
  for (const r of replies.filter((x) => x.confirmed)) {
    const rows = await sql<{ id: number; n: number }[]>`
      select a.id, (select count(*)::int from outbox o where o.article_id = a.id) as n
      from articles a where a.sender_type = 'agent' and a.body_text like ${`%${r.marker}%`}`;
    if (rows.length === 0) f.lost.push(`reply ${r.marker}: confirmed but not stored`);
    else if (rows.length > 1) f.doubled.push(`reply ${r.marker}: ${rows.length} articles`);
    else if (rows[0]!.n !== 1) f.doubled.push(`reply ${r.marker}: ${rows[0]!.n} outbox rows`);
  }
  const byMessageId = new Map<string, number>();
  for (const s of fake.sent) {
    const id = String(s.body.headers?.["Message-ID"] ?? `(none: ${s.id})`);
    byMessageId.set(id, (byMessageId.get(id) ?? 0) + 1);
  }
  const outbox = await sql<{ id: number; kind: string; status: string; message_id: string }[]>`select id, kind, status, message_id from outbox order by id`;
  for (const row of outbox) {
    const times = byMessageId.get(row.message_id) ?? 0;
    if (times === 0) f.lost.push(`outbox ${row.id} (${row.kind}, ${row.status}): never handed to Resend`);
    else if (times > 1) f.doubled.push(`outbox ${row.id} (${row.kind}): sent ${times} times`);
    if (row.status === "queued") f.lost.push(`outbox ${row.id} (${row.kind}): still queued`);
  }
  const known = new Set(outbox.map((o) => o.message_id));
  for (const [id, times] of byMessageId) if (!known.has(id)) f.doubled.push(`Resend got ${times}× a message no outbox row has: ${id}`);
  return { outbox: outbox.length };
}

/**
 * No history gaps: every ticket has its "created" row, every article exactly one
 * "article_added" row (and no such row points at nothing), and the version agrees with the
 * history: every write bumps the version once and records at least one row, in one transaction
 * (one `created_at`, PostgreSQL's transaction time); only system mail that changes nothing records
 * a row without a new version (lifecycle.ts). So, leaving those rows out, the version lies between
 * the number of writing transactions and the number of rows.
 */
export async function checkHistory(sql: postgres.Sql, f: Findings): Promise<{ tickets: number }> {
  const noCreated = await sql<{ id: number }[]>`select t.id from tickets t where not exists (select 1 from ticket_history h where h.ticket_id = t.id and h.event = 'created')`;
  for (const t of noCreated) f.gaps.push(`ticket ${t.id}: no "created" history row`);
  const articleRows = await sql<{ id: number; n: number }[]>`
    select a.id, (select count(*)::int from ticket_history h where h.article_id = a.id and h.event = 'article_added') as n from articles a`;
  for (const a of articleRows) if (a.n !== 1) f.gaps.push(`article ${a.id}: ${a.n} "article_added" history rows`);
  const dangling = await sql<{ id: number }[]>`select h.id from ticket_history h where h.article_id is not null and not exists (select 1 from articles a where a.id = h.article_id)`;
  for (const h of dangling) f.gaps.push(`history ${h.id}: points at a missing article`);
  const versions = await sql<{ id: number; version: number; txs: number; rows: number }[]>`
    with counted as (
      select h.ticket_id, h.created_at, count(*)::int as n,
        bool_and(h.event = 'article_added' and a.sender_type = 'system') as system_only
      from ticket_history h left join articles a on a.id = h.article_id
      group by h.ticket_id, h.created_at)
    select t.id, t.version,
      coalesce((select count(*)::int from counted c where c.ticket_id = t.id and not c.system_only), 0) as txs,
      coalesce((select sum(c.n)::int from counted c where c.ticket_id = t.id and not c.system_only), 0) as rows
    from tickets t`;
  for (const v of versions) if (v.version < Math.max(1, v.txs) || v.version > v.rows) f.gaps.push(`ticket ${v.id}: version ${v.version}, ${v.txs} writing transactions, ${v.rows} history rows`);
  return { tickets: versions.length };
}
