import { bigint, boolean, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { ts } from "./_columns";
import { storedFiles } from "./articles";
import { users } from "./directory";

const ref = () => bigint({ mode: "number" });

/** Every admin change: who, when, what, before and after. Append-only. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: ref().primaryKey().generatedAlwaysAsIdentity(),
    actorId: ref().references(() => users.id),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text(),
    before: jsonb(),
    after: jsonb(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt, t.id), index("audit_log_entity_idx").on(t.entity, t.entityId), index("audit_log_actor_idx").on(t.actorId, t.createdAt)],
);

/**
 * One-time tokens sent by mail: e-mail confirmation, sign-in link, password reset.
 * Only a hash is stored; a token works once and until it expires.
 */
export const authTokens = pgTable(
  "auth_tokens",
  {
    tokenHash: text().primaryKey(),
    userId: ref().notNull().references(() => users.id, { onDelete: "cascade" }),
    purpose: text().notNull(),
    expiresAt: ts().notNull(),
    usedAt: ts(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index("auth_tokens_user_idx").on(t.userId, t.purpose)],
);

/** Files uploaded ahead of the form that uses them (ticket, reply); claimed once, by their owner. */
export const uploads = pgTable(
  "uploads",
  {
    id: uuid().primaryKey().defaultRandom(),
    ownerId: ref().notNull().references(() => users.id, { onDelete: "cascade" }),
    fileSha256: text().notNull().references(() => storedFiles.sha256),
    filename: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    claimedAt: ts(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index("uploads_owner_idx").on(t.ownerId, t.createdAt)],
);

/** Admin-defined notification rules (which events notify whom, by which channel). */
export const notificationRules = pgTable("notification_rules", {
  id: ref().primaryKey().generatedAlwaysAsIdentity(),
  name: text().notNull().unique(),
  event: text().notNull(),
  /** `customer` is a leftover of the first model: customers are told through their own notifications, never by a rule. */
  recipients: jsonb().$type<{ owner?: boolean; responsible?: boolean; queueSubscribers?: boolean; customer?: boolean; groupIds?: number[]; userIds?: number[] }>().notNull(),
  channels: jsonb().$type<{ email: boolean; app: boolean }>().notNull(),
  queueIds: jsonb().$type<number[]>(),
  valid: boolean().notNull().default(true),
  createdAt: ts().notNull().defaultNow(),
  changedAt: ts().notNull().defaultNow(),
});
