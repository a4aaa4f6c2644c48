import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db";
import { faqArticles, faqAttachments, faqCategories, faqHistory, faqTranslations, users } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { faqArticleInput, faqArticleUpdateInput, faqById, faqEditorListInput, faqSetStateInput, type FaqState } from "@/server/schemas/faq";
import { contains, decodeCursor, encodeCursor } from "@/server/services/keyset";
import { claimUploads } from "@/server/services/uploads";
import { now } from "@/server/time/clock";
import { renderFaqBody } from "./render";
import { languageOrder } from "./scope";
import { pickName } from "./read";

/**
 * The editors' side of the FAQ (callers hold faq_editor, checked by the procedure). Every write
 * runs in one transaction with its history row; `version` guards against two editors saving
 * over each other.
 */

type Translation = { language: string; title: string; body: string; keywords: string };

/** Articles of every state for the editor list: title in the editor's language, counters, newest change first. */
export async function listFaqForEditors(db: Tx, actor: Actor, raw: z.input<typeof faqEditorListInput>) {
  const input = faqEditorListInput.parse(raw);
  const langs = await languageOrder(db, actor.language);
  const filters: (SQL | undefined)[] = [];
  if (input.status !== "all") filters.push(eq(faqArticles.state, input.status));
  if (input.categoryId) filters.push(eq(faqArticles.categoryId, input.categoryId));
  if (input.search) filters.push(sql`exists (select 1 from faq_translations t where t.article_id = ${faqArticles.id} and ${contains(input.search, sql`t.title`, sql`t.keywords`)})`);
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, "time");
    filters.push(sql`(${faqArticles.changedAt}, ${faqArticles.id}) < (${at}, ${id})`);
  }
  const rows = await db
    .select({
      id: faqArticles.id,
      categoryId: faqArticles.categoryId,
      categoryNames: faqCategories.names,
      state: faqArticles.state,
      visibility: faqArticles.visibility,
      views: faqArticles.views,
      helpful: faqArticles.helpful,
      solved: faqArticles.solved,
      version: faqArticles.version,
      changedAt: faqArticles.changedAt,
      titles: sql<Record<string, string>>`(select jsonb_object_agg(t.language, t.title) from faq_translations t where t.article_id = ${faqArticles.id})`,
    })
    .from(faqArticles)
    .innerJoin(faqCategories, eq(faqCategories.id, faqArticles.categoryId))
    .where(and(...filters))
    .orderBy(desc(faqArticles.changedAt), desc(faqArticles.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map(({ titles, categoryNames, ...r }) => ({
    ...r,
    title: pickName(titles ?? {}, langs),
    languages: Object.keys(titles ?? {}).sort(),
    categoryName: pickName(categoryNames, langs),
  }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last.changedAt, last.id) : null };
}

/** One article as the editor opens it: every translation in Markdown, attachments, counters. */
export async function getFaqForEditor(db: Tx, raw: z.input<typeof faqById>) {
  const { id } = faqById.parse(raw);
  const [article] = await db.select().from(faqArticles).where(eq(faqArticles.id, id)).limit(1);
  if (!article) throw new AppError("NOT_FOUND", "errors.faqNotFound");
  const [translations, files] = await Promise.all([
    db
      .select({ language: faqTranslations.language, title: faqTranslations.title, body: faqTranslations.bodyMarkdown, keywords: faqTranslations.keywords })
      .from(faqTranslations)
      .where(eq(faqTranslations.articleId, id))
      .orderBy(asc(faqTranslations.language)),
    db.select({ id: faqAttachments.id, filename: faqAttachments.filename, size: faqAttachments.size }).from(faqAttachments).where(eq(faqAttachments.articleId, id)),
  ]);
  const { categoryId, visibility, state, views, helpful, solved, version, publishedAt, sourceTicketId, createdAt, changedAt } = article;
  return { id, categoryId, visibility, state, views, helpful, solved, version, publishedAt, sourceTicketId, createdAt, changedAt, translations, attachments: files };
}

/** A new article, always a draft: publishing is its own step. */
export async function createFaqArticle(db: Tx, actor: Actor, raw: z.input<typeof faqArticleInput>, opts: { sourceTicketId?: number } = {}) {
  const input = faqArticleInput.parse(raw);
  return db.transaction(async (tx) => {
    await requireCategory(tx, input.categoryId);
    const [row] = await tx
      .insert(faqArticles)
      .values({ categoryId: input.categoryId, visibility: input.visibility, state: "draft", createdBy: actor.id, changedBy: actor.id, sourceTicketId: opts.sourceTicketId ?? null })
      .returning({ id: faqArticles.id, version: faqArticles.version });
    if (!row) throw new Error("insert returned nothing");
    await writeTranslations(tx, row.id, input.translations, []);
    await attach(tx, actor, row.id, input.uploadIds);
    await history(tx, actor, row.id, "create", null, { categoryId: input.categoryId, visibility: input.visibility, languages: input.translations.map((t) => t.language) });
    return row;
  });
}

/** Saves an article's fields and translations (a language left out is removed); history per change. */
export async function updateFaqArticle(db: Tx, actor: Actor, raw: z.input<typeof faqArticleUpdateInput>) {
  const input = faqArticleUpdateInput.parse(raw);
  return db.transaction(async (tx) => {
    const current = await lockArticle(tx, input.id, input.version);
    await requireCategory(tx, input.categoryId);
    const before = await tx
      .select({ language: faqTranslations.language, title: faqTranslations.title, body: faqTranslations.bodyMarkdown, keywords: faqTranslations.keywords })
      .from(faqTranslations)
      .where(eq(faqTranslations.articleId, input.id));
    const changedFields = { categoryId: [current.categoryId, input.categoryId], visibility: [current.visibility, input.visibility] } as const;
    for (const [field, [was, is]] of Object.entries(changedFields)) {
      if (was !== is) await history(tx, actor, input.id, "update", null, { [field]: is }, { [field]: was });
    }
    for (const t of await writeTranslations(tx, input.id, input.translations, before)) {
      await history(tx, actor, input.id, t.action, t.language, t.after, t.before);
    }
    await attach(tx, actor, input.id, input.uploadIds);
    return bump(tx, actor, input.id, { categoryId: input.categoryId, visibility: input.visibility });
  });
}

/** Draft → published → archived (and back): only published articles reach any reader. */
export async function setFaqState(db: Tx, actor: Actor, raw: z.input<typeof faqSetStateInput>) {
  const input = faqSetStateInput.parse(raw);
  return db.transaction(async (tx) => {
    const current = await lockArticle(tx, input.id, input.version);
    if (current.state === input.state) return { id: input.id, version: current.version, state: current.state };
    await history(tx, actor, input.id, stateAction(input.state), null, { state: input.state }, { state: current.state });
    const patch: Partial<typeof faqArticles.$inferInsert> = { state: input.state };
    if (input.state === "published") patch.publishedAt = now();
    const row = await bump(tx, actor, input.id, patch);
    return { ...row, state: input.state };
  });
}

/** Who changed what, newest first, with the actor's name. */
export async function faqHistoryOf(db: Tx, raw: z.input<typeof faqById>) {
  const { id } = faqById.parse(raw);
  return db
    .select({ id: faqHistory.id, action: faqHistory.action, language: faqHistory.language, before: faqHistory.before, after: faqHistory.after, createdAt: faqHistory.createdAt, actorName: users.name })
    .from(faqHistory)
    .leftJoin(users, eq(users.id, faqHistory.actorId))
    .where(eq(faqHistory.articleId, id))
    .orderBy(desc(faqHistory.id))
    .limit(500);
}

async function lockArticle(tx: Tx, id: number, version: number) {
  const [row] = await tx.select().from(faqArticles).where(eq(faqArticles.id, id)).for("update").limit(1);
  if (!row) throw new AppError("NOT_FOUND", "errors.faqNotFound");
  if (row.version !== version) throw new AppError("CONFLICT", "errors.faqChangedMeanwhile");
  return row;
}

async function bump(tx: Tx, actor: Actor, id: number, patch: Partial<typeof faqArticles.$inferInsert>) {
  const [row] = await tx
    .update(faqArticles)
    .set({ ...patch, version: sql`${faqArticles.version} + 1`, changedAt: now(), changedBy: actor.id })
    .where(eq(faqArticles.id, id))
    .returning({ id: faqArticles.id, version: faqArticles.version });
  return row!;
}

async function requireCategory(tx: Tx, id: number) {
  const [row] = await tx.select({ id: faqCategories.id }).from(faqCategories).where(eq(faqCategories.id, id)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", "errors.faqCategoryNotFound");
}

/** Makes the article's translations exactly `next`; returns what changed per language, for history. */
async function writeTranslations(tx: Tx, articleId: number, next: Translation[], before: Translation[]) {
  const changes: { action: string; language: string; before: Partial<Translation> | null; after: Partial<Translation> | null }[] = [];
  for (const t of next) {
    const was = before.find((b) => b.language === t.language);
    if (was && was.title === t.title && was.body === t.body && was.keywords === t.keywords) continue;
    const { html, text } = renderFaqBody(t.body);
    const values = { title: t.title, bodyMarkdown: t.body, bodyHtml: html, bodyText: text, keywords: t.keywords, changedAt: now() };
    await tx
      .insert(faqTranslations)
      .values({ articleId, language: t.language, ...values })
      .onConflictDoUpdate({ target: [faqTranslations.articleId, faqTranslations.language], set: values });
    changes.push({ action: was ? "translation_update" : "translation_add", language: t.language, before: was ? diff(was, t, true) : null, after: was ? diff(was, t, false) : { title: t.title } });
  }
  const gone = before.filter((b) => !next.some((t) => t.language === b.language)).map((b) => b.language);
  if (gone.length) await tx.delete(faqTranslations).where(and(eq(faqTranslations.articleId, articleId), inArray(faqTranslations.language, gone)));
  for (const language of gone) changes.push({ action: "translation_remove", language, before: { title: before.find((b) => b.language === language)!.title }, after: null });
  return changes;
}

async function attach(tx: Tx, actor: Actor, articleId: number, uploadIds: string[]) {
  const files = await claimUploads(tx, actor, uploadIds);
  if (files.length) await tx.insert(faqAttachments).values(files.map((f) => ({ articleId, ...f })));
}

async function history(tx: Tx, actor: Actor, articleId: number, action: string, language: string | null, after: unknown, before: unknown = null) {
  await tx.insert(faqHistory).values({ articleId, actorId: actor.id, action, language, after: after ?? null, before: before ?? null });
}

/** The fields of a translation that differ; bodies are long, so history keeps only that they changed. */
function diff(was: Translation, is: Translation, old: boolean): Partial<Translation> {
  const side = old ? was : is;
  const out: Partial<Translation> = {};
  if (was.title !== is.title) out.title = side.title;
  if (was.keywords !== is.keywords) out.keywords = side.keywords;
  if (was.body !== is.body) out.body = old ? `${was.body.length}` : `${is.body.length}`;
  return out;
}

function stateAction(state: FaqState): string {
  return state === "published" ? "publish" : state === "archived" ? "archive" : "unpublish";
}
