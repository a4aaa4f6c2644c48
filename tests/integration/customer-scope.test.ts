import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { queues, tickets } from "@/db/schema";
import { readHistory } from "@/server/services/tickets/history";
import { callerFor } from "../helpers/caller";
import { ticketFootprint } from "../helpers/db-state";
import { expectRefusedWithoutTrace, settle } from "../helpers/refusals";
import { createAgent, createCompany, createCustomer, createQueue, createTicket, stateNamed, ticketRow } from "../factories";

const listIds = async (user: Parameters<typeof callerFor>[0]) => (await callerFor(user).ticket.list({ limit: 100 })).items.map((t) => t.id).sort((a, b) => a - b);

describe("a customer's reach", () => {
  it("another customer's ticket does not exist for them: get, reply and close are NOT_FOUND and write nothing", async () => {
    const company = await createCompany();
    const queue = await createQueue();
    const owner = await createCustomer({ companyId: company.id });
    const colleague = await createCustomer({ companyId: company.id });
    const stranger = await createCustomer({ companyId: (await createCompany()).id, seesCompanyTickets: true });
    const { id } = await createTicket({ customer: owner, queue });
    const { version } = await ticketRow(id);
    for (const other of [colleague, stranger]) {
      const caller = callerFor(other);
      await expectRefusedWithoutTrace(id, () => caller.ticket.get({ ticketId: id }), "NOT_FOUND");
      await expectRefusedWithoutTrace(id, () => caller.article.reply({ ticketId: id, body: "Not mine" }), "NOT_FOUND");
      await expectRefusedWithoutTrace(id, () => caller.ticket.close({ ticketId: id, version }), "NOT_FOUND");
    }
    // The same calls from the owner succeed, so the refusals above are about scope.
    expect((await callerFor(owner).ticket.get({ ticketId: id })).ticket.id).toBe(id);
  });

  it("a customer never sees internal notes, the owner or the lock", async () => {
    const queue = await createQueue();
    const customer = await createCustomer();
    const agent = await createAgent({ queues: [queue] });
    const { id } = await createTicket({ customer, queue, body: "My printer is on fire" });
    const agentCaller = callerFor(agent);
    await agentCaller.ticket.lock({ ticketId: id, version: (await ticketRow(id)).version });
    await agentCaller.article.note({ ticketId: id, body: "SECRET: customer is on the watch list" });
    await agentCaller.article.reply({ ticketId: id, body: "We are on it." });

    const asAgent = await agentCaller.ticket.get({ ticketId: id });
    expect(asAgent.articles.some((a) => a.isInternal && a.bodyText.startsWith("SECRET"))).toBe(true);
    expect(asAgent.ticket).toMatchObject({ ownerId: agent.id, ownerName: agent.name, locked: true });

    const asCustomer = await callerFor(customer).ticket.get({ ticketId: id });
    expect(asCustomer.articles.map((a) => a.bodyText)).toEqual(["My printer is on fire", "We are on it."]);
    expect(asCustomer.articles.every((a) => !a.isInternal)).toBe(true);
    expect(asCustomer.ticket).toMatchObject({ ownerId: null, ownerName: null, locked: false });
    expect(asCustomer.permissions).toEqual([]);
    const serialized = JSON.stringify(asCustomer);
    expect(serialized).not.toContain("SECRET");
    expect(serialized).not.toContain(agent.email);

    const [listed] = (await callerFor(customer).ticket.list({ limit: 1 })).items;
    expect(listed).toMatchObject({ id, ownerId: null, ownerName: null, locked: false });
  });

  it("ticket.list shows a customer their own tickets, and the company's only when allowed", async () => {
    const queue = await createQueue();
    const company = await createCompany();
    const alice = await createCustomer({ companyId: company.id });
    const bob = await createCustomer({ companyId: company.id, seesCompanyTickets: true });
    const carol = await createCustomer({ companyId: company.id });
    const dave = await createCustomer({ companyId: (await createCompany()).id, seesCompanyTickets: true });
    const loner = await createCustomer({ seesCompanyTickets: true });
    const [a, b, c, d, l] = await Promise.all([alice, bob, carol, dave, loner].map((customer) => createTicket({ customer, queue })));

    expect(await listIds(alice)).toEqual([a!.id]);
    expect(await listIds(carol)).toEqual([c!.id]);
    expect(await listIds(bob)).toEqual([a!.id, b!.id, c!.id].sort((x, y) => x - y));
    expect(await listIds(dave)).toEqual([d!.id]);
    // Without a company, "sees company tickets" must not widen anything.
    expect(await listIds(loner)).toEqual([l!.id]);

    expect((await callerFor(bob).ticket.get({ ticketId: a!.id })).ticket.id).toBe(a!.id);
    expect((await settle(callerFor(alice).ticket.get({ ticketId: b!.id }))).outcome).toBe("NOT_FOUND");
  });

  it("internal tickets are invisible to customers, even when they name the customer", async () => {
    const queue = await createQueue();
    const company = await createCompany();
    const customer = await createCustomer({ companyId: company.id });
    const colleague = await createCustomer({ companyId: company.id, seesCompanyTickets: true });
    const agent = await createAgent({ queues: [queue], permissions: ["rw"] });
    const { id } = await callerFor(agent).ticket.create({ channel: "internal", queueId: queue.id, title: "Internal", body: "Only for us" });
    await db.update(tickets).set({ customerUserId: customer.id, customerCompanyId: company.id }).where(eq(tickets.id, id));

    for (const user of [customer, colleague]) {
      await expectRefusedWithoutTrace(id, () => callerFor(user).ticket.get({ ticketId: id }), "NOT_FOUND");
      await expectRefusedWithoutTrace(id, () => callerFor(user).article.reply({ ticketId: id, body: "hello?" }), "NOT_FOUND");
      expect(await listIds(user)).not.toContain(id);
    }
    // The internal flag is what hides it: cleared, the same ticket shows up.
    await db.update(tickets).set({ isInternal: false }).where(eq(tickets.id, id));
    expect(await listIds(customer)).toContain(id);
  });
});

