import { describe, expect, it } from "vitest";
import { callerFor } from "../helpers/caller";
import { createAgent, createCustomer, createQueue, createTicket, grant, stateNamed, ticketRow } from "../factories";

describe("queue view bulk actions", () => {
  it("sets a pending state with its time on every ticket, and refuses a pending state without one per ticket", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const customer = await createCustomer();
    const [a, b] = [await createTicket({ customer, queue }), await createTicket({ customer, queue })];
    const pending = await stateNamed("pending reminder");
    const caller = callerFor(agent);

    const refused = await caller.ticket.bulk({ ticketIds: [a.id, b.id], action: "state", params: { stateId: pending.id } });
    expect(refused).toMatchObject({ done: 0, refused: 2 });
    expect(refused.results.every((r) => r.code === "BAD_INPUT")).toBe(true);

    const until = new Date(Date.now() + 86_400_000);
    const out = await caller.ticket.bulk({ ticketIds: [a.id, b.id], action: "state", params: { stateId: pending.id, pendingUntil: until } });
    expect(out).toMatchObject({ done: 2, refused: 0 });
    for (const t of [a, b]) expect(await ticketRow(t.id)).toMatchObject({ stateType: "pending_reminder", pendingUntil: until });
  });

  it("gives tickets to another agent where that agent may own them and reports the others per ticket", async () => {
    const [mine, theirs] = [await createQueue(), await createQueue()];
    const agent = await createAgent({ queues: [mine, theirs] });
    const colleague = await createAgent({ queues: [mine], permissions: ["ro"] });
    await grant(colleague.id, mine.groupId, ["owner"]);
    const customer = await createCustomer();
    const [ownable, foreign] = [await createTicket({ customer, queue: mine }), await createTicket({ customer, queue: theirs })];

    const agents = await callerFor(agent).meta.agents();
    expect(agents.map((a) => a.id)).toContain(colleague.id);
    const out = await callerFor(agent).ticket.bulk({ ticketIds: [ownable.id, foreign.id], action: "owner", params: { ownerId: colleague.id } });
    expect(out).toMatchObject({ done: 1, refused: 1 });
    expect(out.results.find((r) => r.ticketId === foreign.id)).toMatchObject({ ok: false });
    expect((await ticketRow(ownable.id)).ownerId).toBe(colleague.id);
    expect((await ticketRow(foreign.id)).ownerId).not.toBe(colleague.id);
  });
});
