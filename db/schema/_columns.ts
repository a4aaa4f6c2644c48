import { boolean, timestamp } from "drizzle-orm/pg-core";

// Millisecond precision, the same as JavaScript dates, so keyset cursors round-trip exactly.
export const ts = () => timestamp({ withTimezone: true, precision: 3 });

export const timestamps = {
  createdAt: ts().notNull().defaultNow(),
  changedAt: ts().notNull().defaultNow(),
};

// Configuration rows are never deleted once referenced; they are marked invalid.
export const validFlag = { valid: boolean().notNull().default(true) };