describe("customer follow-ups on a closed ticket", () => {
  async function closedTicket(followUp: "reopen" | "reject" | "new_ticket") {
    const queue = await createQueue({ followUp });
    const customer = await createCustomer();
    const { id } = await createTicket({ customer, queue, title: `Follow-up ${followUp}` });
    await callerFor(customer).ticket.close({ ticketId: id });
    expect((await ticketRow(id)).stateType).toBe("closed");
    return { queue, customer, id };
  }

  it("reopens the ticket in a queue with follow-up 'reopen'", async () => {
    const { customer, id } = await closedTicket("reopen");
    const before = await ticketFootprint(id);
    const result = await callerFor(customer).article.reply({ ticketId: id, body: "It broke again" });
    expect(result).toMatchObject({ ticketId: id, newTicket: false });
    const row = await ticketRow(id);
    expect(row).toMatchObject({ stateId: (await stateNamed("open")).id, stateType: "open", reopenCount: 1, closedAt: null });
    const events = (await readHistory(db, id)).map((h) => h.event);
    expect(events.slice(-3)).toEqual(["state_changed", "reopened", "article_added"]);
    expect((await ticketFootprint(id)).articles).toBe(before.articles + 1);
  });

  it("refuses the reply with PRECONDITION_FAILED in a queue with follow-up 'reject', writing nothing", async () => {
    const { customer, id } = await closedTicket("reject");
    const refused = await expectRefusedWithoutTrace(id, () => callerFor(customer).article.reply({ ticketId: id, body: "Hello?" }), "PRECONDITION_FAILED");
    expect(refused.message).toMatch(/new ticket/);
    expect(await ticketRow(id)).toMatchObject({ stateType: "closed", reopenCount: 0 });
  });

  it("opens a new ticket in a queue with follow-up 'new_ticket' and leaves the old one closed", async () => {
    const { queue, customer, id } = await closedTicket("new_ticket");
    const before = await ticketFootprint(id);
    const result = await callerFor(customer).article.reply({ ticketId: id, body: "Another problem" });
    expect(result.newTicket).toBe(true);
    expect(result.ticketId).not.toBe(id);
    expect(await ticketFootprint(id)).toEqual(before);
    const created = await ticketRow(result.ticketId);
    expect(created).toMatchObject({ customerUserId: customer.id, queueId: queue.id, stateType: "new", title: "Follow-up new_ticket" });
    const view = await callerFor(customer).ticket.get({ ticketId: result.ticketId });
    expect(view.articles.map((a) => a.bodyText)).toEqual(["Another problem"]);
  });
});

