import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { services, ticketTypes } from "@/db/schema";
import type { ListTicketsInput } from "@/server/schemas/tickets";
import { callerFor } from "../helpers/caller";
import { setTicket } from "../helpers/workspace";
import { createAgent, createCompany, createCustomer, createQueue, createTicket, priorityAt, stateNamed } from "../factories";

type Caller = ReturnType<typeof callerFor>;

async function all(caller: Caller, input: ListTicketsInput, limit = 2) {
  const seen: number[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const page: Awaited<ReturnType<Caller["ticket"]["list"]>> = await caller.ticket.list({ ...input, limit, cursor });
    seen.push(...page.items.map((t) => t.id));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return seen;
}

async function world() {
  const queue = await createQueue();
  const other = await createQueue();
  const agent = await createAgent({ queues: [queue, other] });
  const buddy = await createAgent({ queues: [queue] });
  const company = await createCompany();
  const alice = await createCustomer({ companyId: company.id });
  const bob = await createCustomer({ companyId: company.id, seesCompanyTickets: true });
  const t = [];
  for (let i = 0; i < 7; i++) t.push((await createTicket({ customer: i % 2 ? bob : alice, queue: i === 6 ? other : queue, title: `Printer jam ${i}` })).id);
  const base = new Date("2026-01-01T00:00:00.000Z").getTime();
  // Ties on purpose (t0/t1 share created, t2/t3 share waiting) and nulls in the nullable columns.
  const at = (m: number) => new Date(base + m * 60_000);
  await setTicket(t[0]!, { createdAt: at(0), changedAt: at(50), waitingSince: null, escalationAt: at(5) });
  await setTicket(t[1]!, { createdAt: at(0), changedAt: at(40), waitingSince: at(3), escalationAt: null });
  await setTicket(t[2]!, { createdAt: at(2), changedAt: at(30), waitingSince: at(7), escalationAt: at(5) });
  await setTicket(t[3]!, { createdAt: at(3), changedAt: at(20), waitingSince: at(7), escalationAt: null });
  await setTicket(t[4]!, { createdAt: at(4), changedAt: at(10), waitingSince: null, escalationAt: at(1) });
  await setTicket(t[5]!, { createdAt: at(5), changedAt: at(60), waitingSince: at(1), escalationAt: null });
  return { queue, other, agent, buddy, alice, bob, t, at };
}

describe("ticket.list filters, sorts and keyset paging", () => {
  it("pages every sort in both directions without duplicates or gaps, empty values last", async () => {
    const w = await world();
    const caller = callerFor(w.agent);
    const mine = w.t.slice(0, 6);
    for (const sort of ["created", "changed", "priority", "waiting", "escalation", "pendingUntil"] as const) {
      for (const direction of ["asc", "desc"] as const) {
        const single = await all(caller, { queueIds: [w.queue.id], sort, direction }, 100);
        const paged = await all(caller, { queueIds: [w.queue.id], sort, direction }, 2);
        expect(paged, `${sort} ${direction}`).toEqual(single);
        expect([...paged].sort(), `${sort} ${direction}`).toEqual([...mine].sort());
      }
    }
    const t = w.t;
    expect(await all(caller, { queueIds: [w.queue.id], sort: "waiting", direction: "asc" })).toEqual([t[5], t[1], t[2], t[3], t[0], t[4]]);
    expect(await all(caller, { queueIds: [w.queue.id], sort: "waiting", direction: "desc" })).toEqual([t[3], t[2], t[1], t[5], t[4], t[0]]);
    expect(await all(caller, { queueIds: [w.queue.id], sort: "escalation", direction: "asc" })).toEqual([t[4], t[0], t[2], t[1], t[3], t[5]]);
    expect(await all(caller, { queueIds: [w.queue.id], sort: "created", direction: "asc" })).toEqual([t[0], t[1], t[2], t[3], t[4], t[5]]);
  });

  it("filters on each field", async () => {
    const w = await world();
    const caller = callerFor(w.agent);
    const t = w.t;
    const q = { queueIds: [w.queue.id] };
    const list = async (input: ListTicketsInput) => (await all(caller, { ...q, ...input }, 100)).sort();
    const high = await priorityAt(5);
    const [type] = await db.insert(ticketTypes).values({ name: `Type ${t[0]}` }).returning();
    const [service] = await db.insert(services).values({ name: `Service ${t[0]}` }).returning();
    const pending = await stateNamed("pending reminder");
    await setTicket(t[0]!, { priorityId: high.id, typeId: type!.id, ownerId: w.buddy.id, locked: true });
    await setTicket(t[1]!, { serviceId: service!.id, responsibleId: w.buddy.id });
    await setTicket(t[2]!, { stateId: pending.id, stateType: "pending_reminder", pendingUntil: new Date(Date.now() - 1000) });
    await setTicket(t[3]!, { stateId: pending.id, stateType: "pending_reminder", pendingUntil: new Date(Date.now() + 3_600_000) });
    await setTicket(t[4]!, { archived: true });

    expect(await list({ priorityIds: [high.id] })).toEqual([t[0]]);
    expect(await list({ typeIds: [type!.id] })).toEqual([t[0]]);
    expect(await list({ serviceIds: [service!.id] })).toEqual([t[1]]);
    expect(await list({ ownerId: w.buddy.id })).toEqual([t[0]]);
    expect(await list({ ownerId: "unowned" })).toEqual([t[1], t[2], t[3], t[5]].sort());
    expect(await list({ responsibleId: w.buddy.id })).toEqual([t[1]]);
    expect(await list({ locked: true })).toEqual([t[0]]);
    expect(await list({ stateTypes: ["pending_reminder"] })).toEqual([t[2], t[3]].sort());
    expect(await list({ remindersDue: true })).toEqual([t[2]]);
    expect(await list({ waiting: true })).toEqual([t[1], t[2], t[3], t[5]].sort());
    expect(await list({ customerUserId: w.bob.id })).toEqual([t[1], t[3], t[5]].sort());
    expect(await list({ createdFrom: w.at(2), createdTo: w.at(3) })).toEqual([t[2], t[3]].sort());
    expect(await list({ changedFrom: w.at(45) })).toEqual([t[0], t[5]].sort());
    expect(await list({ changedTo: w.at(30) })).toEqual([t[2], t[3]].sort());
    expect(await list({ includeArchived: true, changedTo: w.at(10) })).toEqual([t[4]]);
    expect(await list({ text: "jam 3" })).toEqual([t[3]]);
    expect(await all(caller, { queueIds: [w.other.id] }, 100)).toEqual([t[6]]);
  });

  it("text matches a ticket number prefix or title words, for customers too; scope narrows a customer to own tickets", async () => {
    const w = await world();
    const [first] = (await callerFor(w.agent).ticket.list({ queueIds: [w.queue.id], sort: "created", direction: "asc", limit: 1 })).items;
    const byNumber = await all(callerFor(w.agent), { text: first!.number }, 100);
    expect(byNumber).toEqual([first!.id]);
    expect(await all(callerFor(w.agent), { text: "PRINTER  Jam" }, 100)).toHaveLength(7);
    expect(await all(callerFor(w.agent), { text: "100%_" }, 100)).toEqual([]);

    const bobAll = (await all(callerFor(w.bob), {}, 100)).sort();
    expect(bobAll).toEqual([...w.t].sort());
    expect((await all(callerFor(w.bob), { scope: "own" }, 100)).sort()).toEqual([w.t[1], w.t[3], w.t[5]].sort());
    expect((await all(callerFor(w.bob), { scope: "company" }, 100)).sort()).toEqual(bobAll);
    // Alice may not see her company's tickets: "company" does not widen what she sees.
    expect((await all(callerFor(w.alice), { scope: "company", text: "jam" }, 100)).sort()).toEqual([w.t[0], w.t[2], w.t[4], w.t[6]].sort());
    // Agents ignore scope.
    expect(await all(callerFor(w.agent), { scope: "own", queueIds: [w.queue.id] }, 100)).toHaveLength(6);
  });

  it("a damaged cursor is a clear error, not a crash", async () => {
    const agent = await createAgent();
    await expect(callerFor(agent).ticket.list({ cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
