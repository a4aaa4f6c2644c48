import { describe, expect, it } from "vitest";
import { callerFor } from "../helpers/caller";
import { setTicket } from "../helpers/workspace";
import { createAgent, createCustomer, createQueue, createTicket, priorityAt, ticketRow } from "../factories";

describe("ticket.bulk", () => {
  it("closes what the agent may close and reports the rest per ticket, without throwing", async () => {
    const mine = await createQueue();
    const readOnly = await createQueue();
    const elsewhere = await createQueue();
    const agent = await createAgent({ queues: [mine] });
    await createAgent({ queues: [readOnly], permissions: ["ro"] });
    const { grant } = await import("../factories");
    await grant(agent.id, readOnly.groupId, ["ro"]);
    const other = await createAgent({ queues: [mine] });
    const customer = await createCustomer();
    const ok1 = await createTicket({ customer, queue: mine });
    const ok2 = await createTicket({ customer, queue: mine });
    const roOnly = await createTicket({ customer, queue: readOnly });
    const invisible = await createTicket({ customer, queue: elsewhere });
    const lockedByOther = await createTicket({ customer, queue: mine });
    await setTicket(lockedByOther.id, { locked: true, ownerId: other.id });

    const out = await callerFor(agent).ticket.bulk({ ticketIds: [ok1.id, roOnly.id, ok2.id, invisible.id, lockedByOther.id], action: "close", params: {} });
    const byId = new Map(out.results.map((r) => [r.ticketId, r]));
    expect(out).toMatchObject({ done: 2, refused: 3 });
    expect(byId.get(ok1.id)).toMatchObject({ ok: true });
    expect(byId.get(ok2.id)).toMatchObject({ ok: true });
    expect(byId.get(roOnly.id)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(byId.get(invisible.id)).toMatchObject({ ok: false, code: "NOT_FOUND", error: "Ticket not found" });
    expect(byId.get(lockedByOther.id)).toMatchObject({ ok: false, code: "INVALID_STATE" });
    expect((await ticketRow(ok1.id)).stateType).toBe("closed");
    expect((await ticketRow(ok2.id)).stateType).toBe("closed");
    for (const t of [roOnly, invisible, lockedByOther]) expect((await ticketRow(t.id)).stateType).toBe("new");
  });

  it("moves, sets priority, locks and unlocks each ticket with its own history", async () => {
    const queue = await createQueue();
    const target = await createQueue();
    const agent = await createAgent({ queues: [queue, target] });
    const customer = await createCustomer();
    const ids = [(await createTicket({ customer, queue })).id, (await createTicket({ customer, queue })).id];
    const caller = callerFor(agent);
    const high = await priorityAt(5);
    expect((await caller.ticket.bulk({ ticketIds: ids, action: "priority", params: { priorityId: high.id } })).done).toBe(2);
    expect((await caller.ticket.bulk({ ticketIds: ids, action: "lock" })).done).toBe(2);
    for (const id of ids) expect(await ticketRow(id)).toMatchObject({ priorityId: high.id, locked: true, ownerId: agent.id });
    expect((await caller.ticket.bulk({ ticketIds: ids, action: "unlock" })).done).toBe(2);
    expect((await caller.ticket.bulk({ ticketIds: ids, action: "move", params: { queueId: target.id } })).done).toBe(2);
    for (const id of ids) expect(await ticketRow(id)).toMatchObject({ queueId: target.id, locked: false });
    const history = await caller.ticket.history({ ticketId: ids[0]! });
    expect(history.map((h) => h.event)).toEqual(expect.arrayContaining(["priority_changed", "locked", "unlocked", "queue_changed"]));
  });

  it("merges several tickets into one target; the target itself is refused", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const customer = await createCustomer();
    const [a, b, target] = [await createTicket({ customer, queue }), await createTicket({ customer, queue }), await createTicket({ customer, queue })];
    const out = await callerFor(agent).ticket.bulk({ ticketIds: [a.id, b.id, target.id], action: "merge", params: { targetTicketId: target.id } });
    expect(out.results.map((r) => r.ok)).toEqual([true, true, false]);
    expect((await ticketRow(a.id)).mergedIntoId).toBe(target.id);
  });

  it("refuses more than 100 tickets at once", async () => {
    const agent = await createAgent();
    const ticketIds = Array.from({ length: 101 }, (_, i) => i + 1);
    await expect(callerFor(agent).ticket.bulk({ ticketIds, action: "close" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
