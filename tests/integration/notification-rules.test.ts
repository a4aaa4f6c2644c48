import { randomUUID } from "node:crypto";
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import * as s from "@/db/schema";
import { notifyAgents } from "@/jobs/definitions/notify-agents";
import { notifyAgentsHandler } from "@/jobs/handlers/notify-agents";
import type { createNotificationRuleInput } from "@/server/schemas/admin-config";
import { callerFor } from "../helpers/caller";
import { createAgent, createCustomer, createGroup, createQueue, createRole, createTicket, ticketRow } from "../factories";

type RuleInput = import("zod").input<typeof createNotificationRuleInput>;

let admin: Awaited<ReturnType<typeof createAgent>>;
let seeded: { id: number; valid: boolean }[] = [];

/** The seeded default rules would notify watchers of every queue: set them aside while each test brings its own. */
beforeAll(async () => {
  admin = await createAgent({ admin: true });
  seeded = await db.select({ id: s.notificationRules.id, valid: s.notificationRules.valid }).from(s.notificationRules);
  await db.update(s.notificationRules).set({ valid: false });
});
afterEach(async () => {
  const keep = seeded.map((r) => r.id);
  await db.delete(s.notificationRules).where(keep.length ? notInArray(s.notificationRules.id, keep) : undefined);
});
afterAll(async () => {
  for (const r of seeded) await db.update(s.notificationRules).set({ valid: r.valid }).where(eq(s.notificationRules.id, r.id));
});

const rule = (values: Partial<RuleInput> & Pick<RuleInput, "event" | "recipients">) =>
  callerFor(admin).adminConfig.notificationRuleCreate({ name: `rule ${randomUUID().slice(0, 8)}`, channels: { app: true, email: false }, ...values });

/** Runs the ticket's queued notify jobs as the worker would, twice: a retry adds nothing. */
async function runJobs(ticketId: number) {
  const rows = await db.execute<{ data: unknown }>(sql`select data from pgboss.job where name = ${notifyAgents.name} and (data->>'ticketId')::bigint = ${ticketId}`);
  for (let round = 0; round < 2; round++) for (const row of rows) await notifyAgentsHandler.run(db, notifyAgents.payload.parse(row.data));
  return rows.length;
}

/** Per agent: [in-app kinds, mails] for the ticket. */
async function received(ticketId: number, agents: { id: number; email: string }[]) {
  const app = await db.select({ userId: s.notifications.userId, kind: s.notifications.kind }).from(s.notifications).where(eq(s.notifications.ticketId, ticketId));
  const mails = await db
    .select({ to: s.outbox.toAddresses })
    .from(s.outbox)
    .where(and(eq(s.outbox.ticketId, ticketId), eq(s.outbox.kind, "notification"), inArray(s.outbox.toAddresses, agents.map((a) => a.email.toLowerCase()))));
  return agents.map((a) => [app.filter((n) => n.userId === a.id).map((n) => n.kind), mails.filter((m) => m.to === a.email.toLowerCase()).length]);
}

async function watching(queue: { id: number; groupId: number }) {
  const agent = await createAgent({ queues: [queue] });
  await db.insert(s.queueSubscriptions).values({ queueId: queue.id, userId: agent.id });
  return agent;
}

