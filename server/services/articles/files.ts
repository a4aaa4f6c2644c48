import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { articles, attachments } from "@/db/schema";
import { type Actor, isAgent } from "@/server/auth/actor";
import { notFound } from "@/server/errors";
import { readStoredFile } from "@/server/files/store";
import { loadTicketFor } from "@/server/services/tickets/scope";

/**
 * An attachment's bytes for someone who may see its article: the ticket must be in the
 * actor's reach, and customers never get attachments of internal articles.
 */
export async function attachmentFor(db: Tx, actor: Actor, attachmentId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(attachmentId)) throw notFound("errors.notFoundAttachment");
  const [row] = await db
    .select({ filename: attachments.filename, contentType: attachments.contentType, sha256: attachments.fileSha256, ticketId: articles.ticketId, isInternal: articles.isInternal })
    .from(attachments)
    .innerJoin(articles, eq(articles.id, attachments.articleId))
    .where(eq(attachments.id, attachmentId))
    .limit(1);
  if (!row || (row.isInternal && !isAgent(actor))) throw notFound("errors.notFoundAttachment");
  await loadTicketFor(db, actor, row.ticketId, "view").catch(() => {
    throw notFound("errors.notFoundAttachment");
  });
  return { filename: row.filename, contentType: row.contentType, bytes: await readStoredFile(db, row.sha256) };
}

/** The original message of a mail article, as received (agents only). */
export async function rawMessageFor(db: Tx, actor: Actor, articleId: number) {
  if (!isAgent(actor)) throw notFound("errors.notFoundArticle");
  const [row] = await db
    .select({ ticketId: articles.ticketId, sha256: articles.rawFileSha256 })
    .from(articles)
    .where(and(eq(articles.id, articleId)))
    .limit(1);
  if (!row?.sha256) throw notFound("errors.notFoundArticle");
  await loadTicketFor(db, actor, row.ticketId, "view");
  return { filename: `article-${articleId}.eml`, contentType: "message/rfc822", bytes: await readStoredFile(db, row.sha256) };
}
