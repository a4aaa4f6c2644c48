import { sql } from "drizzle-orm";
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps, ts, validFlag } from "./_columns";
import { storedFiles, articles } from "./articles";
import { queues } from "./config";
import { users } from "./directory";
import { tickets } from "./tickets";

const ref = () => bigint({ mode: "number" });

/** IMAP mailboxes the worker polls. */
export const mailAccounts = pgTable("mail_accounts", {
  id: ref().primaryKey().generatedAlwaysAsIdentity(),
  name: text().notNull(),
  host: text().notNull(),
  port: integer().notNull().default(993),
  tls: boolean().notNull().default(true),
  username: text().notNull(),
  secret: text().notNull(),
  folder: text().notNull().default("INBOX"),
  queueId: ref().references(() => queues.id),
  /** Also look for a ticket number in the body when detecting follow-ups. */
  followUpByBody: boolean().notNull().default(false),
  /** After ingest: flag the message as seen (false) or delete it (true). */
  deleteAfterImport: boolean().notNull().default(false),
  lastPollAt: ts(),
  lastError: text(),
  lastErrorAt: ts(),
  importedCount: integer().notNull().default(0),
  errorCount: integer().notNull().default(0),
  ...validFlag,
  ...timestamps,
});

/**
 * Every inbound message, keyed by Message-ID (or a content hash): the unique key is what makes
 * "the same message twice yields one article" hold under concurrency.
 */
export const inboundMessages = pgTable(
  "inbound_messages",
  {
    id: ref().primaryKey().generatedAlwaysAsIdentity(),
    messageKey: text().notNull(),
    rawSha256: text().notNull().references(() => storedFiles.sha256),
    source: text().notNull(),
    sourceRef: text(),
    outcome: text().notNull(),
    reason: text(),
    ticketId: ref().references(() => tickets.id),
    articleId: ref().references(() => articles.id),
    receivedAt: ts().notNull().defaultNow(),
  },
  // source_ref: the Resend fetch asks "is this e-mail id known?" for every webhook; without the
  // index that was a scan of every message ever received.
  (t) => [uniqueIndex("inbound_messages_key_uq").on(t.messageKey), index("inbound_messages_source_ref_idx").on(t.sourceRef).where(sql`source_ref is not null`)],
);

/** Messages the pipeline could not turn into an article, kept whole for admins. */
export const quarantine = pgTable(
  "quarantine",
  {
    id: ref().primaryKey().generatedAlwaysAsIdentity(),
    rawSha256: text().notNull().references(() => storedFiles.sha256),
    source: text().notNull(),
    sourceRef: text(),
    reason: text().notNull(),
    detail: text(),
    subject: text(),
    fromAddress: text(),
    resolvedAt: ts(),
    resolution: text(),
    resolvedBy: ref().references(() => users.id),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index("quarantine_open_idx").on(t.createdAt).where(sql`resolved_at is null`), index("quarantine_source_ref_idx").on(t.sourceRef).where(sql`source_ref is not null`)],
);

export type OutboxAttachment = { sha256: string; filename: string; contentType: string; size: number };

/** Every outgoing message; the local transport is this table, Resend sends and records here too. */
export const outbox = pgTable(
  "outbox",
  {
    id: ref().primaryKey().generatedAlwaysAsIdentity(),
    kind: text().notNull(),
    ticketId: ref().references(() => tickets.id),
    articleId: ref().references(() => articles.id),
    fromAddress: text().notNull(),
    toAddresses: text().notNull(),
    ccAddresses: text(),
    subject: text().notNull(),
    bodyText: text().notNull(),
    bodyHtml: text(),
    messageId: text().notNull(),
    inReplyTo: text(),
    references: text(),
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    attachments: jsonb().$type<OutboxAttachment[]>().notNull().default([]),
    idempotencyKey: text().notNull(),
    status: text().notNull().default("queued"),
    transport: text(),
    providerId: text(),
    error: text(),
    attempts: integer().notNull().default(0),
    createdAt: ts().notNull().defaultNow(),
    sentAt: ts(),
  },
  (t) => [
    uniqueIndex("outbox_idempotency_uq").on(t.idempotencyKey),
    index("outbox_created_idx").on(t.createdAt, t.id),
    index("outbox_provider_idx").on(t.providerId),
    index("outbox_message_id_idx").on(t.messageId),
  ],
);

export type FilterMatch = { field: string; pattern: string; regex: boolean; negate?: boolean };
export type FilterSet = { queueId?: number; priorityId?: number; typeId?: number; serviceId?: number; customerEmail?: string; ignore?: boolean };

export const postmasterFilters = pgTable("postmaster_filters", {
  id: ref().primaryKey().generatedAlwaysAsIdentity(),
  name: text().notNull().unique(),
  position: integer().notNull().default(0),
  match: jsonb().$type<FilterMatch[]>().notNull(),
  set: jsonb().$type<FilterSet>().notNull(),
  /** Stop evaluating later filters when this one matched. */
  stop: boolean().notNull().default(false),
  ...validFlag,
  ...timestamps,
});

/** Auto-responses sent per sender per day: the loop brake between two auto-responders. */
export const autoResponseCounts = pgTable(
  "auto_response_counts",
  {
    sender: text().notNull(),
    day: date().notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.sender, t.day] })],
);

/** In-app notifications for agents. */
export const notifications = pgTable(
  "notifications",
  {
    id: ref().primaryKey().generatedAlwaysAsIdentity(),
    userId: ref().notNull().references(() => users.id, { onDelete: "cascade" }),
    ticketId: ref().references(() => tickets.id),
    articleId: ref(),
    kind: text().notNull(),
    title: text().notNull(),
    /** What makes the notification one of a kind when it has no article (a move, a new owner): event, ticket and version. */
    dedupeKey: text(),
    readAt: ts(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    uniqueIndex("notifications_once_uq").on(t.userId, t.kind, t.articleId),
    uniqueIndex("notifications_dedupe_uq").on(t.userId, t.dedupeKey),
  ],
);

/** Resend webhook events seen, by their svix id: the webhook is idempotent by event. */
export const webhookEvents = pgTable("webhook_events", {
  id: text().primaryKey(),
  provider: text().notNull(),
  type: text().notNull(),
  payload: jsonb().notNull(),
  receivedAt: ts().notNull().defaultNow(),
});
