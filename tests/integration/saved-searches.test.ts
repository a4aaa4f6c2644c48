import { describe, expect, it } from "vitest";
import { callerFor } from "../helpers/caller";
import { createAgent, createCustomer } from "../factories";

describe("saved searches", () => {
  it("personal searches stay personal; shared ones are seen by every agent but changed only by their creator or an admin", async () => {
    const [alice, bob] = [await createAgent(), await createAgent()];
    const admin = await createAgent({ admin: true });
    const a = callerFor(alice);
    const personal = await a.savedSearch.create({ name: "My open", filters: { stateTypes: ["open"], sort: "waiting", direction: "asc" }, columns: ["number", "title"] });
    const shared = await a.savedSearch.create({ name: "Team unowned", shared: true, filters: { ownerId: "unowned" } });

    const mine = await a.savedSearch.list();
    expect(mine.filter((s) => [personal.id, shared.id].includes(s.id))).toHaveLength(2);
    expect(mine.find((s) => s.id === personal.id)).toMatchObject({ mine: true, editable: true, columns: ["number", "title"], filters: { stateTypes: ["open"], sort: "waiting" } });

    const seenByBob = await callerFor(bob).savedSearch.list();
    expect(seenByBob.some((s) => s.id === personal.id)).toBe(false);
    expect(seenByBob.find((s) => s.id === shared.id)).toMatchObject({ mine: false, editable: false, shared: true });

    await expect(callerFor(bob).savedSearch.update({ id: shared.id, name: "Hijacked" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(bob).savedSearch.delete({ id: personal.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await callerFor(admin).savedSearch.update({ id: shared.id, name: "Team: unowned" });
    expect((await callerFor(bob).savedSearch.list()).find((s) => s.id === shared.id)?.name).toBe("Team: unowned");

    await a.savedSearch.update({ id: shared.id, shared: false });
    expect((await callerFor(bob).savedSearch.list()).some((s) => s.id === shared.id)).toBe(false);
    await a.savedSearch.delete({ id: personal.id });
    expect((await a.savedSearch.list()).some((s) => s.id === personal.id)).toBe(false);
  });

  it("rejects filters the list would not accept, and customers", async () => {
    const agent = await createAgent();
    await expect(callerFor(agent).savedSearch.create({ name: "Bad", filters: { sort: "nonsense" } as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(callerFor(await createCustomer()).savedSearch.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
