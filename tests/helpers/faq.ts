import { db } from "@/db";
import type { users } from "@/db/schema";
import type { FaqArticleInput, FaqState, FaqVisibility } from "@/server/schemas/faq";
import { saveFaqCategory } from "@/server/services/faq/categories";
import { createFaqArticle, setFaqState } from "@/server/services/faq/editor";
import { actorOf, createAgent } from "../factories";

type UserRow = typeof users.$inferSelect;

let editor: UserRow | null = null;
let category = 0;

/** An admin that writes the fixtures (admins are always FAQ editors). */
export async function faqAuthor(): Promise<UserRow> {
  editor ??= await createAgent({ admin: true });
  return editor;
}

export async function createFaqCategory(names: Record<string, string> = { en: `Category ${Math.random().toString(36).slice(2, 8)}` }) {
  return saveFaqCategory(db, actorOf(await faqAuthor()), { names });
}

/** An article in `state` (published unless told), texts per language: { en: ["Title", "Body"] }. */
export async function createFaq(opts: { visibility?: FaqVisibility; state?: FaqState; texts: Record<string, [string, string, string?]>; categoryId?: number }) {
  const actor = actorOf(await faqAuthor());
  category ||= (await createFaqCategory()).id;
  const translations = Object.entries(opts.texts).map(([language, [title, body, keywords]]) => ({ language, title, body, keywords: keywords ?? "" })) as FaqArticleInput["translations"];
  const created = await createFaqArticle(db, actor, { categoryId: opts.categoryId ?? category, visibility: opts.visibility ?? "public", translations });
  const state = opts.state ?? "published";
  if (state === "draft") return created;
  return setFaqState(db, actor, { id: created.id, version: created.version, state });
}

/** A published article with its category id, for editing cases. */
export async function createFaqWithCategory() {
  const { id: categoryId } = await createFaqCategory();
  const a = await createFaq({ categoryId, texts: { en: ["Matrix edit", "Body"] } });
  return { ...a, categoryId };
}
