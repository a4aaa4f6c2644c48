import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import * as s from "@/db/schema";
import { ingestMail } from "@/server/mail/postmaster";
import { setSetting } from "@/server/services/settings";
import { bareService, bareType } from "../helpers/admin-config";
import { callerFor } from "../helpers/caller";
import { buildMail } from "../helpers/mail";
import { expectRefusedWithoutTrace } from "../helpers/refusals";
import { createTemplate } from "../helpers/zoom";
import { createAgent, createCustomer, createQueue, createTicket, ticketRow } from "../factories";

const history = (ticketId: number) =>
  db
    .select({ event: s.ticketHistory.event, oldId: s.ticketHistory.oldId, newId: s.ticketHistory.newId, newValue: s.ticketHistory.newValue })
    .from(s.ticketHistory)
    .where(eq(s.ticketHistory.ticketId, ticketId))
    .orderBy(asc(s.ticketHistory.id));

async function setup() {
  const queue = await createQueue();
  const agent = await createAgent({ queues: [queue] });
  const { id } = await createTicket({ customer: await createCustomer(), queue });
  return { queue, agent, id, type: await bareType(), service: await bareService() };
}

afterEach(async () => {
  await setSetting(db, "portal.customer_may_choose_service", false);
});

describe("ticket type and service", () => {
  it("an agent sets and then clears them in the zoom, each change a history row", async () => {
    const { agent, id, type, service } = await setup();
    const t = callerFor(agent).ticket;
    await t.setClassification({ ticketId: id, version: (await ticketRow(id)).version, typeId: type.id, serviceId: service.id });
    expect(await ticketRow(id)).toMatchObject({ typeId: type.id, serviceId: service.id });
    await t.setClassification({ ticketId: id, version: (await ticketRow(id)).version, typeId: null });
    expect(await ticketRow(id)).toMatchObject({ typeId: null, serviceId: service.id });
    expect((await history(id)).filter((h) => h.event.endsWith("_changed"))).toEqual([
      { event: "type_changed", oldId: null, newId: type.id, newValue: type.name },
      { event: "service_changed", oldId: null, newId: service.id, newValue: service.name },
      { event: "type_changed", oldId: type.id, newId: null, newValue: null },
    ]);
  });

  it("an unknown or disabled type or service is refused with a clear message and nothing is written", async () => {
    const { agent, id, type, service } = await setup();
    await db.update(s.services).set({ valid: false }).where(eq(s.services.id, service.id));
    const version = (await ticketRow(id)).version;
    const t = callerFor(agent).ticket;
    const unknown = await expectRefusedWithoutTrace(id, () => t.setClassification({ ticketId: id, version, typeId: 987654321 }), "BAD_REQUEST");
    expect(unknown).toMatchObject({ message: expect.stringMatching(/invalid ticket type/) });
    // The valid type in the same call is not written either.
    await expectRefusedWithoutTrace(id, () => t.setClassification({ ticketId: id, version, typeId: type.id, serviceId: service.id }), "BAD_REQUEST");
  });

  it("an agent with less than rw may not set them", async () => {
    const { queue, id, type } = await setup();
    const reader = await createAgent({ queues: [queue], permissions: ["ro", "priority"] });
    const version = (await ticketRow(id)).version;
    await expectRefusedWithoutTrace(id, () => callerFor(reader).ticket.setClassification({ ticketId: id, version, typeId: type.id }), "FORBIDDEN");
  });

  it("bulk: sets the type on many tickets and leaves the service as it is", async () => {
    const { queue, agent, type, service } = await setup();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await createTicket({ customer: await createCustomer(), queue })).id);
    await db.update(s.tickets).set({ serviceId: service.id }).where(eq(s.tickets.id, ids[0]!));
    const result = await callerFor(agent).ticket.bulk({ ticketIds: ids, action: "classify", params: { typeId: type.id } });
    expect(result).toMatchObject({ done: 3, refused: 0 });
    for (const id of ids) expect((await ticketRow(id)).typeId).toBe(type.id);
    expect((await ticketRow(ids[0]!)).serviceId).toBe(service.id);
    expect((await history(ids[1]!)).map((h) => h.event)).toContain("type_changed");
  });

  it("agents choose type and service on new tickets; customers may choose a customer-visible service only where the admin allows it", async () => {
    const { queue, agent, type, service } = await setup();
    const created = await callerFor(agent).ticket.create({ channel: "internal", queueId: queue.id, title: "Classified", body: "x", typeId: type.id, serviceId: service.id });
    expect(await ticketRow(created.id)).toMatchObject({ typeId: type.id, serviceId: service.id });

    const customerQueue = await createQueue({ customerVisible: true });
    const customer = callerFor(await createCustomer());
    const web = { channel: "web" as const, queueId: customerQueue.id, title: "Help", body: "Please" };
    await expect(customer.ticket.create({ ...web, serviceId: service.id })).rejects.toThrow(/not available/);
    await expect(customer.ticket.create({ ...web, typeId: type.id })).rejects.toThrow(/cannot choose a ticket type/);
    expect(await customer.meta.options()).toMatchObject({ services: [] });

    await setSetting(db, "portal.customer_may_choose_service", true);
    const hidden = await bareService();
    await db.update(s.services).set({ customerVisible: false }).where(eq(s.services.id, hidden.id));
    const offered = (await customer.meta.options()).services.map((x) => x.id);
    expect(offered).toContain(service.id);
    expect(offered).not.toContain(hidden.id);
    await expect(customer.ticket.create({ ...web, serviceId: hidden.id })).rejects.toThrow(/invalid service/);
    const mine = await customer.ticket.create({ ...web, serviceId: service.id });
    expect((await ticketRow(mine.id)).serviceId).toBe(service.id);
  });

  it("a postmaster filter sets type and service on the ticket a mail opens", async () => {
    const { type, service } = await setup();
    const tag = `classify-${randomUUID().slice(0, 8)}`;
    await db.insert(s.postmasterFilters).values({ name: `classify ${tag}`, match: [{ field: "subject", pattern: tag, regex: false }], set: { typeId: type.id, serviceId: service.id } });
    const r = await ingestMail(db, buildMail({ subject: `Broken [${tag}]` }), { source: "pipe" });
    const [row] = await db.select().from(s.tickets).where(eq(s.tickets.number, r.ticketNumber!));
    expect(row).toMatchObject({ typeId: type.id, serviceId: service.id });
  });

  it("a new-ticket template fills subject and body from the form before the ticket exists", async () => {
    const { queue, agent } = await setup();
    const template = await createTemplate({ kinds: ["new_ticket"], subject: "Call from <CUSTOMER_NAME>", body: "<AGENT_NAME> took a call for <QUEUE_NAME>." });
    const replyOnly = await createTemplate({ kinds: ["reply"] });
    const t = callerFor(agent).template;
    expect(await t.renderNew({ templateId: template.id, queueId: queue.id, customerName: "Ada" })).toEqual({ subject: "Call from Ada", body: `${agent.name} took a call for ${queue.name}.` });
    // A queue the agent may not open tickets in is not named.
    expect((await t.renderNew({ templateId: template.id, queueId: (await createQueue()).id })).body).toBe(`${agent.name} took a call for .`);
    await expect(t.renderNew({ templateId: replyOnly.id })).rejects.toThrow(/not found/);
    expect((await t.list({ kind: "new_ticket" })).map((x) => x.id)).toContain(template.id);
  });
});

describe("queue subscriptions in the profile", () => {
  it("an agent watches the queues they may see, and only those", async () => {
    const [seen, unseen] = [await createQueue(), await createQueue()];
    const agent = await createAgent({ queues: [seen], permissions: ["ro"] });
    const account = callerFor(agent).account;
    expect((await account.queueSubscriptions()).map((q) => q.id)).toEqual([seen.id]);
    await account.setQueueSubscription({ queueId: seen.id, subscribed: true });
    await account.setQueueSubscription({ queueId: seen.id, subscribed: true });
    expect(await account.queueSubscriptions()).toEqual([{ id: seen.id, name: seen.name, subscribed: true }]);
    await expect(account.setQueueSubscription({ queueId: unseen.id, subscribed: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await account.setQueueSubscription({ queueId: seen.id, subscribed: false });
    expect(await db.select().from(s.queueSubscriptions).where(eq(s.queueSubscriptions.userId, agent.id))).toEqual([]);
  });
});
