import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import * as s from "@/db/schema";
import { listRowsByIds, selectListRows } from "@/server/services/tickets/read";
import { callerFor } from "../helpers/caller";
import { createAgent, createCustomer, createGroup, createTicket } from "../factories";

/**
 * The queue view and the zoom read the lookup names (queue, state, priority and level, type,
 * service) from the configuration cache instead of joining them (server/services/tickets/names.ts).
 * Whatever the cache holds, they must show what the joins show, also right after an admin renames
 * something and for a lookup row the cache has not seen yet.
 */
type UserRow = typeof s.users.$inferSelect;
let admin: UserRow;
let asAdmin: ReturnType<typeof callerFor>;
const tag = () => randomUUID().slice(0, 8);
const NAMES = ["queueName", "stateName", "priorityName", "priorityLevel", "typeName", "serviceName"] as const;

// The suite runs with the configuration cache off (tests/helpers/env-defaults.ts); these tests need it on.
const cacheMs = process.env.CONFIG_CACHE_MS;
afterAll(() => {
  process.env.CONFIG_CACHE_MS = cacheMs;
});

beforeAll(async () => {
  process.env.CONFIG_CACHE_MS = "600000";
  admin = await createAgent({ admin: true });
  asAdmin = callerFor(admin);
});

/** The names as the joins give them (selectListRows, which search and exports still use). */
async function joined(ticketId: number) {
  const [row] = await selectListRows(db).where(eq(s.tickets.id, ticketId));
  return pick(row!);
}

const pick = (row: Record<string, unknown>) => Object.fromEntries(NAMES.map((k) => [k, row[k]]));

async function shown(caller: ReturnType<typeof callerFor>, ticketId: number, queueId: number) {
  const list = await caller.ticket.list({ queueIds: [queueId], limit: 25 });
  const item = list.items.find((i) => i.id === ticketId);
  const zoom = await caller.ticket.get({ ticketId });
  return { list: pick(item!), zoom: pick(zoom.ticket) };
}

describe("lookup names in the queue view and the zoom", () => {
  it("equal the joined names, and follow an admin's renames at once", async () => {
    const group = await createGroup();
    const queue = await asAdmin.adminConfig.queueCreate({ name: `Names ${tag()}`, groupId: group.id });
    const agent = await createAgent({ queues: [{ id: queue.id, groupId: group.id }], permissions: ["rw"] });
    const asAgent = callerFor(agent);
    const ticket = await createTicket({ customer: await createCustomer(), queue });
    const state = await asAdmin.adminConfig.stateCreate({ name: `Waiting ${tag()}`, type: "open" });
    const priority = await asAdmin.adminConfig.priorityCreate({ name: `Pressing ${tag()}`, level: 4 });
    const type = await asAdmin.adminConfig.typeCreate({ name: `Question ${tag()}` });
    const service = await asAdmin.adminConfig.serviceCreate({ name: `Printing ${tag()}` });
    await db
      .update(s.tickets)
      .set({ stateId: state.id, stateType: "open", priorityId: priority.id, typeId: type.id, serviceId: service.id })
      .where(eq(s.tickets.id, ticket.id));

    // Read once so the cache holds every name before the renames.
    const before = await shown(asAgent, ticket.id, queue.id);
    expect(before.list).toEqual(await joined(ticket.id));
    expect(before.zoom).toEqual(before.list);
    expect(before.list).toMatchObject({ queueName: queue.name, stateName: expect.stringMatching(/^Waiting /), priorityLevel: 4, typeName: expect.stringMatching(/^Question /) });

    const current = await asAdmin.adminConfig.queueGet({ id: queue.id });
    await asAdmin.adminConfig.queueUpdate({ ...current, name: `Renamed ${tag()}` });
    await asAdmin.adminConfig.stateUpdate({ id: state.id, name: `Still waiting ${tag()}`, type: "open" });
    await asAdmin.adminConfig.priorityUpdate({ id: priority.id, name: `Urgent ${tag()}`, level: 5 });
    await asAdmin.adminConfig.typeUpdate({ id: type.id, name: `Request ${tag()}` });
    await asAdmin.adminConfig.serviceUpdate({ id: service.id, name: `Scanning ${tag()}` });

    const after = await shown(asAgent, ticket.id, queue.id);
    const expected = await joined(ticket.id);
    expect(expected).toMatchObject({ queueName: expect.stringMatching(/^Renamed /), stateName: expect.stringMatching(/^Still waiting /), priorityLevel: 5 });
    expect(after.list).toEqual(expected);
    expect(after.zoom).toEqual(expected);
    const [byId] = await listRowsByIds(db, [ticket.id]);
    const [joinedRow] = await selectListRows(db).where(eq(s.tickets.id, ticket.id));
    expect(byId).toEqual(joinedRow);
  });

  it("a lookup row the cache has not seen (created by another instance) is named too", async () => {
    const group = await createGroup();
    const queue = await asAdmin.adminConfig.queueCreate({ name: `Seen ${tag()}`, groupId: group.id });
    const agent = await createAgent({ queues: [{ id: queue.id, groupId: group.id }], permissions: ["rw"] });
    const asAgent = callerFor(agent);
    const ticket = await createTicket({ customer: await createCustomer(), queue });
    await shown(asAgent, ticket.id, queue.id);
    // Written straight to the table, as another web process would: this process's cache is not told.
    const [type] = await db.insert(s.ticketTypes).values({ name: `Elsewhere ${tag()}` }).returning();
    const [state] = await db.insert(s.states).values({ name: `Elsewhere ${tag()}`, type: "open" }).returning();
    await db.update(s.tickets).set({ typeId: type!.id, stateId: state!.id }).where(eq(s.tickets.id, ticket.id));
    const seen = await shown(asAgent, ticket.id, queue.id);
    expect(seen.list).toEqual(await joined(ticket.id));
    expect(seen.zoom).toEqual(seen.list);
    expect(seen.list).toMatchObject({ typeName: type!.name, stateName: state!.name });
  });
});
