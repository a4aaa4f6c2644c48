import { drizzle } from "drizzle-orm/postgres-js";
import { describe, expect, it } from "vitest";
import { db, type Db, schema } from "@/db";
import { relations } from "@/db/relations";
import { createCaller } from "@/server/trpc/root";
import { actorOf, createAgent, createCustomer, createQueue, createTicket, priorityAt, ticketRow } from "../factories";

/** A caller whose database handle (the real pool) records every statement it sends. */
function watchedCaller(user: Parameters<typeof actorOf>[0]) {
  const queries: string[] = [];
  const watched = drizzle({ client: db.$client, schema: { ...schema, ...relations }, casing: "snake_case", logger: { logQuery: (q) => queries.push(q) } }) as unknown as Db;
  return { caller: createCaller({ db: watched, actor: actorOf(user), sessionEnded: false, clientAddress: "10.9.9.9" }), queries };
}

const ticketReads = (queries: string[]) => queries.filter((q) => /^select .* from "tickets"/is.test(q));
const permissionReads = (queries: string[]) => queries.filter((q) => /group_permissions/.test(q));

describe("the ticket procedure", () => {
  it("refuses bad input with BAD_REQUEST before it reads anything", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const { caller, queries } = watchedCaller(agent);
    await expect(caller.ticket.get({ ticketId: "7; drop table tickets" as unknown as number })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.ticket.setPriority({ ticketId: 1, version: "stale" as unknown as number, priorityId: 1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.article.reply({ ticketId: 1 } as unknown as { ticketId: number; body: string })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(queries).toEqual([]);
  });

  it("loads the ticket and the caller's permissions once for a read, and hands them to the service", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const { id } = await createTicket({ customer: await createCustomer(), queue });
    const { caller, queries } = watchedCaller(agent);
    const got = await caller.ticket.get({ ticketId: id });
    expect(got.permissions).toContain("rw");
    expect(permissionReads(queries)).toHaveLength(1);
    // One load with the permission check, one display projection (names of queue, state, owner…).
    expect(ticketReads(queries)).toHaveLength(2);
  });

  it("a write re-reads the row FOR UPDATE by id, without a second permission query", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const { id } = await createTicket({ customer: await createCustomer(), queue });
    const { caller, queries } = watchedCaller(agent);
    const before = await ticketRow(id);
    await caller.ticket.setPriority({ ticketId: id, version: before.version, priorityId: (await priorityAt(5)).id });
    expect(permissionReads(queries)).toHaveLength(1);
    expect(ticketReads(queries).filter((q) => /for update/i.test(q))).toHaveLength(1);
    expect(await ticketRow(id)).toMatchObject({ priorityId: (await priorityAt(5)).id, version: before.version + 1 });
  });

  it("a customer's ticket outside their reach is NOT_FOUND; an agent without the permission is FORBIDDEN", async () => {
    const queue = await createQueue();
    const owner = await createCustomer();
    const { id } = await createTicket({ customer: owner, queue });
    await expect(watchedCaller(await createCustomer()).caller.ticket.get({ ticketId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const reader = await createAgent({ queues: [queue], permissions: ["ro"] });
    const { version } = await ticketRow(id);
    await expect(watchedCaller(reader).caller.ticket.lock({ ticketId: id, version })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await watchedCaller(reader).caller.ticket.get({ ticketId: id })).permissions).toEqual(["ro"]);
  });
});
