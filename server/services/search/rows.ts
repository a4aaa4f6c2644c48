import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { articles } from "@/db/schema";
import { listRowsByIds } from "@/server/services/tickets/read";
import { idArray } from "./query";

/**
 * List rows for tickets already scoped by the search query: the ticket list's own rows by id
 * (`listRowsByIds`: one statement text for any page, lookup names from the configuration cache).
 */
export async function loadRows(db: Tx, ids: number[]) {
  const rows = await listRowsByIds(db, ids);
  return new Map(rows.map(({ sortKey: _, ...r }) => [r.id, r]));
}

export type SnippetSource = { subject: string; body: string; attachmentNames: string; textHit: boolean };

/**
 * What the snippet is cut from: the best article's subject and the start of its body, its
 * attachment names, and whether its text (not only an attachment name) matched.
 */
export async function loadSnippetSources(db: Tx, articleIds: number[], tsq: string): Promise<Map<number, SnippetSource>> {
  if (articleIds.length === 0 || !tsq) return new Map();
  const rows = await db
    .select({
      id: articles.id,
      subject: articles.subject,
      body: sql<string>`left(articles.body_text, 20000)`,
      attachmentNames: sql<string>`coalesce((select string_agg(f.filename, ', ' order by f.created_at) from attachments f where f.article_id = articles.id), '')`,
      // Attachment names are the only weight-B part of an article's vector (0005_search.sql).
      textHit: sql<boolean>`ts_filter(articles.search_vector, '{a,c,d}') @@ ${tsq}::tsquery`,
    })
    .from(articles)
    .where(sql`${articles.id} = any(${idArray(articleIds)})`);
  return new Map(rows.map((r) => [r.id, { subject: r.subject, body: r.body, attachmentNames: r.attachmentNames, textHit: r.textHit }]));
}
