import { eq, sql } from "drizzle-orm";
import { createDb, type Db } from "@/db";
import * as s from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { BOSS_SCHEMA, stopProducer } from "@/jobs/boss";
import { notifyAgents } from "@/jobs/definitions/notify-agents";
import { hashPassword } from "@/server/auth/password";
import { addNote, reply } from "@/server/services/articles/add";
import { closeTicket, lockTicket, setPriority, setState, unlockTicket } from "@/server/services/tickets/change";
import { createTicket } from "@/server/services/tickets/create";
import { setClockOffset } from "@/server/time/clock";
import { markPassedTimersTold } from "@/server/services/tickets/lifecycle";
import { DEMO_TICKETS } from "./demo-tickets";
import { availableLocales } from "@/server/i18n/config";
import { defaultAutoResponseText } from "@/server/services/notifications/auto-response-defaults";

const minutes = (n: number) => n * 60_000;

export const DEMO_PASSWORD = "demo1234";

/** The demo desk: queues, groups, roles, agents, customers and ~50 tickets in every state. */
export async function seedDemo(url: string): Promise<void> {
  const db = createDb(url, 2);
  try {
    const [done] = await db.select({ key: s.settings.key }).from(s.settings).where(eq(s.settings.key, "demo.seeded")).limit(1);
    if (done) return;
    const [already] = await db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, "admin@example.com")).limit(1);
    if (already) throw new Error("an earlier demo seed was interrupted: stop the desk and delete the data directory (.data) to start over");
    await seedDirectory(db);
    await seedTickets(db);
    await forgetDemoNotifications(db);
    await db.insert(s.settings).values({ key: "demo.seeded", value: new Date().toISOString() });
  } finally {
    await stopProducer();
    await db.$client.end();
  }
}

/**
 * The demo's history happened before anyone signed in: its "new ticket" and "follow-up" events
 * must not greet each demo agent with dozens of unread notifications. The seed runs before the
 * worker starts, so its queued agent notifications are dropped; mails to customers stay queued.
 * SLA deadlines that passed in that history count as told (the dashboard still lists them as
 * escalated); only those still ahead notify when they pass.
 */
async function forgetDemoNotifications(db: Db) {
  await db.execute(sql`delete from ${sql.identifier(BOSS_SCHEMA)}.job where name = ${notifyAgents.name} and state = 'created'`);
  await markPassedTimersTold(db);
}

