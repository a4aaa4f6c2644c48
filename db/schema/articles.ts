import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ts, tsvector } from "./_columns";
import { users } from "./directory";
import { articleChannel, deliveryStatus, senderType } from "./enums";
import { tickets } from "./tickets";

const ref = () => bigint({ mode: "number" });

// Bytes live in the file store under their SHA-256; this row says where.
export const storedFiles = pgTable("stored_files", {
  sha256: text().primaryKey(),
  size: bigint({ mode: "number" }).notNull(),
  backend: text().notNull(),
  // The backend's own key (UploadThing file key); null for the local store.
  remoteKey: text(),
  createdAt: ts().notNull().defaultNow(),
});

export const articles = pgTable(
  "articles",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    ticketId: ref().notNull().references(() => tickets.id),
    channel: articleChannel().notNull(),
    senderType: senderType().notNull(),
    // Internal articles (notes) are never shown to customers nor mailed to them.
    isInternal: boolean().notNull().default(false),
    // Mail whose sender the desk could not tie to the ticket (a stranger, or an agent's address
    // without passing authentication): kept internal, shown to agents as unverified.
    unverified: boolean().notNull().default(false),
    fromAddress: text(),
    toAddresses: text(),
    ccAddresses: text(),
    subject: text().notNull().default(""),
    bodyText: text().notNull().default(""),
    bodyHtml: text(),
    messageId: text(),
    inReplyTo: text(),
    references: text(),
    rawFileSha256: text().references(() => storedFiles.sha256),
    deliveryStatus: deliveryStatus().notNull().default("none"),
    deliveryError: text(),
    timeUnits: integer().notNull().default(0),
    createdBy: ref().references(() => users.id),
    createdAt: ts().notNull().defaultNow(),
    // The form's idempotency key (a ticket's first article, a reply, a note): a repeated submit returns this article.
    submitKey: uuid(),
    // Folded subject, body, addresses and attachment names; maintained by triggers (0005).
    searchVector: tsvector(),
  },
  (t) => [
    index("articles_ticket_idx").on(t.ticketId, t.id),
    index("articles_message_id_idx").on(t.messageId),
    // Reports count a period's articles by sender without reading the article rows (0015).
    index("articles_created_idx").on(t.createdAt, t.senderType, t.ticketId),
    index("articles_search_idx").using("gin", t.searchVector),
    uniqueIndex("articles_submit_key_uq").on(t.createdBy, t.submitKey).where(sql`${t.submitKey} is not null`),
  ],
);

export const attachments = pgTable(
  "attachments",
  {
    id: uuid().primaryKey().defaultRandom(),
    articleId: ref().notNull().references(() => articles.id),
    fileSha256: text().notNull().references(() => storedFiles.sha256),
    filename: text().notNull(),
    contentType: text().notNull(),
    size: bigint({ mode: "number" }).notNull(),
    contentId: text(),
    inline: boolean().notNull().default(false),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index("attachments_article_idx").on(t.articleId)],
);
