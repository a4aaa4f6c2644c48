import { describe, expect, it } from "vitest";
import type { ListTicketsInput } from "@/server/schemas/tickets";
import { callerFor } from "../helpers/caller";
import { setTicket } from "../helpers/workspace";
import { createAgent, createCustomer, createQueue, createTicket, stateNamed } from "../factories";

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

describe("ticket.list sorts on the columns people click: number, title, queue, state, owner, customer", () => {
  it("pages each in both directions like one page, names case-insensitively, empty owners last", async () => {
    const queue = await createQueue({ name: `b queue ${Date.now()}` });
    const other = await createQueue({ name: `A queue ${Date.now()}` });
    const amy = await createAgent({ queues: [queue, other], values: { name: "amy" } });
    const zed = await createAgent({ queues: [queue, other], values: { name: "Zed" } });
    const carol = await createCustomer({ name: "carol" });
    const bert = await createCustomer({ name: "Bert" });
    const t: number[] = [];
    const titles = ["delta", "Alpha", "charlie", "Bravo", "alpha"];
    for (const [i, title] of titles.entries()) t.push((await createTicket({ customer: i % 2 ? bert : carol, queue: i === 4 ? other : queue, title })).id);
    const open = await stateNamed("open");
    await setTicket(t[0]!, { ownerId: zed.id, stateId: open.id, stateType: "open" });
    await setTicket(t[1]!, { ownerId: amy.id });
    await setTicket(t[2]!, { ownerId: zed.id });
    const caller = callerFor(amy);
    const scope = { queueIds: [queue.id, other.id] };
    for (const sort of ["number", "title", "queue", "state", "owner", "customer"] as const) {
      for (const direction of ["asc", "desc"] as const) {
        const single = await all(caller, { ...scope, sort, direction }, 100);
        expect(await all(caller, { ...scope, sort, direction }, 2), `${sort} ${direction}`).toEqual(single);
        expect([...single].sort(), `${sort} ${direction}`).toEqual([...t].sort());
      }
    }
    expect(await all(caller, { ...scope, sort: "number", direction: "asc" })).toEqual(t);
    // Alpha / alpha tie on the name and fall back to the id.
    expect(await all(caller, { ...scope, sort: "title", direction: "asc" })).toEqual([t[1], t[4], t[3], t[2], t[0]]);
    expect(await all(caller, { ...scope, sort: "owner", direction: "asc" })).toEqual([t[1], t[0], t[2], t[3], t[4]]);
    expect(await all(caller, { ...scope, sort: "owner", direction: "desc" })).toEqual([t[2], t[0], t[1], t[4], t[3]]);
    expect((await all(caller, { ...scope, sort: "queue", direction: "asc" }))[0]).toBe(t[4]);
    expect((await all(caller, { ...scope, sort: "customer", direction: "asc" })).slice(0, 2)).toEqual([t[1], t[3]]);
    expect((await all(caller, { ...scope, sort: "state", direction: "desc" }))[0]).toBe(t[0]);
  });
});
