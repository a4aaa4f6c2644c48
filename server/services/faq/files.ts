import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { AppError } from "@/server/errors";
import { readStoredFile } from "@/server/files/store";
import { type FaqReader, isFaqEditor, publicFaqEnabled, readableArticles } from "./scope";

/**
 * A file of an FAQ article, for whoever may read the article (anonymous visitors only while the
 * public FAQ is on); editors also of drafts and archived articles. Anything else: NOT_FOUND.
 */
export async function faqAttachmentFor(db: Tx, reader: FaqReader, attachmentId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(attachmentId)) throw new AppError("NOT_FOUND", "errors.notFoundAttachment");
  if (!reader && !(await publicFaqEnabled(db))) throw new AppError("NOT_FOUND", "errors.notFoundAttachment");
  const scope = reader && (await isFaqEditor(db, reader)) ? sql`true` : readableArticles(reader);
  const [row] = await db.execute<{ filename: string; content_type: string; sha256: string }>(sql`
    select f.filename, f.content_type, f.file_sha256 as sha256
    from faq_attachments f join faq_articles on faq_articles.id = f.article_id
    where f.id = ${attachmentId} and ${scope}`);
  if (!row) throw new AppError("NOT_FOUND", "errors.notFoundAttachment");
  return { filename: row.filename, contentType: row.content_type, bytes: await readStoredFile(db, row.sha256) };
}
