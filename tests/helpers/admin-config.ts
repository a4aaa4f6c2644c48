import { eq } from "drizzle-orm";
import { db } from "@/db";
import * as s from "@/db/schema";
import { getSettings } from "@/server/services/admin/config-settings";
import { createQueue } from "../factories";
import { uniqueName } from "./admin-directory";
import { rawMail } from "./mail";

// Configuration records by direct insert (no audit row), for tests that need one to change.

export async function bareState(type: (typeof s.states.$inferInsert)["type"] = "open") {
  const [row] = await db.insert(s.states).values({ name: uniqueName("state"), type }).returning();
  return row!;
}

export async function barePriority() {
  const [row] = await db.insert(s.priorities).values({ name: uniqueName("priority"), level: 2 }).returning();
  return row!;
}

export async function bareType() {
  const [row] = await db.insert(s.ticketTypes).values({ name: uniqueName("type") }).returning();
  return row!;
}

export async function bareService() {
  const [row] = await db.insert(s.services).values({ name: uniqueName("service") }).returning();
  return row!;
}

export async function bareCalendar() {
  const [row] = await db
    .insert(s.calendars)
    .values({ name: uniqueName("calendar"), timeZone: "Europe/Warsaw", workingHours: { mon: [["08:00", "16:00"]] } })
    .returning();
  return row!;
}

export async function bareTemplate() {
  const [row] = await db.insert(s.templates).values({ name: uniqueName("template"), body: "Hello <CUSTOMER_NAME>" }).returning();
  return row!;
}

export async function bareSnippet(kind: "signature" | "salutation") {
  const table = kind === "signature" ? s.signatures : s.salutations;
  const [row] = await db.insert(table).values({ name: uniqueName(kind), body: kind === "signature" ? "Regards, <AGENT_NAME>" : "Dear <CUSTOMER_NAME>," }).returning();
  return row!;
}

export async function bareAutoResponse() {
  const [row] = await db.insert(s.autoResponses).values({ name: uniqueName("auto"), type: "new_ticket" }).returning();
  await db.insert(s.autoResponseTexts).values({ autoResponseId: row!.id, language: "en", subject: "Received", body: "We got it: <TICKET_NUMBER>" });
  return row!;
}

export async function bareNotificationRule() {
  const [row] = await db.insert(s.notificationRules).values({ name: uniqueName("rule"), event: "new_ticket", recipients: { owner: true }, channels: { email: true, app: true } }).returning();
  return row!;
}

export async function bareSystemAddress() {
  const queue = await createQueue();
  const [row] = await db
    .insert(s.systemAddresses)
    .values({ address: `${uniqueName("desk").replace(" ", "-")}@desk.example`, displayName: "Desk", queueId: queue.id })
    .returning();
  return row!;
}

export async function bareFilter() {
  const [row] = await db
    .insert(s.postmasterFilters)
    .values({ name: uniqueName("filter"), match: [{ field: "subject", pattern: "never-matches-anything", regex: false }], set: { ignore: true } })
    .returning();
  return row!;
}

export async function defaultQueue() {
  const [row] = await db.select().from(s.queues).where(eq(s.queues.isDefault, true));
  return row!;
}

/** A plain message as an admin would paste it into the filter dry run. */
export const pastedMessage = () => rawMail().raw.toString("utf8");

/** The settings as they are, for an update that changes nothing. */
export const currentSettings = () => getSettings(db);
