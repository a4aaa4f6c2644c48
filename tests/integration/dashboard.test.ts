import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { queueSubscriptions } from "@/db/schema";
import { callerFor } from "../helpers/caller";
import { setTicket } from "../helpers/workspace";
import { createAgent, createCustomer, createQueue, createTicket, stateNamed } from "../factories";

const ids = (s: { items: { id: number }[] }) => s.items.map((i) => i.id);

describe("dashboard.summary", () => {
  it("shows my locked tickets, new tickets in my queues, due reminders and escalations, each with waiting time", async () => {
    const [subscribed, other, hidden] = [await createQueue(), await createQueue(), await createQueue()];
    const agent = await createAgent({ queues: [subscribed, other] });
    await db.insert(queueSubscriptions).values({ userId: agent.id, queueId: subscribed.id });
    const customer = await createCustomer();
    const fresh = await createTicket({ customer, queue: subscribed });
    const notMyQueue = await createTicket({ customer, queue: other });
    const invisible = await createTicket({ customer, queue: hidden });
    const locked = await createTicket({ customer, queue: other });
    await setTicket(locked.id, { locked: true, ownerId: agent.id, stateType: "open" });
    const reminder = await createTicket({ customer, queue: other });
    const pending = await stateNamed("pending reminder");
    await setTicket(reminder.id, { stateId: pending.id, stateType: "pending_reminder", pendingUntil: new Date(Date.now() - 60_000), ownerId: agent.id });
    const notDue = await createTicket({ customer, queue: subscribed });
    await setTicket(notDue.id, { stateId: pending.id, stateType: "pending_reminder", pendingUntil: new Date(Date.now() + 3_600_000) });
    const late = await createTicket({ customer, queue: other });
    await setTicket(late.id, { escalationAt: new Date(Date.now() - 60_000), stateType: "open" });
    const soon = await createTicket({ customer, queue: other });
    await setTicket(soon.id, { escalationAt: new Date(Date.now() + 30 * 60_000), stateType: "open" });
    await setTicket(invisible.id, { escalationAt: new Date(Date.now() - 60_000) });

    const d = await callerFor(agent).dashboard.summary();
    expect(ids(d.locked)).toEqual([locked.id]);
    expect(d.locked.count).toBe(1);
    expect(ids(d.newInMyQueues)).toEqual([fresh.id]);
    expect(d.newInMyQueues.count).toBe(1);
    expect(ids(d.newInMyQueues)).not.toContain(notMyQueue.id);
    expect(ids(d.remindersDue)).toEqual([reminder.id]);
    expect(ids(d.escalated)).toEqual([late.id]);
    expect(ids(d.escalatingSoon)).toEqual([soon.id]);
    expect(d.newInMyQueues.items[0]).toMatchObject({ number: fresh.number, waitingSince: expect.any(Date) });
  });

  it("without subscriptions, my queues are every queue I can see", async () => {
    const [a, b] = [await createQueue(), await createQueue()];
    const agent = await createAgent({ queues: [a, b], permissions: ["ro"] });
    const customer = await createCustomer();
    const t1 = await createTicket({ customer, queue: a });
    const t2 = await createTicket({ customer, queue: b });
    const d = await callerFor(agent).dashboard.summary();
    expect(ids(d.newInMyQueues).sort()).toEqual([t1.id, t2.id].sort());
    expect(d.newInMyQueues.count).toBe(2);
    expect(d.escalated).toEqual({ count: 0, items: [] });
  });
});
