import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { AppError } from "@/server/errors";
import { faqListInput, faqSearchInput, faqSuggestInput, faqVoteInput } from "@/server/schemas/faq";
import { decodeCursor, encodeCursor } from "@/server/services/keyset";
import { buildSnippet, queryTerms } from "@/server/services/search/snippet";
import { prepareSearch } from "@/server/services/search/query";
import type { z } from "zod";
import { type FaqReader, languageOrder, publicFaqEnabled, readableArticles } from "./scope";

/**
 * What readers see of the FAQ: customers in the portal, agents in the composer, anonymous visitors
 * on the public pages. Every query puts the reader's scope (published, a visibility the reader
 * may see) in its `where`; each article is shown in the reader's language when it has that
 * translation, else the desk's default, else whichever it has.
 */

type Shown = { id: number; categoryId: number; language: string; title: string; bodyText: string; changedAt: Date };

/** The categories that hold at least one article the reader may see, names in the reader's language. */
export async function faqCategoriesFor(db: Tx, reader: FaqReader, language: string | null | undefined) {
  const langs = await languageOrder(db, language);
  const rows = await db.execute<{ id: string; parent_id: string | null; names: Record<string, string>; position: number; articles: string }>(sql`
    select c.id, c.parent_id, c.names, c.position,
      (select count(*) from faq_articles where faq_articles.category_id = c.id and ${readableArticles(reader)}) as articles
    from faq_categories c where c.valid order by c.position, c.id`);
  return rows
    .map((r) => ({ id: Number(r.id), parentId: r.parent_id === null ? null : Number(r.parent_id), name: pickName(r.names, langs), articles: Number(r.articles) }))
    .filter((c) => c.articles > 0);
}

/** Published articles of one category (or all), newest first, keyset on id. */
export async function listFaqArticles(db: Tx, reader: FaqReader, language: string | null | undefined, raw: z.input<typeof faqListInput>) {
  const input = faqListInput.parse(raw);
  const langs = await languageOrder(db, language);
  const after = input.cursor ? decodeCursor(input.cursor, "integer")[1] : null;
  const rows = await shownIn(db, langs, sql`
    select faq_articles.id from faq_articles
    where ${readableArticles(reader)}
      ${input.categoryId ? sql`and faq_articles.category_id = ${input.categoryId}` : sql``}
      ${after ? sql`and faq_articles.id < ${after}` : sql``}
    order by faq_articles.id desc limit ${input.limit + 1}`);
  const items = rows.slice(0, input.limit).map((r) => ({ ...head(r), excerpt: excerpt(r.bodyText) }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last.id, last.id) : null };
}

/** One article the reader may see, in the reader's language; NOT_FOUND for anything else (drafts included). */
export async function getFaqArticle(db: Tx, reader: FaqReader, language: string | null | undefined, id: number, opts: { countView?: boolean } = {}) {
  const langs = await languageOrder(db, language);
  const [row] = await db.execute<{ id: string; category_id: string; visibility: string; names: Record<string, string>; changed_at: Date }>(sql`
    select faq_articles.id, faq_articles.category_id, faq_articles.visibility, c.names, faq_articles.changed_at
    from faq_articles join faq_categories c on c.id = faq_articles.category_id
    where faq_articles.id = ${id} and ${readableArticles(reader)}`);
  if (!row) throw new AppError("NOT_FOUND", "errors.faqNotFound");
  const [translations, files] = await Promise.all([
    db.execute<{ language: string; title: string; body_html: string; body_text: string; keywords: string }>(sql`
      select language, title, body_html, body_text, keywords from faq_translations where article_id = ${id}`),
    db.execute<{ id: string; filename: string; size: string; content_type: string }>(sql`
      select id, filename, size, content_type from faq_attachments where article_id = ${id} order by created_at, filename`),
  ]);
  const t = pickTranslation(translations, langs);
  if (!t) throw new AppError("NOT_FOUND", "errors.faqNotFound");
  if (opts.countView) await db.execute(sql`update faq_articles set views = views + 1 where id = ${id}`);
  // Where a customer can open it: the public page when it is public and the public FAQ is on, else the portal.
  const link = row.visibility === "public" && (await publicFaqEnabled(db)) ? `/faq/${id}` : row.visibility === "internal" ? null : `/portal/faq/${id}`;
  return {
    id,
    categoryId: Number(row.category_id),
    categoryName: pickName(row.names, langs),
    visibility: row.visibility as "internal" | "customers" | "public",
    language: t.language,
    languages: translations.map((x) => x.language).sort(),
    title: t.title,
    html: t.body_html,
    text: t.body_text,
    keywords: t.keywords,
    attachments: files.map((f) => ({ id: f.id, filename: f.filename, size: Number(f.size), contentType: f.content_type })),
    changedAt: new Date(row.changed_at),
    link,
  };
}

