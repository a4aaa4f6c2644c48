import { sql } from "drizzle-orm";
import { type AnyPgColumn, bigint, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { timestamps, ts, tsvector, validFlag } from "./_columns";
import { storedFiles } from "./articles";
import { users } from "./directory";

const ref = () => bigint({ mode: "number" });

/** Who may read an article: agents only, signed-in customers too, or anyone (when the public FAQ is on). */
export const faqVisibility = pgEnum("faq_visibility", ["internal", "customers", "public"]);
export const faqState = pgEnum("faq_state", ["draft", "published", "archived"]);

/** A category tree; names per language ({ en: "Printing", pl: "Drukowanie" }), falling back to the desk's default language. */
export const faqCategories = pgTable(
  "faq_categories",
  {
    id: ref().primaryKey().generatedAlwaysAsIdentity(),
    parentId: ref().references((): AnyPgColumn => faqCategories.id),
    names: jsonb().$type<Record<string, string>>().notNull(),
    position: integer().notNull().default(0),
    ...validFlag,
    ...timestamps,
  },
  (t) => [index("faq_categories_parent_idx").on(t.parentId)],
);

export const faqArticles = pgTable(
  "faq_articles",
  {
    id: ref().primaryKey().generatedAlwaysAsIdentity(),
    categoryId: ref().notNull().references(() => faqCategories.id),
    visibility: faqVisibility().notNull().default("internal"),
    state: faqState().notNull().default("draft"),
    /** Opened by a reader (page view). */
    views: bigint({ mode: "number" }).notNull().default(0),
    /** "Was this helpful? Yes". */
    helpful: bigint({ mode: "number" }).notNull().default(0),
    /** "This solved it" on the portal's new-request form: a ticket that was not sent. */
    solved: bigint({ mode: "number" }).notNull().default(0),
    /** The ticket an agent turned into this article, if any. */
    sourceTicketId: ref(),
    version: integer().notNull().default(0),
    publishedAt: ts(),
    createdBy: ref().references(() => users.id),
    changedBy: ref().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index("faq_articles_category_idx").on(t.categoryId, t.id),
    index("faq_articles_published_idx").on(t.visibility, t.id).where(sql`state = 'published'`),
    index("faq_articles_changed_idx").on(t.changedAt, t.id),
  ],
);

/** One article in one language. Bodies are Markdown; the sanitised HTML and the plain text are derived when saved. */
export const faqTranslations = pgTable(
  "faq_translations",
  {
    articleId: ref().notNull().references(() => faqArticles.id, { onDelete: "cascade" }),
    language: text().notNull(),
    title: text().notNull(),
    bodyMarkdown: text().notNull().default(""),
    bodyHtml: text().notNull().default(""),
    bodyText: text().notNull().default(""),
    keywords: text().notNull().default(""),
    /** Kept by a trigger (migration 0018) with the ticket search's folding. */
    searchVector: tsvector(),
    changedAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.language] }), index("faq_translations_search_idx").using("gin", t.searchVector)],
);

/** Who changed what on an article; never edited. */
export const faqHistory = pgTable(
  "faq_history",
  {
    id: ref().primaryKey().generatedAlwaysAsIdentity(),
    articleId: ref().notNull().references(() => faqArticles.id, { onDelete: "cascade" }),
    actorId: ref().references(() => users.id),
    action: text().notNull(),
    language: text(),
    before: jsonb(),
    after: jsonb(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index("faq_history_article_idx").on(t.articleId, t.id)],
);

/** Files of an article, in the same content-addressed store as ticket attachments. */
export const faqAttachments = pgTable(
  "faq_attachments",
  {
    id: uuid().primaryKey().defaultRandom(),
    articleId: ref().notNull().references(() => faqArticles.id, { onDelete: "cascade" }),
    fileSha256: text().notNull().references(() => storedFiles.sha256),
    filename: text().notNull(),
    contentType: text().notNull(),
    size: bigint({ mode: "number" }).notNull(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index("faq_attachments_article_idx").on(t.articleId)],
);

/** Per lexeme, how many translations hold it ('' counts them all): suggestions skip the words everybody uses. Kept by triggers (0018). */
export const faqLexicon = pgTable("faq_lexicon", {
  lexeme: text().primaryKey(),
  translations: integer().notNull().default(0),
});
