import "server-only";
import { db } from "@/db";
import type { Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { faqCategoriesFor, getFaqArticle, listFaqArticles, searchFaq } from "./read";
import { isFaqEditor, publicFaqEnabled } from "./scope";

/**
 * What the FAQ's server-rendered pages read (portal, agent area, public pages): the same scoped
 * services as the procedures, with the reader of the page. Opening an article counts a view.
 */

export async function faqArticlePage(reader: Actor | null, language: string, id: number) {
  try {
    return await getFaqArticle(db, reader, language, id, { countView: true });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

/** The public FAQ's index: null while the admin has not switched it on. */
export async function publicFaqIndex(language: string, opts: { query: string; categoryId: number | null; cursor: string | null }) {
  if (!(await publicFaqEnabled(db))) return null;
  const [categories, articles, hits] = await Promise.all([
    faqCategoriesFor(db, null, language),
    listFaqArticles(db, null, language, { limit: 50, categoryId: opts.categoryId, cursor: opts.cursor }),
    opts.query ? searchFaq(db, null, language, { query: opts.query.slice(0, 400), limit: 30 }) : Promise.resolve(null),
  ]);
  return { categories, articles, hits };
}

export async function publicFaqArticle(language: string, id: number) {
  if (!(await publicFaqEnabled(db))) return null;
  return faqArticlePage(null, language, id);
}

export const faqEditorHere = (actor: Actor) => isFaqEditor(db, actor);
