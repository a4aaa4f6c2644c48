import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import * as s from "@/db/schema";
import type { JobHandler } from "@/jobs/handle";
import { autoRespondHandler } from "@/jobs/handlers/auto-respond";
import { notifyAgentsHandler } from "@/jobs/handlers/notify-agents";
import { notifyCustomerHandler } from "@/jobs/handlers/notify-customer";
import { setSetting } from "@/server/services/settings";
import { callerFor } from "../helpers/caller";
import { createAgent, createCustomer, createQueue, createTicket, stateNamed, ticketRow } from "../factories";

const token = () => randomUUID().slice(0, 8);
type Prefs = (typeof s.users.$inferInsert)["notificationPrefs"];

/** Runs the queued jobs of one kind for one ticket, as the worker would (twice: a retry must add nothing). */
async function runJobs<P extends import("zod").ZodType>({ job, run }: JobHandler<P>, ticketId: number): Promise<number> {
  const rows = await db.execute<{ data: unknown }>(sql`select data from pgboss.job where name = ${job.name} and (data->>'ticketId')::bigint = ${ticketId}`);
  for (let round = 0; round < 2; round++) for (const row of rows) await run(db, job.payload.parse(row.data));
  return rows.length;
}

const mailsTo = (address: string) => db.select().from(s.outbox).where(eq(s.outbox.toAddresses, address.toLowerCase())).orderBy(s.outbox.id);
const inApp = (userId: number, ticketId: number) => db.select().from(s.notifications).where(and(eq(s.notifications.userId, userId), eq(s.notifications.ticketId, ticketId)));

async function watcher(queue: { id: number; groupId: number }, prefs: Prefs = {}) {
  const agent = await createAgent({ queues: [queue], values: { notificationPrefs: prefs } });
  await db.insert(s.queueSubscriptions).values({ queueId: queue.id, userId: agent.id });
  return agent;
}

/** A queue whose receipt exists in English and German. */
async function queueWithReceipts() {
  const queue = await createQueue();
  for (const type of ["new_ticket", "reject"] as const) {
    const [response] = await db.insert(s.autoResponses).values({ name: `${type} ${token()}`, type }).returning();
    await db.insert(s.autoResponseTexts).values([
      { autoResponseId: response!.id, language: "en", subject: "Received: <TICKET_TITLE>", body: `English ${type}` },
      { autoResponseId: response!.id, language: "de", subject: "Erhalten: <TICKET_TITLE>", body: `Deutsch ${type}` },
    ]);
    await db.insert(s.queueAutoResponses).values({ queueId: queue.id, type, autoResponseId: response!.id });
  }
  return queue;
}

afterEach(async () => {
  await setSetting(db, "system.default_language", "en");
});

describe("agents' notification choices", () => {
  it("a portal ticket notifies the queue's watchers on exactly the channels each one chose", async () => {
    const queue = await createQueue();
    const both = await watcher(queue);
    const appOnly = await watcher(queue, { new_ticket: { email: false } });
    const mailOnly = await watcher(queue, { new_ticket: { app: false } });
    const neither = await watcher(queue, { new_ticket: { app: false, email: false } });
    // Only the new-ticket choice is off: follow-ups are another event.
    const otherEvent = await watcher(queue, { follow_up: { app: false, email: false } });
    const { id } = await createTicket({ customer: await createCustomer(), queue });

    expect(await runJobs(notifyAgentsHandler, id)).toBe(1);
    for (const [agent, app, mail] of [
      [both, 1, 1],
      [appOnly, 1, 0],
      [mailOnly, 0, 1],
      [neither, 0, 0],
      [otherEvent, 1, 1],
    ] as const) {
      expect({ who: agent.email, app: (await inApp(agent.id, id)).length, mail: (await mailsTo(agent.email)).length }).toEqual({ who: agent.email, app, mail });
    }
  });

  it("a customer's reply in the portal notifies the owner, by mail only when the owner wants follow-up mail", async () => {
    const queue = await createQueue();
    const customer = await createCustomer();
    const keen = await createAgent({ queues: [queue] });
    const quiet = await createAgent({ queues: [queue], values: { notificationPrefs: { follow_up: { email: false } } } });
    for (const [owner, mails] of [
      [keen, 1],
      [quiet, 0],
    ] as const) {
      const { id } = await createTicket({ customer, queue });
      await db.update(s.tickets).set({ ownerId: owner.id }).where(eq(s.tickets.id, id));
      await callerFor(customer).article.reply({ ticketId: id, body: "Any news?" });
      await runJobs(notifyAgentsHandler, id);
      expect((await inApp(owner.id, id)).map((n) => n.kind)).toEqual(["follow_up"]);
      expect(await mailsTo(owner.email)).toHaveLength(mails);
    }
  });
});

