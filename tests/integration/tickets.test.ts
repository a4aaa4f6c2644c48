import { describe, expect, it } from "vitest";
import { isValidTicketNumber } from "@/server/services/tickets/number";
import { readHistory } from "@/server/services/tickets/history";
import { db } from "@/db";
import { callerFor } from "../helpers/caller";
import { createAgent, createCustomer, createQueue, ticketRow } from "../factories";

describe("tickets", () => {
  it("50 concurrent creations get 50 distinct, valid numbers", async () => {
    const queue = await createQueue();
    const customer = await createCustomer();
    // One request (one caller, one client address) each: a single address may open only so many per hour.
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => callerFor(customer).ticket.create({ channel: "web", queueId: queue.id, title: `Concurrent ${i}`, body: "body" })),
    );
    const numbers = new Set(results.map((r) => r.number));
    expect(numbers.size).toBe(50);
    for (const n of numbers) expect(isValidTicketNumber(n)).toBe(true);
  });

  it("two agents changing the same version: one wins, one gets a conflict, one history row", async () => {
    const queue = await createQueue();
    const customer = await createCustomer();
    const [a, b] = await Promise.all([createAgent({ queues: [queue] }), createAgent({ queues: [queue] })]);
    const { id } = await callerFor(customer).ticket.create({ channel: "web", queueId: queue.id, title: "Race", body: "x" });
    const before = await ticketRow(id);
    const options = await callerFor(a).meta.options();
    const high = options.priorities.find((p) => p.level === 5)!;
    const low = options.priorities.find((p) => p.level === 1)!;
    const outcomes = await Promise.allSettled([
      callerFor(a).ticket.setPriority({ ticketId: id, version: before.version, priorityId: high.id }),
      callerFor(b).ticket.setPriority({ ticketId: id, version: before.version, priorityId: low.id }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason.code).toBe("CONFLICT");
    const history = (await readHistory(db, id)).filter((h) => h.event === "priority_changed");
    expect(history).toHaveLength(1);
    expect((await ticketRow(id)).version).toBe(before.version + 1);
  });

  it("writes a history row with who, old and new for every change", async () => {
    const queue = await createQueue();
    const target = await createQueue();
    const customer = await createCustomer();
    const agent = await createAgent({ queues: [queue, target] });
    const caller = callerFor(agent);
    const { id } = await callerFor(customer).ticket.create({ channel: "web", queueId: queue.id, title: "History", body: "x" });
    const opts = await caller.meta.options();
    let v = (await ticketRow(id)).version;
    v = (await caller.ticket.lock({ ticketId: id, version: v })).version;
    v = (await caller.ticket.setPriority({ ticketId: id, version: v, priorityId: opts.priorities.find((p) => p.level === 4)!.id })).version;
    v = (await caller.ticket.setState({ ticketId: id, version: v, stateId: opts.states.find((s) => s.name === "open")!.id })).version;
    v = (await caller.ticket.move({ ticketId: id, version: v, queueId: target.id })).version;
    await caller.article.note({ ticketId: id, body: "internal" });
    await caller.article.reply({ ticketId: id, body: "answer" });
    v = (await ticketRow(id)).version;
    await caller.ticket.unlock({ ticketId: id, version: v });
    const history = await caller.ticket.history({ ticketId: id });
    const events = history.map((h) => h.event);
    expect(events).toEqual(["created", "article_added", "locked", "owner_changed", "priority_changed", "state_changed", "queue_changed", "article_added", "article_added", "unlocked"]);
    const move = history.find((h) => h.event === "queue_changed")!;
    expect(move).toMatchObject({ oldId: queue.id, newId: target.id, actorId: agent.id, newValue: target.name });
    expect(move.createdAt).toBeInstanceOf(Date);
  });
});
