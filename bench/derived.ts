import type postgres from "postgres";
import { ARTICLE_COLUMNS } from "./rows";

type Timed = <T>(name: string, work: () => Promise<T>) => Promise<T>;

const exists = async (sql: postgres.Sql, fn: string) => Boolean((await sql`select 1 from pg_proc where proname = ${fn}`).length);

/** Runs `work(lo, hi)` over [1, max] split in two, each half on its own connection with triggers off. */
async function halves(sql: postgres.Sql, max: number, work: (c: postgres.ReservedSql, lo: number, hi: number) => Promise<unknown>) {
  const mid = Math.floor(max / 2);
  await Promise.all(
    [[1, mid], [mid + 1, max]].map(async ([lo, hi]) => {
      const c = await sql.reserve();
      try {
        await c`set session_replication_role = replica`;
        await work(c, lo!, hi!);
      } finally {
        c.release();
      }
    }),
  );
}

/**
 * The columns the triggers of migrations 0005 (search vectors) and 0007 (queue counts) keep,
 * filled set-based with the migrations' own SQL functions, then the saved indexes rebuilt.
 * Articles wait in an unlogged staging table and move over with their vectors in one write.
 */
export async function fillDerived(sql: postgres.Sql, opts: { saved: string[]; timed: Timed }) {
  const { timed } = opts;
  const articleVectors = await exists(sql, "helpdesk_article_vector");
  const ticketVectors = await exists(sql, "helpdesk_ticket_vector");
  if (!articleVectors || !ticketVectors) console.warn("bench: migration 0005's vector functions are missing; search vectors stay empty");
  const vector = articleVectors ? "helpdesk_article_vector(subject, body_text, from_address, to_addresses, cc_addresses)" : "null";

  const [articlesMax] = await sql`select coalesce(max(id), 0)::bigint as n from bench_articles_stage`;
  await timed(`articles with search vectors (${articleVectors ? "helpdesk_article_vector" : "none"})`, () =>
    halves(sql, Number(articlesMax!.n), (c, lo, hi) =>
      c.unsafe(`insert into articles (${ARTICLE_COLUMNS}, search_vector) overriding system value
        select ${ARTICLE_COLUMNS}, ${vector} from bench_articles_stage where id between ${lo} and ${hi}`),
    ),
  );
  await sql`drop table bench_articles_stage`;
  if (ticketVectors) {
    const [max] = await sql`select coalesce(max(id), 0)::bigint as n from tickets`;
    await timed("ticket search vectors (helpdesk_ticket_vector)", () =>
      halves(sql, Number(max!.n), (c, lo, hi) =>
        c.unsafe(`update tickets t set search_vector = helpdesk_ticket_vector(t.number, t.title, u.email, u.name)
          from users u where u.id = t.customer_user_id and t.id between ${lo} and ${hi}`),
      ),
    );
  }
  await timed(`rebuild ${opts.saved.length} indexes`, async () => {
    for (const def of opts.saved) await sql.unsafe(def);
  });
  await timed("queue_ticket_counts", async () => {
    await sql`delete from queue_ticket_counts`;
    await sql`
      insert into queue_ticket_counts (queue_id, state_type, count)
      select queue_id, state_type, count(*) from tickets where not archived group by 1, 2`;
  });
}
