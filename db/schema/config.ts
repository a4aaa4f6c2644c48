import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps, validFlag } from "./_columns";
import { groups } from "./directory";
import { autoResponseType, followUpRule, stateType, unverifiedFollowUpRule } from "./enums";

const id = () => bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity();
const ref = () => bigint({ mode: "number" });

export const states = pgTable(
  "states",
  {
    id: id(),
    name: text().notNull(),
    type: stateType().notNull(),
    // For pending_auto states: the state the ticket moves to when the time comes.
    nextStateId: ref(),
    comment: text(),
    ...validFlag,
    ...timestamps,
  },
  (t) => [uniqueIndex("states_name_uq").on(sql`lower(${t.name})`)],
);

export const priorities = pgTable("priorities", {
  id: id(),
  name: text().notNull().unique(),
  // 1 (very low) … 5 (very high); sorting uses it.
  level: integer().notNull(),
  color: text(),
  ...validFlag,
  ...timestamps,
});

export const ticketTypes = pgTable("ticket_types", {
  id: id(),
  name: text().notNull().unique(),
  ...validFlag,
  ...timestamps,
});

export const calendars = pgTable("calendars", {
  id: id(),
  name: text().notNull().unique(),
  timeZone: text().notNull().default("UTC"),
  // { mon: [["08:00","16:00"]], ... }
  workingHours: jsonb().$type<Record<string, [string, string][]>>().notNull().default({}),
  // [{ date: "2026-12-25", name: "Christmas", recurring: true }]
  holidays: jsonb().$type<{ date: string; name: string; recurring: boolean }[]>().notNull().default([]),
  ...validFlag,
  ...timestamps,
});

export const services = pgTable("services", {
  id: id(),
  name: text().notNull().unique(),
  parentId: ref(),
  comment: text(),
  customerVisible: boolean().notNull().default(true),
  ...validFlag,
  ...timestamps,
});

export const slas = pgTable("slas", {
  id: id(),
  name: text().notNull().unique(),
  calendarId: ref().references(() => calendars.id),
  firstResponseMinutes: integer(),
  updateMinutes: integer(),
  solutionMinutes: integer(),
  warnPercent: integer().notNull().default(80),
  // Pending states stop the SLA clock (the time spent waiting for the customer does not count).
  pauseWhenPending: boolean().notNull().default(true),
  ...validFlag,
  ...timestamps,
});

export const slaServices = pgTable(
  "sla_services",
  {
    slaId: ref().notNull().references(() => slas.id, { onDelete: "cascade" }),
    serviceId: ref().notNull().references(() => services.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.slaId, t.serviceId] })],
);

export const salutations = pgTable("salutations", {
  id: id(),
  name: text().notNull().unique(),
  body: text().notNull(),
  ...validFlag,
  ...timestamps,
});

export const signatures = pgTable("signatures", {
  id: id(),
  name: text().notNull().unique(),
  body: text().notNull(),
  ...validFlag,
  ...timestamps,
});

export const templates = pgTable("templates", {
  id: id(),
  name: text().notNull().unique(),
  // Where it can be used: reply, note, new ticket, forward.
  kinds: text().array().notNull().default(sql`'{reply}'::text[]`),
  subject: text(),
  body: text().notNull(),
  ...validFlag,
  ...timestamps,
});

export const autoResponses = pgTable("auto_responses", {
  id: id(),
  name: text().notNull().unique(),
  type: autoResponseType().notNull(),
  ...validFlag,
  ...timestamps,
});

export const autoResponseTexts = pgTable(
  "auto_response_texts",
  {
    autoResponseId: ref().notNull().references(() => autoResponses.id, { onDelete: "cascade" }),
    language: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.autoResponseId, t.language] })],
);

export const queues = pgTable(
  "queues",
  {
    id: id(),
    // Full path as shown, e.g. "Support::1st level"; `parentId` keeps the tree.
    name: text().notNull(),
    parentId: ref(),
    groupId: ref().notNull().references(() => groups.id),
    followUp: followUpRule().notNull().default("reopen"),
    unverifiedFollowUp: unverifiedFollowUpRule().notNull().default("unverified"),
    // State offered by default as the "next state" after an agent's reply.
    defaultNextStateId: ref().references(() => states.id),
    calendarId: ref().references(() => calendars.id),
    // The queue's SLA, for tickets whose service and company name none.
    slaId: ref().references(() => slas.id),
    salutationId: ref().references(() => salutations.id),
    signatureId: ref().references(() => signatures.id),
    systemAddressId: ref(),
    customerVisible: boolean().notNull().default(true),
    customerMayChoosePriority: boolean().notNull().default(false),
    unlockTimeoutMinutes: integer().notNull().default(0),
    isDefault: boolean().notNull().default(false),
    comment: text(),
    ...validFlag,
    ...timestamps,
  },
  (t) => [
    uniqueIndex("queues_name_uq").on(sql`lower(${t.name})`),
    index("queues_group_idx").on(t.groupId),
    uniqueIndex("queues_one_default_uq").on(t.isDefault).where(sql`${t.isDefault}`),
  ],
);

export const queueAutoResponses = pgTable(
  "queue_auto_responses",
  {
    queueId: ref().notNull().references(() => queues.id, { onDelete: "cascade" }),
    type: autoResponseType().notNull(),
    autoResponseId: ref().notNull().references(() => autoResponses.id),
  },
  (t) => [primaryKey({ columns: [t.queueId, t.type] })],
);

// Addresses the desk receives on and sends from; also how it recognises its own mail.
export const systemAddresses = pgTable(
  "system_addresses",
  {
    id: id(),
    address: text().notNull(),
    displayName: text().notNull(),
    queueId: ref().notNull().references(() => queues.id),
    ...validFlag,
    ...timestamps,
  },
  (t) => [uniqueIndex("system_addresses_address_uq").on(sql`lower(${t.address})`)],
);

export const settings = pgTable("settings", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  ...timestamps,
});
