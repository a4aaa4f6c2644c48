import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps, ts, validFlag } from "./_columns";
import { permissionType, userRole } from "./enums";

export const customerCompanies = pgTable(
  "customer_companies",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    customerNumber: text(),
    street: text(),
    city: text(),
    country: text(),
    comment: text(),
    // The company's SLA (slas.id; no foreign key: config.ts imports this file), when its ticket's service names none.
    slaId: bigint({ mode: "number" }),
    ...validFlag,
    ...timestamps,
  },
  (t) => [uniqueIndex("customer_companies_name_uq").on(sql`lower(${t.name})`)],
);

export const users = pgTable(
  "users",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    email: text().notNull(),
    name: text().notNull(),
    role: userRole().notNull(),
    passwordHash: text(),
    language: text().notNull().default("en"),
    timeZone: text().notNull().default("UTC"),
    // A Persian reader sees the Solar Hijri calendar unless they ask for the Gregorian one.
    preferGregorian: boolean().notNull().default(false),
    enabled: boolean().notNull().default(true),
    approved: boolean().notNull().default(true),
    companyId: bigint({ mode: "number" }).references(() => customerCompanies.id),
    // A customer may see all of its company's tickets.
    seesCompanyTickets: boolean().notNull().default(false),
    // Bumped on disable, password change or permission-relevant change; sessions carry it.
    sessionVersion: integer().notNull().default(1),
    phone: text(),
    defaultQueueId: bigint({ mode: "number" }),
    lastSignInAt: ts(),
    /** Set when the user confirmed the address (self-registration). */
    emailConfirmedAt: ts(),
    /** Agents: personal signature used on replies (falls back to the queue's). */
    signature: text(),
    /** Which notifications the user wants, by event and channel. */
    notificationPrefs: jsonb().$type<Record<string, { email?: boolean; app?: boolean }>>().notNull().default({}),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("users_email_uq").on(sql`lower(${t.email})`),
    index("users_company_idx").on(t.companyId),
    index("users_role_idx").on(t.role, t.id),
  ],
);

export const groups = pgTable(
  "groups",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    comment: text(),
    ...validFlag,
    ...timestamps,
  },
  (t) => [uniqueIndex("groups_name_uq").on(sql`lower(${t.name})`)],
);

export const roles = pgTable(
  "roles",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    comment: text(),
    ...validFlag,
    ...timestamps,
  },
  (t) => [uniqueIndex("roles_name_uq").on(sql`lower(${t.name})`)],
);

export const userGroupPermissions = pgTable(
  "user_group_permissions",
  {
    userId: bigint({ mode: "number" }).notNull().references(() => users.id, { onDelete: "cascade" }),
    groupId: bigint({ mode: "number" }).notNull().references(() => groups.id, { onDelete: "cascade" }),
    permission: permissionType().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.groupId, t.permission] }), index("ugp_group_idx").on(t.groupId)],
);

export const roleGroupPermissions = pgTable(
  "role_group_permissions",
  {
    roleId: bigint({ mode: "number" }).notNull().references(() => roles.id, { onDelete: "cascade" }),
    groupId: bigint({ mode: "number" }).notNull().references(() => groups.id, { onDelete: "cascade" }),
    permission: permissionType().notNull(),
  },
  (t) => [primaryKey({ columns: [t.roleId, t.groupId, t.permission] }), index("rgp_group_idx").on(t.groupId)],
);

export const userRoles = pgTable(
  "user_roles",
  {
    userId: bigint({ mode: "number" }).notNull().references(() => users.id, { onDelete: "cascade" }),
    roleId: bigint({ mode: "number" }).notNull().references(() => roles.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roleId] }), index("user_roles_role_idx").on(t.roleId)],
);

// Failed sign-in counters, per account and per client address, kept in PostgreSQL
// so every app instance sees the same limits.
export const authThrottle = pgTable("auth_throttle", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  windowStart: ts().notNull().defaultNow(),
  blockedUntil: ts(),
});
