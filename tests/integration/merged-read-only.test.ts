import { describe, expect, it } from "vitest";
import { callerFor } from "../helpers/caller";
import { expectRefusedWithoutTrace } from "../helpers/refusals";
import { createAgent, createCustomer, createQueue, createTicket, priorityAt, stateNamed, ticketRow } from "../factories";

describe("a merged ticket is read-only", () => {
  it("every change, note, lock and reply on it is refused and leaves no trace; the target takes them", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const customer = await createCustomer();
    const source = await createTicket({ customer, queue });
    const target = await createTicket({ customer, queue });
    const caller = callerFor(agent);
    await caller.ticket.merge({ ticketId: source.id, version: (await ticketRow(source.id)).version, targetTicketId: target.id });
    const merged = await ticketRow(source.id);
    expect(merged.stateType).toBe("merged");
    const version = merged.version;
    const open = await stateNamed("open");
    const high = await priorityAt(5);
    const other = await createQueue({ groupId: queue.groupId });
    const attempts: [string, () => Promise<unknown>][] = [
      ["lock", () => caller.ticket.lock({ ticketId: source.id, version })],
      ["state", () => caller.ticket.setState({ ticketId: source.id, version, stateId: open.id })],
      ["priority", () => caller.ticket.setPriority({ ticketId: source.id, version, priorityId: high.id })],
      ["move", () => caller.ticket.move({ ticketId: source.id, version, queueId: other.id })],
      ["owner", () => caller.ticket.setOwner({ ticketId: source.id, version, ownerId: agent.id })],
      ["close", () => caller.ticket.close({ ticketId: source.id, version })],
      ["note", () => caller.article.note({ ticketId: source.id, body: "too late" })],
      ["reply", () => caller.article.reply({ ticketId: source.id, body: "too late" })],
      ["link", () => caller.ticket.link({ ticketId: source.id, otherTicketId: target.id })],
      ["customer reply", () => callerFor(customer).article.reply({ ticketId: source.id, body: "hello?" })],
    ];
    for (const [name, run] of attempts) {
      const settled = await expectRefusedWithoutTrace(source.id, run, "PRECONDITION_FAILED");
      expect(settled.message, name).toMatch(/merged|closed/);
    }
    await caller.article.note({ ticketId: target.id, body: "here it works" });
  });
});
