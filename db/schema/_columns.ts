import { boolean, timestamp } from "drizzle-orm/pg-core";

export const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

// Configuration rows are never deleted once referenced; they are marked invalid.
export const validFlag = { valid: boolean().notNull().default(true) };
