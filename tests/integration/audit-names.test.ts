import { describe, expect, it } from "vitest";
import { callerFor } from "../helpers/caller";
import { createAgent, createGroup, stateNamed } from "../factories";

describe("the audit log names what ids point at", () => {
  it("a queue created with a group and a next state: the page carries their names for groupId and defaultNextStateId", async () => {
    const admin = callerFor(await createAgent({ admin: true }));
    const group = await createGroup(`Audited group ${Date.now()}`);
    const open = await stateNamed("open");
    const queue = await admin.adminConfig.queueCreate({ name: `Audited ${Date.now()}`, groupId: group.id, defaultNextStateId: open.id });
    const page = await admin.adminDirectory.auditList({ entity: "queue", entityId: String(queue.id) });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.after).toMatchObject({ groupId: group.id, defaultNextStateId: open.id });
    expect(page.names).toMatchObject({ [`groupId:${group.id}`]: group.name, [`defaultNextStateId:${open.id}`]: "open" });
  });
});
