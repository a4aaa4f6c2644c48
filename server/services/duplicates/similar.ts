import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "@/db";

/** What a new request is compared on: its title and the start of its first message. */
export type Draft = { customerUserId: number; title: string; body: string; excludeTicketId?: number };
export type SimilarTicket = { id: number; number: string; title: string; score: number };

/** Most recent open tickets of the customer compared; a customer with more is a bulk sender, not a repeat. */
const CANDIDATES = 20;
const BODY_CHARS = 2000;

/**
 * The customer's open tickets that resemble the draft, most similar first, scored 0–1:
 * half the trigram similarity of the titles, a quarter that of the first messages' openings, a
 * quarter the share of words of four letters or more the two have in common (Jaccard over the
 * folded full-text lexemes, so "Drukarka"/"drukarka" and ß/ss count as one word). Folding is the
 * search's (helpdesk_fold), so a repeat in other letters or spelling still scores.
 *
 * Cost: one index range over `tickets_customer_idx` (the customer's tickets, newest first, at most
 * CANDIDATES open ones) and each candidate's first article by `articles_ticket_idx`; nothing
 * scans beyond the customer's own tickets, so the cost is the same at a thousand or a million
 * tickets (docs/benchmarks.md).
 */
export async function similarOpenTickets(tx: Tx, draft: Draft, threshold: number, limit = 3, record?: Record): Promise<SimilarTicket[]> {
  const title = draft.title.slice(0, 300);
  const body = draft.body.slice(0, BODY_CHARS);
  const rows = await tx.execute<{ id: string; number: string; title: string; score: number }>(sql`
    with folded as (select helpdesk_fold(${title}) as title, helpdesk_fold(${body}) as body),
    n as (
      select f.title, f.body, ${draftWords(sql`f.title`, sql`f.body`)} as words from folded f
    ),
    c as (
      select t.id, t.number, t.title from tickets t
      where t.customer_user_id = ${draft.customerUserId} and t.archived = false
        and t.state_type in ('new', 'open', 'pending_reminder', 'pending_auto')
        and t.id <> ${draft.excludeTicketId ?? 0}
      order by t.created_at desc, t.id desc
      limit ${CANDIDATES}
    ),
    scored as (
      select c.id, c.number, c.title,
        0.5 * similarity(n.title, coalesce(k.title_folded, helpdesk_fold(c.title)))
          + 0.25 * similarity(n.body, coalesce(k.body_folded, helpdesk_fold(left(coalesce(f.body_text, ''), ${BODY_CHARS}))))
          + 0.25 * (select coalesce(count(*) filter (where g.sides = 2)::float8 / nullif(count(*), 0), 0)
                    from (select s.w, count(distinct s.side) as sides
                          from (select w, 1 as side from unnest(n.words) w
                                union all
                                select w, 2 from unnest(coalesce(k.words, ${wordsOf(sql`c.title || ' ' || left(coalesce(f.body_text, ''), ${BODY_CHARS})`)})) w) s
                          group by s.w) g) as score
      from c cross join n
      left join lateral (select a.id, coalesce(a.body_text, '') as body_text from articles a where a.ticket_id = c.id order by a.id limit 1) f on true
      left join ticket_similarity_keys k on k.ticket_id = c.id and k.title = c.title and k.article_id = f.id
    ),
    found as (
      select id, number, title, score::float8 as score from scored
      where score >= ${threshold}
      order by score desc, id desc
      limit ${limit}
    )${record ? recording(record, draft) : sql``}
    select id, number, title, score from found order by score desc, id desc`);
  return rows.map((r) => ({ id: Number(r.id), number: r.number, title: r.title, score: Number(r.score) }));
}

/** A new ticket checked at intake: its suggestions are stored, and its key for later checks. */
type Record = { ticketId: number; articleId: number };

/**
 * The draft's words, as `wordsOf(title || ' ' || body)` gives them, from its already folded title
 * and body: folding works character by character and nothing in it joins across a space (NFKC
 * composes no character with a space; unaccent, lower and translate map single characters), so
 * fold(title || ' ' || body) = fold(title) || ' ' || fold(body), and the draft's text (up to
 * 2,300 characters) is folded once instead of twice. tests/integration/duplicates.test.ts holds
 * both expressions equal over text that would break it if it did not hold.
 */
export const draftWords = (foldedTitle: SQL, foldedBody: SQL) =>
  sql`array(select w from unnest(tsvector_to_array(to_tsvector('simple'::regconfig, ${foldedTitle} || ' ' || ${foldedBody}))) w where char_length(w) >= 4)`;

/** The words of four letters or more the check compares, as an array (`text` is an SQL expression). */
export const wordsOf = (text: SQL) => sql`array(select x from unnest(tsvector_to_array(helpdesk_tsvector(${text}))) x where char_length(x) >= 4)`;

/**
 * The statement's writes for a new ticket: the suggestions found, and the ticket's similarity key
 * as a later check would compute it (c.title, left(first body, BODY_CHARS) in characters). The
 * draft's own folded texts (`n`) are that key whenever the cut-offs agree: a title within its 300
 * and a body whose first BODY_CHARS UTF-16 units are as many characters (no surrogate pairs).
 */
function recording(r: Record, draft: Draft): SQL {
  const same = draft.title.length <= 300 && (draft.body.length <= BODY_CHARS || !/[\uD800-\uDFFF]/.test(draft.body.slice(0, BODY_CHARS)));
  // Twice the characters in UTF-16 units always holds the first BODY_CHARS characters.
  const opening = sql`left(${draft.body.slice(0, 2 * BODY_CHARS)}, ${BODY_CHARS})`;
  const key = same
    ? sql`select ${r.ticketId}::bigint, ${draft.title}, ${r.articleId}::bigint, n.title, n.body, n.words from n`
    : sql`select ${r.ticketId}::bigint, ${draft.title}, ${r.articleId}::bigint, helpdesk_fold(${draft.title}), helpdesk_fold(${opening}), ${wordsOf(sql`${draft.title} || ' ' || ${opening}`)}`;
  return sql`,
    kept as (
      insert into ticket_similarity_keys (ticket_id, title, article_id, title_folded, body_folded, words) ${key}
      on conflict (ticket_id) do nothing
    ),
    suggested as (
      insert into ticket_duplicates (ticket_id, original_id, score) select ${r.ticketId}::bigint, id, score from found
      on conflict do nothing
    )`;
}