describe("creating tickets", () => {
  it("customers cannot open tickets in a queue that is not customer-visible (BAD_REQUEST, nothing written)", async () => {
    const hidden = await createQueue({ customerVisible: false });
    const visible = await createQueue();
    const customer = await createCustomer();
    const { id } = await createTicket({ customer, queue: visible });
    await expectRefusedWithoutTrace(id, () => callerFor(customer).ticket.create({ channel: "web", queueId: hidden.id, title: "Hi", body: "x" }), "BAD_REQUEST");
    const [postmaster] = await db.select().from(queues).where(and(eq(queues.name, "Postmaster"), eq(queues.customerVisible, false)));
    await expectRefusedWithoutTrace(id, () => callerFor(customer).ticket.create({ channel: "web", queueId: postmaster!.id, title: "Hi", body: "x" }), "BAD_REQUEST");
    const options = await callerFor(customer).meta.options();
    expect(options.queues.map((q) => q.id)).toContain(visible.id);
    expect(options.queues.map((q) => q.id)).not.toContain(hidden.id);
  });

  it("agents need the create permission on the queue (FORBIDDEN otherwise, nothing written)", async () => {
    const queue = await createQueue();
    const customer = await createCustomer();
    const { id } = await createTicket({ customer, queue });
    const reader = await createAgent({ queues: [queue], permissions: ["ro", "note"] });
    const creator = await createAgent({ queues: [queue], permissions: ["create"] });
    const input = { channel: "phone" as const, queueId: queue.id, title: "Call", body: "Customer called", customerEmail: "caller@test.example" };
    await expectRefusedWithoutTrace(id, () => callerFor(reader).ticket.create(input), "FORBIDDEN");
    const created = await callerFor(creator).ticket.create(input);
    expect(await ticketRow(created.id)).toMatchObject({ queueId: queue.id, stateType: "new" });
  });
});

describe("keyset paging of ticket.list", () => {
  async function pages(user: Parameters<typeof callerFor>[0], limit: number, direction: "asc" | "desc" = "desc") {
    const seen: number[][] = [];
    const cursors: (string | null)[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: number }[]; nextCursor: string | null } = await callerFor(user).ticket.list({ limit, cursor, direction });
      seen.push(page.items.map((t) => t.id));
      cursors.push(page.nextCursor);
      cursor = page.nextCursor;
    } while (cursor && seen.length < 10);
    return { seen, cursors };
  }

  it("7 tickets in pages of 3 come as 3, 3, 1, newest first, without duplicates", async () => {
    const queue = await createQueue();
    const customer = await createCustomer();
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) ids.push((await createTicket({ customer, queue })).id);
    const { seen, cursors } = await pages(customer, 3);
    expect(seen.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(cursors.at(-1)).toBeNull();
    expect(cursors.slice(0, -1).every((c) => typeof c === "string")).toBe(true);
    expect(seen.flat()).toEqual([...ids].reverse());
    expect(new Set(seen.flat()).size).toBe(7);

    const ascending = await pages(customer, 3, "asc");
    expect(ascending.seen.flat()).toEqual(ids);
  });

  it("tickets created in the same instant are ordered by id and still paged without gaps", async () => {
    const queue = await createQueue();
    const customer = await createCustomer();
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) ids.push((await createTicket({ customer, queue })).id);
    await db.update(tickets).set({ createdAt: new Date("2026-03-01T10:00:00.000Z") }).where(eq(tickets.customerUserId, customer.id));
    const { seen } = await pages(customer, 3);
    expect(seen.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(seen.flat()).toEqual([...ids].reverse());
  });

  it("a page of exactly the remaining tickets has no next cursor", async () => {
    const queue = await createQueue();
    const customer = await createCustomer();
    for (let i = 0; i < 6; i++) await createTicket({ customer, queue });
    const { seen, cursors } = await pages(customer, 3);
    expect(seen.map((p) => p.length)).toEqual([3, 3]);
    expect(cursors).toEqual([expect.any(String), null]);
  });
});
