import { describe, expect, it } from "vitest";
import { callerFor } from "../helpers/caller";
import { createAgent, createCustomer, createQueue } from "../factories";

describe("meta.options", () => {
  it("offers agents the queues they may create in, and lists every queue they may see for filters", async () => {
    const [work, readOnly, hidden] = await Promise.all([createQueue(), createQueue(), createQueue()]);
    const agent = await createAgent({ queues: [work] });
    const { grant } = await import("../factories");
    await grant(agent.id, readOnly.groupId, ["ro"]);
    const options = await callerFor(agent).meta.options();
    expect(options.queues.map((q) => q.id)).toEqual([work.id]);
    expect(options.visibleQueues.map((q) => q.id).sort()).toEqual([work.id, readOnly.id].sort());
    expect(options.visibleQueues.map((q) => q.id)).not.toContain(hidden.id);
  });

  it("offers customers only customer-visible queues", async () => {
    const visible = await createQueue();
    const internal = await createQueue({ customerVisible: false });
    const options = await callerFor(await createCustomer()).meta.options();
    const ids = options.queues.map((q) => q.id);
    expect(ids).toContain(visible.id);
    expect(ids).not.toContain(internal.id);
    expect(options.states).toEqual([]);
  });
});

describe("meta.owners", () => {
  it("lists enabled agents holding owner on the ticket's queue through valid grants and roles only", async () => {
    const { createRole, createTicket, grant } = await import("../factories");
    const queue = await createQueue();
    const viewer = await createAgent({ queues: [queue] });
    const direct = await createAgent();
    await grant(direct.id, queue.groupId, ["owner"]);
    const viaRole = await createAgent();
    await createRole({ groupId: queue.groupId, permissions: ["owner"], userIds: [viaRole.id] });
    const viaDisabledRole = await createAgent();
    await createRole({ groupId: queue.groupId, permissions: ["owner"], userIds: [viaDisabledRole.id], valid: false });
    const readOnly = await createAgent();
    await grant(readOnly.id, queue.groupId, ["ro"]);
    const disabled = await createAgent({ values: { enabled: false } });
    await grant(disabled.id, queue.groupId, ["rw"]);
    const { id: ticketId } = await createTicket({ customer: await createCustomer(), queue });

    const ids = (await callerFor(viewer).meta.owners({ ticketId })).map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining([viewer.id, direct.id, viaRole.id]));
    expect(ids).not.toContain(viaDisabledRole.id);
    expect(ids).not.toContain(readOnly.id);
    expect(ids).not.toContain(disabled.id);
  });
});
