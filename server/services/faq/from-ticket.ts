import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { articles, faqCategories } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { FAQ_LANGUAGES, type FaqLanguage } from "@/server/schemas/faq";
import type { LoadedTicket } from "@/server/services/tickets/scope";
import { createFaqArticle } from "./editor";

/**
 * "Turn this answer into an FAQ article": an internal draft with the ticket's title and the
 * article's text, in the agent's language, in the first category. Editors review and publish it.
 */
export async function draftFromTicketArticle(db: Tx, actor: Actor, loaded: LoadedTicket, articleId: number) {
  const [article] = await db
    .select({ body: articles.bodyText, subject: articles.subject })
    .from(articles)
    .where(and(eq(articles.id, articleId), eq(articles.ticketId, loaded.ticket.id)))
    .limit(1);
  if (!article) throw new AppError("NOT_FOUND", "errors.faqSourceNotFound");
  const [category] = await db.select({ id: faqCategories.id }).from(faqCategories).where(eq(faqCategories.valid, true)).orderBy(asc(faqCategories.position), asc(faqCategories.id)).limit(1);
  if (!category) throw new AppError("INVALID_STATE", "errors.faqNoCategory");
  const language: FaqLanguage = (FAQ_LANGUAGES as readonly string[]).includes(actor.language) ? (actor.language as FaqLanguage) : "en";
  const title = (loaded.ticket.title || article.subject || "FAQ").slice(0, 300);
  return createFaqArticle(db, actor, { categoryId: category.id, visibility: "internal", translations: [{ language, title, body: article.body.slice(0, 200_000) }] }, { sourceTicketId: loaded.ticket.id });
}
