import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { type Actor, isAgent } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { type MatchedIn, searchTicketsInput, type SearchTicketsInput } from "@/server/schemas/search";
import { decodeCursor, encodeCursor, isEmailQuery, prepareTicketSearch, type SearchInput, ticketFilters, ticketNumberIn } from "./query";
import { loadRows, loadSnippetSources, type SnippetSource } from "./rows";
import { buildSnippet, queryTerms } from "./snippet";
import { queryStems } from "./stems";

/**
 * A common word matches a third of all articles, and ranking every match costs seconds (SPEC §15).
 * So only the matches in the newest tickets are candidates: a walk down tickets_created_idx that
 * probes each ticket's articles and stops after this many (a created-before filter starts the
 * walk there), then ranking within them. Rare words never reach the cap: the planner reads their
 * few matches from the GIN index instead, and they are ranked in full.
 */
const ARTICLE_CANDIDATES = 500;
const TICKET_CANDIDATES = 200;
/** An exact ticket number outranks any text match (ts_rank stays below 1). */
const NUMBER_BOOST = 100;

type Hit = { id: number; score: number; articleId: number | null; inTicket: boolean; byNumber: boolean; capped: boolean };

export async function searchTickets(db: Tx, actor: Actor, raw: SearchTicketsInput) {
  const input = searchTicketsInput.parse(raw);
  if (!isAgent(actor)) throw new AppError("FORBIDDEN", "errors.searchForAgents");
  return run(db, actor, input).catch((error: unknown) => {
    const code = (error as { code?: string; cause?: { code?: string } })?.cause?.code ?? (error as { code?: string })?.code;
    if (code === "57014") throw new AppError("INVALID_STATE", "errors.searchTooLong", undefined, { cause: error });
    throw error;
  });
}

async function run(db: Tx, actor: Actor, input: SearchInput) {
  const found = await db.transaction(async (tx) => {
    const { tsq, queueIds } = await prepareTicketSearch(tx, actor, input.query);
    const number = ticketNumberIn(input.query);
    if (!tsq && !number) return null;
    return { tsq, hits: await findHits(tx, queueIds, input, tsq, number) };
  });
  if (!found) return { items: [], nextCursor: null, approximate: false };
  const { tsq, hits } = found;
  const page = hits.slice(0, input.limit);
  const last = page.at(-1);
  const nextCursor = hits.length > input.limit && last ? encodeCursor(last.score, last.id) : null;
  const approximate = hits.some((h) => h.capped);
  if (page.length === 0) return { items: [], nextCursor: null, approximate };

  // Plain reads by id, after the search's transaction: its settings (custom plans, nested loops)
  // are for the search statement alone, and outside it these two reuse their prepared plans.
  const [rows, sources] = await Promise.all([
    loadRows(db, page.map((h) => h.id)),
    loadSnippetSources(db, page.flatMap((h) => (h.articleId ? [h.articleId] : [])), tsq),
  ]);
  const terms = [...queryTerms(input.query), ...Object.values(queryStems(input.query))];
  const email = isEmailQuery(input.query);
  const items = page.flatMap((hit) => {
    const row = rows.get(hit.id);
    if (!row) return [];
    const source = hit.articleId ? sources.get(hit.articleId) : undefined;
    const matchedIn = matchedWhere(hit, source, email);
    // The title is on the row already: a matching message says more, when there is one.
    const text = matchedIn === "attachment" ? source!.attachmentNames : source?.textHit ? `${source.subject} — ${source.body}` : row.title;
    return [{ ...row, snippet: buildSnippet(text, terms) ?? "", matchedIn }];
  });
  return { items, nextCursor, approximate };
}

async function findHits(tx: Tx, queueIds: number[], input: SearchInput, tsq: string, number: string | null): Promise<Hit[]> {
  const where = ticketFilters(queueIds, input);
  const q = sql`${tsq}::tsquery`;
  const text = tsq !== "";
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const rows = await tx.execute<{ id: string; score: number; article_id: string | null; in_ticket: boolean; by_number: boolean; capped: boolean }>(sql`
    with art as (
      select c.ticket_id, c.article_id, ts_rank(c.vector, ${q}) as rank from (
        select a.ticket_id, a.id as article_id, a.search_vector as vector
        from articles a join tickets on tickets.id = a.ticket_id
        where ${text} and a.search_vector @@ ${q} and ${where}
        order by tickets.created_at desc, tickets.id desc, a.id desc limit ${ARTICLE_CANDIDATES}
      ) c
    ),
    best as (
      select distinct on (ticket_id) ticket_id, article_id, rank from art order by ticket_id, rank desc, article_id desc
    ),
    tix as (
      select c.ticket_id, ts_rank(c.vector, ${q}) as rank from (
        select tickets.id as ticket_id, tickets.search_vector as vector from tickets
        where ${text} and tickets.search_vector @@ ${q} and ${where}
        order by tickets.created_at desc, tickets.id desc limit ${TICKET_CANDIDATES}
      ) c
    ),
    num as (
      select tickets.id as ticket_id from tickets where tickets.number = ${number ?? ""} and ${where}
    ),
    scored as (
      select coalesce(b.ticket_id, x.ticket_id, n.ticket_id) as id,
        (greatest(coalesce(b.rank, 0), coalesce(x.rank, 0)) + case when n.ticket_id is null then 0 else ${NUMBER_BOOST} end)::float8 as score,
        b.article_id, x.ticket_id is not null as in_ticket, n.ticket_id is not null as by_number
      from best b
      full join tix x on x.ticket_id = b.ticket_id
      full join num n on n.ticket_id = coalesce(b.ticket_id, x.ticket_id)
    )
    select s.id, s.score, s.article_id, s.in_ticket, s.by_number,
      ((select count(*) from art) >= ${ARTICLE_CANDIDATES} or (select count(*) from tix) >= ${TICKET_CANDIDATES}) as capped
    from scored s
    where ${after ? sql`(s.score, s.id) < (${after[0]}::float8, ${after[1]}::bigint)` : sql`true`}
    order by s.score desc, s.id desc
    limit ${input.limit + 1}
  `);
  return rows.map((r) => ({
    id: Number(r.id),
    score: Number(r.score),
    articleId: r.article_id === null ? null : Number(r.article_id),
    inTicket: r.in_ticket,
    byNumber: r.by_number,
    capped: r.capped,
  }));
}

function matchedWhere(hit: Hit, source: SnippetSource | undefined, email: boolean): MatchedIn {
  if (hit.byNumber) return "number";
  if (email) return "email";
  if (hit.inTicket) return "title";
  return source && !source.textHit ? "attachment" : "article";
}
