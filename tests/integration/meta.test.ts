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