describe("customers' notification choices and language", () => {
  it("the receipt for a portal ticket comes in the customer's language, else the desk's default, else English", async () => {
    const queue = await queueWithReceipts();
    const german = await createCustomer({ language: "de" });
    const polish = await createCustomer({ language: "pl" });
    for (const customer of [german, polish]) await runJobs(autoRespondHandler, (await createTicket({ customer, queue })).id);
    expect((await mailsTo(german.email)).map((m) => m.bodyText)).toEqual(["Deutsch new_ticket"]);
    expect((await mailsTo(polish.email)).map((m) => m.bodyText)).toEqual(["English new_ticket"]);

    await setSetting(db, "system.default_language", "de");
    const persian = await createCustomer({ language: "fa" });
    await runJobs(autoRespondHandler, (await createTicket({ customer: persian, queue })).id);
    expect((await mailsTo(persian.email)).map((m) => m.bodyText)).toEqual(["Deutsch new_ticket"]);
  });

  it("a customer who turned receipts off gets none, but a rejection still reaches them", async () => {
    const queue = await queueWithReceipts();
    const customer = await createCustomer({ notificationPrefs: { ticket_received: { email: false } } });
    const { id } = await createTicket({ customer, queue });
    expect(await runJobs(autoRespondHandler, id)).toBe(1);
    expect(await mailsTo(customer.email)).toHaveLength(0);

    const [article] = await db.select({ id: s.articles.id }).from(s.articles).where(eq(s.articles.ticketId, id));
    await autoRespondHandler.run(db, { ticketId: id, articleId: article!.id, type: "reject" });
    expect((await mailsTo(customer.email)).map((m) => m.bodyText)).toEqual(["English reject"]);
  });

  it("an agent closing the ticket mails the customer, unless the customer turned it off; replies are mailed either way", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const told = await createCustomer({ name: "Tess Told" });
    const quiet = await createCustomer({ notificationPrefs: { ticket_closed: { email: false } } });
    for (const customer of [told, quiet]) {
      const { id } = await createTicket({ customer, queue });
      await callerFor(agent).article.reply({ ticketId: id, body: "Fixed it for you." });
      await callerFor(agent).ticket.close({ ticketId: id, version: (await ticketRow(id)).version });
      expect(await runJobs(notifyCustomerHandler, id)).toBe(1);
    }
    const toldMail = await mailsTo(told.email);
    expect(toldMail.map((m) => m.kind)).toEqual(["reply", "notification"]);
    expect(toldMail[1]!.subject).toMatch(/^\[Ticket#\d+\] Closed: /);
    expect(toldMail[1]!.bodyText).toContain("Hello Tess Told");
    expect(toldMail[1]!.headers).toMatchObject({ "Auto-Submitted": "auto-generated" });
    expect((await mailsTo(quiet.email)).map((m) => m.kind)).toEqual(["reply"]);
  });

  it("no closing mail when the customer closed it, or when the closing came with a reply", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const customer = await createCustomer();
    const own = await createTicket({ customer, queue });
    await callerFor(customer).ticket.close({ ticketId: own.id });
    expect(await runJobs(notifyCustomerHandler, own.id)).toBe(0);

    const answered = await createTicket({ customer, queue });
    await callerFor(agent).article.reply({ ticketId: answered.id, body: "Done, closing.", nextStateId: (await stateNamed("closed successful")).id });
    expect((await ticketRow(answered.id)).stateType).toBe("closed");
    expect(await runJobs(notifyCustomerHandler, answered.id)).toBe(0);
    expect((await mailsTo(customer.email)).map((m) => m.kind)).toEqual(["reply"]);
  });
});