async function seedDirectory(db: Db) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { calendarOf, standardSla, premiumSla } = await seedSlas(db);
  const [acme, globex] = await db
    .insert(s.customerCompanies)
    .values([
      { name: "Acme Corporation", customerNumber: "C-1001", city: "Kraków", country: "Poland", slaId: premiumSla },
      { name: "Globex GmbH", customerNumber: "C-1002", city: "Berlin", country: "Germany" },
    ])
    .returning();
  const groupRows = await db.insert(s.groups).values([{ name: "support" }, { name: "sales" }, { name: "it" }, { name: "hr" }]).returning();
  const group = (name: string) => groupRows.find((g) => g.name === name)!.id;
  const [users, admin] = await Promise.all([
    db.select().from(s.groups).where(eq(s.groups.name, "users")),
    db.select().from(s.groups).where(eq(s.groups.name, "admin")),
  ]);
  const [salutation] = await db.insert(s.salutations).values({ name: "Standard", body: "Dear <CUSTOMER_NAME>,\n" }).returning();
  const [signature] = await db.insert(s.signatures).values({ name: "Standard", body: "\nKind regards,\n<AGENT_NAME>\n<QUEUE_NAME> · Example Help Desk" }).returning();
  const open = (await db.select().from(s.states).where(eq(s.states.name, "open")))[0]!;
  const queueDefaults = { salutationId: salutation!.id, signatureId: signature!.id, defaultNextStateId: open.id, unlockTimeoutMinutes: 120 };
  const [support] = await db.insert(s.queues).values({ name: "Support", groupId: group("support"), ...queueDefaults, customerVisible: false }).returning();
  const queueRows = await db
    .insert(s.queues)
    .values([
      { name: "Support::1st level", parentId: support!.id, groupId: group("support"), ...queueDefaults, customerMayChoosePriority: true, calendarId: calendarOf("Support"), slaId: standardSla },
      { name: "Support::2nd level", parentId: support!.id, groupId: group("support"), ...queueDefaults, customerVisible: false, calendarId: calendarOf("Support"), slaId: standardSla },
      { name: "Sales", groupId: group("sales"), ...queueDefaults, followUp: "new_ticket", calendarId: calendarOf("Sales"), slaId: standardSla },
      { name: "IT", groupId: group("it"), ...queueDefaults, customerMayChoosePriority: true, calendarId: calendarOf("IT"), slaId: standardSla },
      { name: "HR", groupId: group("hr"), ...queueDefaults, followUp: "reject", customerVisible: false, calendarId: calendarOf("HR"), slaId: standardSla },
    ])
    .returning();
  await db.insert(s.systemAddresses).values([
    { address: "support@example.com", displayName: "Example Help Desk", queueId: queueRows[0]!.id },
    { address: "sales@example.com", displayName: "Example Sales", queueId: queueRows[2]!.id },
    { address: "it@example.com", displayName: "Example IT", queueId: queueRows[3]!.id },
  ]);
  await db.insert(s.templates).values([
    { name: "Thanks, looking into it", kinds: ["reply"], body: "Thank you for your message about ticket <TICKET_NUMBER>. We are looking into it and will get back to you shortly." },
    { name: "Solved", kinds: ["reply"], body: "We believe this is now solved. If anything is still wrong, simply reply to this message." },
  ]);
  const autoRows = await db
    .insert(s.autoResponses)
    .values([
      { name: "Receipt", type: "new_ticket" },
      { name: "Follow-up receipt", type: "follow_up" },
      { name: "Rejection", type: "reject" },
    ])
    .returning();
  // One text per shipped language, from the catalogs: a customer's receipt is in their language.
  await db.insert(s.autoResponseTexts).values(autoRows.flatMap((a) => availableLocales.map((language) => ({ autoResponseId: a.id, language, ...defaultAutoResponseText(language, a.type) }))));
  for (const q of queueRows) {
    await db.insert(s.queueAutoResponses).values(autoRows.map((a) => ({ queueId: q.id, type: a.type, autoResponseId: a.id })));
  }

  const roleRows = await db
    .insert(s.roles)
    .values([{ name: "Administrators" }, { name: "Support agents" }, { name: "Sales agents" }, { name: "IT agents" }, { name: "HR agents" }])
    .returning();
  const role = (name: string) => roleRows.find((r) => r.name === name)!.id;
  const allGroups = [...groupRows.map((g) => g.id), users[0]!.id, admin[0]!.id];
  await db.insert(s.roleGroupPermissions).values([
    ...allGroups.map((groupId) => ({ roleId: role("Administrators"), groupId, permission: "rw" as const })),
    { roleId: role("Support agents"), groupId: group("support"), permission: "rw" },
    { roleId: role("Support agents"), groupId: users[0]!.id, permission: "rw" },
    { roleId: role("Support agents"), groupId: group("sales"), permission: "ro" },
    { roleId: role("Sales agents"), groupId: group("sales"), permission: "rw" },
    { roleId: role("IT agents"), groupId: group("it"), permission: "rw" },
    { roleId: role("HR agents"), groupId: group("hr"), permission: "rw" },
  ]);
  const people = await db
    .insert(s.users)
    .values([
      { email: "admin@example.com", name: "Ada Admin", role: "admin", passwordHash },
      { email: "agent@example.com", name: "Alex Agent", role: "agent", passwordHash },
      { email: "agent2@example.com", name: "Jana Nowak", role: "agent", passwordHash, language: "en", timeZone: "Europe/Warsaw" },
      { email: "agent3@example.com", name: "Max Müller", role: "agent", passwordHash, timeZone: "Europe/Berlin" },
      { email: "customer@example.com", name: "Carla Customer", role: "customer", passwordHash, companyId: acme!.id, seesCompanyTickets: true },
      { email: "colleague@example.com", name: "Piotr Kowalski", role: "customer", passwordHash, companyId: acme!.id },
      { email: "customer2@example.com", name: "Gustav Globex", role: "customer", passwordHash, companyId: globex!.id },
      { email: "pending@example.com", name: "Pat Pending", role: "customer", passwordHash, approved: false },
    ])
    .returning({ id: s.users.id, email: s.users.email });
  const person = (email: string) => people.find((p) => p.email === email)!.id;
  await db.insert(s.userRoles).values([
    { userId: person("admin@example.com"), roleId: role("Administrators") },
    { userId: person("agent@example.com"), roleId: role("Support agents") },
    { userId: person("agent@example.com"), roleId: role("IT agents") },
    { userId: person("agent2@example.com"), roleId: role("Sales agents") },
    { userId: person("agent2@example.com"), roleId: role("HR agents") },
    { userId: person("agent3@example.com"), roleId: role("Support agents") },
  ]);
  await db.insert(s.queueSubscriptions).values([
    { queueId: queueRows[0]!.id, userId: person("agent@example.com") },
    { queueId: queueRows[3]!.id, userId: person("agent@example.com") },
    { queueId: queueRows[2]!.id, userId: person("agent2@example.com") },
  ]);
}