/** The search box: every word must match (the last as a prefix), ranked, with highlighted snippets. */
export async function searchFaq(db: Tx, reader: FaqReader, language: string | null | undefined, raw: z.input<typeof faqSearchInput>) {
  const input = faqSearchInput.parse(raw);
  return ranked(db, reader, language, sql`helpdesk_tsquery(${input.query})`, input.query, input.limit);
}

/**
 * Deflection: articles that match the distinctive words a customer has typed into a new request so
 * far. Words most texts hold ("printer", "please") say nothing about which article fits and would
 * make every article a candidate, so the query keeps the rarest words (by faq_lexicon's counts),
 * any of which may match; when every word is common, the two rarest must both match. A last word
 * no text holds yet is taken as a prefix (still being typed).
 */
export async function suggestFaq(db: Tx, reader: FaqReader, language: string | null | undefined, raw: z.input<typeof faqSuggestInput>) {
  const input = faqSuggestInput.parse(raw);
  const typed = `${input.subject} ${input.body}`.trim();
  if (typed.length < 3) return [];
  const tsquery = await suggestionQuery(db, typed);
  if (!tsquery) return [];
  return ranked(db, reader, language, sql`${tsquery}::tsquery`, typed, input.limit);
}

/** Of the typed words, the rare ones (at most 5 % of the texts, or 50), rarest first, at most 8. */
const RARE_SHARE = 0.05;
const MAX_WORDS = 8;

async function suggestionQuery(db: Tx, typed: string): Promise<string> {
  const rows = await db.execute<{ lexeme: string; df: number }>(sql`
    select w.lexeme, coalesce(x.translations, 0)::int as df
    from unnest(tsvector_to_array(helpdesk_tsvector(left(${typed}, 2000)))) w(lexeme)
    left join faq_lexicon x on x.lexeme = w.lexeme
    where char_length(w.lexeme) >= 3
    union all select '', coalesce((select translations from faq_lexicon where lexeme = ''), 0)::int`);
  const total = rows.find((r) => r.lexeme === "")?.df ?? 0;
  const known = rows.filter((r) => r.lexeme !== "" && r.df > 0).sort((a, b) => a.df - b.df || a.lexeme.localeCompare(b.lexeme));
  const rare = known.filter((r) => r.df <= Math.max(50, total * RARE_SHARE)).slice(0, MAX_WORDS);
  const last = queryTerms(typed).at(-1)?.replace(/[^\p{L}\p{N}]+/gu, "") ?? "";
  const typing = last.length >= 3 && !known.some((r) => r.lexeme === last) ? [`${quote(last)}:*`] : [];
  if (rare.length > 0) return [...rare.map((r) => quote(r.lexeme)), ...typing].join(" | ");
  const both = known.slice(0, 2).map((r) => quote(r.lexeme)).join(" & ");
  return [both, ...typing].filter(Boolean).join(" | ");
}

const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;

/** "Helpful" on an article, or "this solved it" on the new-request form: counted on articles the reader may see. */
export async function voteFaq(db: Tx, reader: FaqReader, raw: z.input<typeof faqVoteInput>) {
  const input = faqVoteInput.parse(raw);
  const column = input.kind === "helpful" ? sql`helpful = helpful + 1` : sql`solved = solved + 1`;
  const rows = await db.execute<{ id: string }>(sql`update faq_articles set ${column} where faq_articles.id = ${input.id} and ${readableArticles(reader)} returning id`);
  if (rows.length === 0) throw new AppError("NOT_FOUND", "errors.faqNotFound");
  return { id: input.id, kind: input.kind };
}