describe("notification rules decide who is notified", () => {
  it("new ticket → queue watchers, in the app only", async () => {
    const queue = await createQueue();
    const [watcher, bystander] = [await watching(queue), await createAgent({ queues: [queue] })];
    await rule({ event: "new_ticket", recipients: { queueSubscribers: true } });
    const { id } = await createTicket({ customer: await createCustomer(), queue });
    await runJobs(id);
    expect(await received(id, [watcher, bystander])).toEqual([[["new_ticket"], 0], [[], 0]]);
  });

  it("follow-up → the owner, by e-mail only", async () => {
    const queue = await createQueue();
    const customer = await createCustomer();
    const owner = await createAgent({ queues: [queue] });
    await rule({ event: "follow_up", recipients: { owner: true }, channels: { app: false, email: true } });
    const { id } = await createTicket({ customer, queue });
    await db.update(s.tickets).set({ ownerId: owner.id }).where(eq(s.tickets.id, id));
    await callerFor(customer).article.reply({ ticketId: id, body: "Any news?" });
    await runJobs(id);
    expect(await received(id, [owner])).toEqual([[[], 1]]);
  });

  it("queue move → members of a group (directly or through a role), never the agent who moved it", async () => {
    const [from, to] = [await createQueue(), await createQueue()];
    const team = await createGroup();
    const mover = await createAgent({ queues: [from, to] });
    const [direct, viaRole, outsider] = [await createAgent({ queues: [to] }), await createAgent({ queues: [to] }), await createAgent({ queues: [to] })];
    await db.insert(s.userGroupPermissions).values([mover, direct].map((a) => ({ userId: a.id, groupId: team.id, permission: "ro" as const })));
    await createRole({ groupId: team.id, permissions: ["ro"], userIds: [viaRole.id] });
    await rule({ event: "queue_changed", recipients: { groupIds: [team.id] }, channels: { app: true, email: true } });
    const { id } = await createTicket({ customer: await createCustomer(), queue: from });
    await callerFor(mover).ticket.move({ ticketId: id, version: (await ticketRow(id)).version, queueId: to.id });
    expect(await runJobs(id)).toBeGreaterThan(0);
    expect(await received(id, [mover, direct, viaRole, outsider])).toEqual([
      [[], 0],
      [["queue_changed"], 1],
      [["queue_changed"], 1],
      [[], 0],
    ]);
  });

  it("owner change → the responsible agent", async () => {
    const queue = await createQueue();
    const [boss, responsible, newOwner] = [await createAgent({ queues: [queue] }), await createAgent({ queues: [queue] }), await createAgent({ queues: [queue] })];
    await rule({ event: "owner_changed", recipients: { responsible: true } });
    const { id } = await createTicket({ customer: await createCustomer(), queue });
    await db.update(s.tickets).set({ responsibleId: responsible.id }).where(eq(s.tickets.id, id));
    await callerFor(boss).ticket.setOwner({ ticketId: id, version: (await ticketRow(id)).version, ownerId: newOwner.id });
    await runJobs(id);
    expect(await received(id, [responsible, newOwner, boss])).toEqual([[["owner_changed"], 0], [[], 0], [[], 0]]);
  });

  it("a specific agent, once per event and channel however many rules name them", async () => {
    const queue = await createQueue();
    const named = await watching(queue);
    await rule({ event: "new_ticket", recipients: { userIds: [named.id] }, channels: { app: true, email: true } });
    await rule({ event: "new_ticket", recipients: { queueSubscribers: true }, channels: { app: true, email: true } });
    const { id } = await createTicket({ customer: await createCustomer(), queue });
    await runJobs(id);
    expect(await received(id, [named])).toEqual([[["new_ticket"], 1]]);
  });

  it("a queue filter leaves other queues' tickets alone", async () => {
    const [chosen, other] = [await createQueue(), await createQueue()];
    const agent = await createAgent({ queues: [chosen, other] });
    await rule({ event: "new_ticket", recipients: { userIds: [agent.id] }, queueIds: [chosen.id] });
    const inChosen = await createTicket({ customer: await createCustomer(), queue: chosen });
    const inOther = await createTicket({ customer: await createCustomer(), queue: other });
    for (const t of [inChosen, inOther]) await runJobs(t.id);
    expect([await received(inChosen.id, [agent]), await received(inOther.id, [agent])]).toEqual([[[["new_ticket"], 0]], [[[], 0]]]);
  });

  it("an agent who may not see the queue is not told, though a rule names them", async () => {
    const queue = await createQueue();
    const [blind, sighted] = [await createAgent(), await createAgent({ queues: [queue], permissions: ["ro"] })];
    await rule({ event: "new_ticket", recipients: { userIds: [blind.id, sighted.id] }, channels: { app: true, email: true } });
    const { id } = await createTicket({ customer: await createCustomer(), queue });
    await runJobs(id);
    expect(await received(id, [blind, sighted])).toEqual([[[], 0], [["new_ticket"], 1]]);
  });

  it("a disabled rule notifies nobody", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const { id: ruleId } = await rule({ event: "new_ticket", recipients: { userIds: [agent.id] } });
    await callerFor(admin).adminConfig.notificationRuleSetValid({ id: ruleId, valid: false });
    const { id } = await createTicket({ customer: await createCustomer(), queue });
    await runJobs(id);
    expect(await received(id, [agent])).toEqual([[[], 0]]);
  });

  it("the agent who took the ticket is not told of their own action; a profile can mute a channel the rule gives", async () => {
    const queue = await createQueue();
    const actor = await createAgent({ queues: [queue] });
    const muted = await createAgent({ queues: [queue], values: { notificationPrefs: { owner_changed: { email: false } } } });
    await rule({ event: "owner_changed", recipients: { owner: true, userIds: [actor.id, muted.id] }, channels: { app: true, email: true } });
    const { id } = await createTicket({ customer: await createCustomer(), queue });
    await callerFor(actor).ticket.lock({ ticketId: id, version: (await ticketRow(id)).version });
    await runJobs(id);
    expect(await received(id, [actor, muted])).toEqual([[[], 0], [["owner_changed"], 0]]);
  });

  it("the admin screen's validation refuses a rule without recipients or channels, and a group that does not exist", async () => {
    const admin$ = callerFor(admin).adminConfig;
    const issues = (call: Promise<unknown>) => call.then(() => [], (e: { cause?: { issues?: { message: string }[] } }) => e.cause?.issues?.map((i) => i.message));
    expect(await issues(admin$.notificationRuleCreate({ name: "empty", event: "new_ticket", recipients: {}, channels: { app: true, email: false } }))).toEqual(["Choose at least one recipient"]);
    expect(await issues(admin$.notificationRuleCreate({ name: "silent", event: "new_ticket", recipients: { owner: true }, channels: { app: false, email: false } }))).toEqual(["Choose at least one channel"]);
    await expect(admin$.notificationRuleCreate({ name: "ghost", event: "new_ticket", recipients: { groupIds: [987654321] }, channels: { app: true, email: false } })).rejects.toThrow(/group/);
    const { id } = await rule({ event: "queue_changed", recipients: { groupIds: [(await createGroup()).id] } });
    const [audit] = await db.select().from(s.auditLog).where(and(eq(s.auditLog.entity, "notification_rule"), eq(s.auditLog.entityId, String(id))));
    expect(audit?.action).toBe("create");
  });
});
