import { sql } from "drizzle-orm";
import { bigint, index, pgTable, primaryKey, real, text } from "drizzle-orm/pg-core";
import { ts } from "./_columns";
import { users } from "./directory";
import { tickets } from "./tickets";

const ref = () => bigint({ mode: "number" });

/**
 * Every longer word the desk has indexed (folded, letters only), kept by triggers (0019). Search
 * looks a query word up inside these words by trigram, so "strasse" also finds "hauptstrasse":
 * the compounds are added to the query, the article vectors stay as they are.
 */
export const searchWords = pgTable(
  "search_words",
  { word: text().primaryKey() },
  (t) => [index("search_words_trgm_idx").using("gin", sql`${t.word} gin_trgm_ops`)],
);

/**
 * "Possible duplicate": a new ticket that resembles an open ticket of the same customer, found
 * when the ticket was opened. A dismissed pair stays, so it is never suggested again.
 */
export const ticketDuplicates = pgTable(
  "ticket_duplicates",
  {
    ticketId: ref().notNull().references(() => tickets.id, { onDelete: "cascade" }),
    originalId: ref().notNull().references(() => tickets.id, { onDelete: "cascade" }),
    score: real().notNull(),
    createdAt: ts().notNull().defaultNow(),
    dismissedAt: ts(),
    dismissedBy: ref().references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.originalId] }), index("ticket_duplicates_original_idx").on(t.originalId)],
);

/**
 * What the duplicate check compares of a ticket (server/services/duplicates/similar.ts), computed
 * once when the check first runs for it instead of for every later request of the same customer:
 * the folded title, the folded opening of the first article and its words. Valid only while the
 * ticket still has this title and this first article (the check compares both and computes
 * afresh otherwise), so a renamed, merged or split ticket scores exactly as without the row.
 */
export const ticketSimilarityKeys = pgTable("ticket_similarity_keys", {
  ticketId: ref().primaryKey().references(() => tickets.id, { onDelete: "cascade" }),
  title: text().notNull(),
  articleId: ref().notNull(),
  titleFolded: text().notNull(),
  bodyFolded: text().notNull(),
  words: text().array().notNull(),
});
