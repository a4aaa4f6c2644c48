import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import * as s from "@/db/schema";
import { chooseLocale } from "@/server/i18n/choose-locale";
import { translate } from "@/server/i18n/translate";
import { defaultAutoResponseText } from "@/server/services/notifications/auto-response-defaults";
import { sendAutoResponse } from "@/server/services/notifications/auto-response";
import { notifyAgentsOf } from "@/server/services/notifications/agents";
import { getSetting, setSetting } from "@/server/services/settings";
import { registerCustomer } from "@/server/services/users/register";
import { locales } from "@/server/i18n/config";
import { callerFor } from "../helpers/caller";
import { createAgent, createCustomer, createQueue, createTicket } from "../factories";

const tag = () => randomUUID().slice(0, 8);
const deskDefault = () => getSetting(db, "system.default_language");
const FSI = "\u2068";
const PDI = "\u2069";
const plain = (text: string | null | undefined) => (text ?? "").replaceAll(FSI, "").replaceAll(PDI, "");

afterEach(async () => {
  await setSetting(db, "system.default_language", "en");
  await setSetting(db, "auth.registration", "approval");
});

describe("which language a page is shown in", () => {
  it("takes the profile's language first, then the visitor's pick, then Accept-Language, then the desk default", async () => {
    await setSetting(db, "system.default_language", "de");
    const all = { profile: "fa", chosen: "pl", acceptLanguage: "de-AT,de;q=0.9", deskDefault };
    expect(await chooseLocale(all)).toBe("fa");
    expect(await chooseLocale({ ...all, profile: null })).toBe("pl");
    expect(await chooseLocale({ ...all, profile: null, chosen: null, acceptLanguage: "fa-IR,fa;q=0.9,en;q=0.5" })).toBe("fa");
    // q-values decide, not the order written; a region falls back to its language.
    expect(await chooseLocale({ deskDefault, acceptLanguage: "en;q=0.2, pl-PL;q=0.8, *;q=0.1" })).toBe("pl");
    // Nothing the desk ships: the desk default (from the settings screen's setting).
    expect(await chooseLocale({ deskDefault, acceptLanguage: "sv-SE,sv;q=0.9,*;q=0.5" })).toBe("de");
    expect(await chooseLocale({ deskDefault, profile: "sv", chosen: "xx" })).toBe("de");
    await setSetting(db, "system.default_language", "en");
    expect(await chooseLocale({ deskDefault })).toBe("en");
  });

  it("keeps a profile language the user chose and the sign-up page's language", async () => {
    const customer = await createCustomer();
    await callerFor(customer).account.updateProfile({ name: customer.name, language: "pl", timeZone: "Europe/Warsaw", emailNotifications: {}, preferGregorian: true });
    const [row] = await db.select({ language: s.users.language, preferGregorian: s.users.preferGregorian }).from(s.users).where(eq(s.users.id, customer.id));
    expect(row).toEqual({ language: "pl", preferGregorian: true });
    expect((await callerFor({ ...customer, language: "pl", preferGregorian: true }).account.profile()).preferGregorian).toBe(true);
  });
});