/**
 * A calendar per queue (office hours in the queue's city, with its public holidays) and one
 * round the clock; "Standard" counts in the queue's calendar, "Premium" (Acme's) round the clock.
 */
async function seedSlas(db: Db) {
  const week = (hours: [string, string][]) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [], sun: [] });
  const yearly = (date: string, name: string) => ({ date, name, recurring: true });
  const holidays = [yearly("01-01", "New Year's Day"), yearly("12-25", "Christmas Day"), yearly("12-26", "Second day of Christmas")];
  const calendars = await db
    .insert(s.calendars)
    .values([
      { name: "Support (Kraków office hours)", timeZone: "Europe/Warsaw", workingHours: week([["08:00", "12:00"], ["12:30", "17:00"]]), holidays: [...holidays, yearly("05-03", "Constitution Day"), yearly("11-11", "Independence Day")] },
      { name: "Sales (Berlin office hours)", timeZone: "Europe/Berlin", workingHours: week([["09:00", "18:00"]]), holidays: [...holidays, yearly("10-03", "German Unity Day")] },
      { name: "IT (New York, two shifts)", timeZone: "America/New_York", workingHours: week([["07:00", "15:00"], ["15:00", "23:00"]]), holidays: [yearly("01-01", "New Year's Day"), yearly("07-04", "Independence Day"), yearly("12-25", "Christmas Day")] },
      { name: "HR (Kraków office hours)", timeZone: "Europe/Warsaw", workingHours: week([["09:00", "15:00"]]), holidays },
      { name: "Round the clock", timeZone: "UTC", workingHours: { ...week([["00:00", "24:00"]]), sat: [["00:00", "24:00"]], sun: [["00:00", "24:00"]] }, holidays: [] },
    ])
    .returning({ id: s.calendars.id, name: s.calendars.name });
  const calendarOf = (prefix: string) => calendars.find((c) => c.name.startsWith(prefix))!.id;
  const [standard, premium] = await db
    .insert(s.slas)
    .values([
      { name: "Standard", firstResponseMinutes: 240, updateMinutes: 480, solutionMinutes: 2400, warnPercent: 75 },
      { name: "Premium", calendarId: calendarOf("Round"), firstResponseMinutes: 60, updateMinutes: 120, solutionMinutes: 480, warnPercent: 80, pauseWhenPending: true },
    ])
    .returning({ id: s.slas.id });
  await db.insert(s.notificationRules).values({ name: "SLA escalations: owner and the queue's watchers", event: "escalation", recipients: { owner: true, queueSubscribers: true }, channels: { app: true, email: false } }).onConflictDoNothing();
  return { calendarOf, standardSla: standard!.id, premiumSla: premium!.id };
}