/**
 * Matches ranked at most: words that most articles share would otherwise have every article
 * ranked on every keystroke (docs/benchmarks.md). Distinctive words never reach it.
 */
const CANDIDATES = 200;

async function ranked(db: Tx, reader: FaqReader, language: string | null | undefined, tsquery: ReturnType<typeof sql>, typed: string, limit: number) {
  const langs = await languageOrder(db, language);
  return db.transaction(async (tx) => {
    await prepareSearch(tx, "");
    const rows = await tx.execute<{ id: string; rank: number; category_id: string; visibility: string; language: string; title: string; body_text: string; changed_at: Date }>(sql`
      with q as materialized (select ${tsquery} as q),
      candidates as (
        select t.article_id, t.search_vector
        from q, faq_translations t join faq_articles on faq_articles.id = t.article_id
        where q.q <> ''::tsquery and t.search_vector @@ q.q and ${readableArticles(reader)}
        limit ${CANDIDATES}
      ),
      hits as (
        select c.article_id, max(ts_rank(c.search_vector, q.q)) as rank
        from q, candidates c
        group by c.article_id
        order by rank desc, c.article_id desc limit ${limit}
      )
      select h.article_id as id, h.rank, a.category_id, a.visibility, tr.language, tr.title, left(tr.body_text, 4000) as body_text, a.changed_at
      from hits h join faq_articles a on a.id = h.article_id
      cross join lateral (
        select language, title, body_text from faq_translations x where x.article_id = h.article_id
        order by array_position(${sql.raw(`array[${langs.map((l) => `'${l}'`).join(",")}]::text[]`)}, x.language) nulls last, x.language limit 1
      ) tr
      order by h.rank desc, h.article_id desc`);
    const terms = queryTerms(typed);
    return rows.map((r) => ({
      id: Number(r.id),
      categoryId: Number(r.category_id),
      visibility: r.visibility as "internal" | "customers" | "public",
      language: r.language,
      title: r.title,
      titleMarked: buildSnippet(r.title, terms, 400) ?? r.title,
      snippet: buildSnippet(r.body_text, terms) ?? "",
      rank: Number(r.rank),
    }));
  });
}

/** The chosen articles, each in the reader's best language. `ids` selects faq_articles.id in the wanted order. */
async function shownIn(db: Tx, langs: string[], ids: ReturnType<typeof sql>): Promise<Shown[]> {
  const rows = await db.execute<{ id: string; category_id: string; language: string; title: string; body_text: string; changed_at: Date }>(sql`
    with chosen as (${ids})
    select a.id, a.category_id, tr.language, tr.title, left(tr.body_text, 600) as body_text, a.changed_at
    from chosen join faq_articles a on a.id = chosen.id
    cross join lateral (
      select language, title, body_text from faq_translations x where x.article_id = a.id
      order by array_position(${sql.raw(`array[${langs.map((l) => `'${l}'`).join(",")}]::text[]`)}, x.language) nulls last, x.language limit 1
    ) tr
    order by a.id desc`);
  return rows.map((r) => ({ id: Number(r.id), categoryId: Number(r.category_id), language: r.language, title: r.title, bodyText: r.body_text, changedAt: new Date(r.changed_at) }));
}

const head = (r: Shown) => ({ id: r.id, categoryId: r.categoryId, language: r.language, title: r.title, changedAt: r.changedAt });

function excerpt(text: string): string {
  const flat = text.replace(/\s+/gu, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200).trimEnd()}…` : flat;
}

export function pickName(names: Record<string, string>, langs: string[]): string {
  for (const l of langs) if (names[l]) return names[l];
  return Object.values(names)[0] ?? "";
}

function pickTranslation<T extends { language: string }>(rows: readonly T[], langs: string[]): T | undefined {
  for (const l of langs) {
    const hit = rows.find((r) => r.language === l);
    if (hit) return hit;
  }
  return [...rows].sort((a, b) => a.language.localeCompare(b.language))[0];
}
