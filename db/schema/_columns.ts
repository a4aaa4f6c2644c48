import { boolean, customType, timestamp } from "drizzle-orm/pg-core";

// Millisecond precision, the same as JavaScript dates, so keyset cursors round-trip exactly.
export const ts = () => timestamp({ withTimezone: true, precision: 3 });

export const timestamps = {
  createdAt: ts().notNull().defaultNow(),
  changedAt: ts().notNull().defaultNow(),
};

// Configuration rows are never deleted once referenced; they are marked invalid.
export const validFlag = { valid: boolean().notNull().default(true) };

/** PostgreSQL full-text vector; maintained by triggers (migration 0005), never written by the app. */
export const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