async function actorFor(db: Db, email: string): Promise<Actor> {
  const [u] = await db.select().from(s.users).where(eq(s.users.email, email));
  if (!u) throw new Error(`demo user ${email} missing`);
  return { id: u.id, role: u.role, email: u.email, name: u.name, language: u.language, timeZone: u.timeZone, preferGregorian: u.preferGregorian, companyId: u.companyId, seesCompanyTickets: u.seesCompanyTickets };
}

async function seedTickets(db: Db) {
  const queueRows = await db.select({ id: s.queues.id, name: s.queues.name }).from(s.queues);
  const stateRows = await db.select({ id: s.states.id, name: s.states.name }).from(s.states);
  const priorityRows = await db.select({ id: s.priorities.id, level: s.priorities.level }).from(s.priorities);
  const emails = [...new Set(DEMO_TICKETS.flatMap((t) => [t.customer, t.agent]))];
  const actors = new Map(await Promise.all(emails.map(async (e) => [e, await actorFor(db, e)] as const)));
  for (const [i, t] of DEMO_TICKETS.entries()) {
    // Each ticket opened a while ago (up to ~10 hours): the lifecycle's own clock places it there,
    // and its deadlines come from the real recompute, so the dashboard shows escalated and
    // escalating tickets as soon as the desk starts.
    setClockOffset(-minutes((i * 47) % 600));
    const customer = actors.get(t.customer)!;
    const agent = actors.get(t.agent)!;
    const queueId = queueRows.find((q) => q.name === t.queue)!.id;
    // Queues hidden from customers get their tickets the way agents would: a phone call.
    const created =
      t.queue === "Support::2nd level"
        ? await createTicket(db, agent, { channel: "phone", queueId, title: t.title, body: t.body, customerEmail: t.customer })
        : await createTicket(db, customer, { channel: "web", queueId, title: t.title, body: t.body });
    // The desk's work on it happens now (a lock taken hours ago would expire at once).
    setClockOffset(0);
    const version = async () => (await db.select({ v: s.tickets.version }).from(s.tickets).where(eq(s.tickets.id, created.id)))[0]!.v;
    if (t.priority !== 3) await setPriority(db, agent, { ticketId: created.id, version: await version(), priorityId: priorityRows.find((p) => p.level === t.priority)!.id });
    if (t.state === "new") continue;
    await lockTicket(db, agent, { ticketId: created.id, version: await version() });
    if (t.note) await addNote(db, agent, { ticketId: created.id, body: t.note, timeUnits: 5 });
    if (t.answer) await reply(db, agent, { ticketId: created.id, body: t.answer, timeUnits: 10 });
    if (t.followUp) await reply(db, customer, { ticketId: created.id, body: t.followUp });
    const target = stateRows.find((st) => st.name === t.state)!;
    if (t.state.startsWith("closed")) {
      if (t.state === "closed successful") await closeTicket(db, agent, { ticketId: created.id });
      else await setState(db, agent, { ticketId: created.id, version: await version(), stateId: target.id });
    } else if (t.state.startsWith("pending")) {
      await setState(db, agent, { ticketId: created.id, version: await version(), stateId: target.id, pendingUntil: new Date(Date.now() + 3 * 86_400_000) });
    } else if (t.state === "open" && !t.locked) {
      await unlockTicket(db, agent, { ticketId: created.id, version: await version() });
    }
  }
}