describe("mails in the recipient's language", () => {
  it("a customer who signs up in Persian gets the confirmation in Persian", async () => {
    await setSetting(db, "auth.registration", "open");
    const email = `farsi-${tag()}@customer.example`;
    await registerCustomer(db, { name: "سارا", email, password: "a-long-password", language: "fa" });
    const [user] = await db.select({ language: s.users.language }).from(s.users).where(eq(s.users.email, email));
    expect(user?.language).toBe("fa");
    const [mail] = await db.select().from(s.outbox).where(eq(s.outbox.toAddresses, email));
    expect(mail?.subject).toBe(translate("fa", "accountMail.confirm.subject"));
    expect(mail?.subject).toMatch(/[\u0600-\u06FF]/);
  });

  it("the receipt follows the customer's language among the queue's texts, else the desk default", async () => {
    const queue = await createQueue();
    const [response] = await db.insert(s.autoResponses).values({ name: `Receipt ${tag()}`, type: "new_ticket" }).returning();
    await db.insert(s.autoResponseTexts).values(locales.map((language) => ({ autoResponseId: response!.id, language, ...defaultAutoResponseText(language, "new_ticket") })));
    await db.insert(s.queueAutoResponses).values({ queueId: queue.id, type: "new_ticket", autoResponseId: response!.id });
    for (const language of ["fa", "pl", "de", "en"] as const) {
      const customer = await createCustomer({ language });
      const title = `Drucker ${tag()}`;
      const ticket = await createTicket({ customer, queue, title });
      const [first] = await db.select({ id: s.articles.id }).from(s.articles).where(eq(s.articles.ticketId, ticket.id));
      await sendAutoResponse(db, { ticketId: ticket.id, articleId: first!.id, type: "new_ticket" });
      const [mail] = await db.select().from(s.outbox).where(and(eq(s.outbox.toAddresses, customer.email), eq(s.outbox.kind, "auto_response")));
      const expected = translate(language, "autoResponseDefaults.new_ticket.body", { number: ticket.number });
      expect(plain(mail?.bodyText)).toBe(plain(expected));
      expect(plain(mail?.subject)).toContain(title);
    }
  });

  it("agents are told in their own language; one with an unshipped language in the desk default", async () => {
    const queue = await createQueue();
    await db.insert(s.notificationRules).values({ name: `Owner ${tag()}`, event: "owner_changed", recipients: { owner: true }, channels: { email: true, app: true } });
    const customer = await createCustomer();
    await setSetting(db, "system.default_language", "de");
    for (const language of ["pl", "fa", "sv"]) {
      const agent = await createAgent({ queues: [queue], values: { language } });
      const title = `Printer ${tag()}`;
      const ticket = await createTicket({ customer, queue, title });
      await db.update(s.tickets).set({ ownerId: agent.id }).where(eq(s.tickets.id, ticket.id));
      await notifyAgentsOf(db, { ticketId: ticket.id, event: "owner_changed", version: 2 });
      const reader = language === "sv" ? "de" : language;
      const [mail] = await db.select().from(s.outbox).where(and(eq(s.outbox.toAddresses, agent.email), eq(s.outbox.kind, "notification")));
      expect(plain(mail?.bodyText)).toBe(plain(translate(reader, "agentNotifications.owner_changed.body", { title, number: ticket.number })));
      const [note] = await db.select().from(s.notifications).where(eq(s.notifications.userId, agent.id));
      expect(plain(note?.title)).toBe(plain(translate(reader, "agentNotifications.owner_changed.title", { title, number: ticket.number })));
    }
  });

  it("isolates Latin tokens inside right-to-left sentences, and only there", () => {
    expect(translate("fa", "autoResponseDefaults.new_ticket.body", { number: "2026120510000012" })).toContain(`${FSI}2026120510000012${PDI}`);
    expect(translate("en", "autoResponseDefaults.new_ticket.body", { number: "2026120510000012" })).not.toContain(FSI);
  });
});

describe("digits typed on a Persian or Arabic keyboard", () => {
  const persian = (latin: string) => latin.replace(/\d/g, (d) => String.fromCodePoint(0x06f0 + Number(d)));
  const arabic = (latin: string) => latin.replace(/\d/g, (d) => String.fromCodePoint(0x0660 + Number(d)));

  it("find a ticket by its number in the list filter and in search", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const customer = await createCustomer();
    const ticket = await createTicket({ customer, queue, title: `Digits ${tag()}` });
    const list = await callerFor(agent).ticket.list({ queueIds: [queue.id], text: persian(ticket.number.slice(0, 12)) });
    expect(list.items.map((t) => t.id)).toEqual([ticket.id]);
    const mine = await callerFor(customer).ticket.list({ text: arabic(ticket.number) });
    expect(mine.items.map((t) => t.id)).toEqual([ticket.id]);
    const found = await callerFor(agent).search.tickets({ query: persian(ticket.number) });
    expect(found.items.map((t) => t.id)).toContain(ticket.id);
  });

  it("are read as Latin digits in a calendar's hours and holidays", async () => {
    const admin = await createAgent({ admin: true });
    const name = `Persian hours ${tag()}`;
    const { id } = await callerFor(admin).adminConfig.calendarCreate({
      name,
      timeZone: "Asia/Tehran",
      workingHours: { sat: [[persian("08:00"), persian("16:00")]], sun: [[arabic("09:30"), arabic("17:00")]] },
      holidays: [{ date: persian("2027-03-21"), name: "نوروز", recurring: false }],
    });
    const [row] = await db.select().from(s.calendars).where(eq(s.calendars.id, id));
    expect(row?.workingHours).toMatchObject({ sat: [["08:00", "16:00"]], sun: [["09:30", "17:00"]] });
    expect(row?.holidays).toEqual([{ date: "2027-03-21", name: "نوروز", recurring: false }]);
  });

  it("are read as Latin digits in a ticket number typed to merge or link", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const customer = await createCustomer();
    const a = await createTicket({ customer, queue });
    const b = await createTicket({ customer, queue });
    await callerFor(agent).ticket.link({ ticketId: a.id, otherNumber: persian(b.number), type: "normal" });
    const links = await db.select().from(s.ticketLinks).where(eq(s.ticketLinks.sourceTicketId, a.id));
    expect(links.map((l) => l.targetTicketId)).toEqual([b.id]);
  });
});
