import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { ticketHistory, ticketLinks } from "@/db/schema";
import { callerFor } from "../helpers/caller";
import { expectRefusedWithoutTrace } from "../helpers/refusals";
import { createAgent, createCompany, createCustomer, createQueue, createTicket, ticketRow } from "../factories";

describe("what customers cannot learn from lists and articles", () => {
  it("owner, responsible, lock and reminder filters do nothing for customers, and agent-only sorts are refused", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const customer = await createCustomer();
    const locked = await createTicket({ customer, queue });
    const free = await createTicket({ customer, queue });
    await callerFor(agent).ticket.lock({ ticketId: locked.id, version: (await ticketRow(locked.id)).version });
    const caller = callerFor(customer);

    for (const filter of [{ ownerId: agent.id }, { locked: true }, { locked: false }, { responsibleId: agent.id }, { remindersDue: true }]) {
      const ids = (await caller.ticket.list({ limit: 100, ...filter })).items.map((t) => t.id);
      expect(ids.sort()).toEqual([locked.id, free.id].sort());
    }
    await expect(caller.ticket.list({ sort: "escalation" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.ticket.list({ sort: "pendingUntil" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // Agents still filter on them.
    expect((await callerFor(agent).ticket.list({ limit: 100, locked: true, queueIds: [queue.id] })).items.map((t) => t.id)).toEqual([locked.id]);
  });

  it("a company colleague's address stays hidden on articles, and deadlines are not shown", async () => {
    const queue = await createQueue();
    const company = await createCompany();
    const me = await createCustomer({ companyId: company.id, seesCompanyTickets: true });
    const colleague = await createCustomer({ companyId: company.id, email: `colleague-${Date.now()}@acme.example` });
    const theirs = await createTicket({ customer: colleague, queue });
    const mine = await createTicket({ customer: me, queue });

    const seen = await callerFor(me).ticket.get({ ticketId: theirs.id });
    expect(seen.ticket).toMatchObject({ customerEmail: null, escalationAt: null, pendingUntil: null });
    expect(seen.articles.map((a) => a.fromAddress)).not.toContain(colleague.email);
    expect(JSON.stringify(seen)).not.toContain(colleague.email);
    // Their own address on their own messages is still shown.
    const own = await callerFor(me).ticket.get({ ticketId: mine.id });
    expect(own.articles.filter((a) => a.senderType === "customer").map((a) => a.fromAddress?.toLowerCase())).toContain(me.email.toLowerCase());
  });
});

describe("links and merges outside the agent's queues", () => {
  it("an agent cannot remove a link to a ticket it cannot see, nor read where a ticket was merged outside its queues", async () => {
    const [mine, hidden] = [await createQueue(), await createQueue()];
    const boss = await createAgent({ queues: [mine, hidden] });
    const agent = await createAgent({ queues: [mine] });
    const customer = await createCustomer();
    const a = await createTicket({ customer, queue: mine });
    const b = await createTicket({ customer, queue: hidden, title: "Only for the other team" });
    const c = await createTicket({ customer, queue: hidden });
    await callerFor(boss).ticket.link({ ticketId: a.id, otherTicketId: c.id, type: "normal" });

    expect((await callerFor(agent).ticket.links({ ticketId: a.id })).links).toHaveLength(0);
    await expectRefusedWithoutTrace(a.id, () => callerFor(agent).ticket.unlink({ ticketId: a.id, otherTicketId: c.id, type: "normal" }), "NOT_FOUND");
    expect(await db.select().from(ticketLinks).where(eq(ticketLinks.targetTicketId, c.id))).toHaveLength(1);
    expect((await db.select({ event: ticketHistory.event }).from(ticketHistory).where(eq(ticketHistory.ticketId, c.id))).map((h) => h.event)).not.toContain("unlinked");

    await callerFor(boss).ticket.merge({ ticketId: a.id, version: (await ticketRow(a.id)).version, targetTicketId: b.id });
    const relations = await callerFor(agent).ticket.links({ ticketId: a.id });
    expect(relations.mergedInto).toBeNull();
    expect(JSON.stringify(relations)).not.toContain("Only for the other team");
    expect((await callerFor(boss).ticket.links({ ticketId: a.id })).mergedInto).toMatchObject({ id: b.id });
  });
});
