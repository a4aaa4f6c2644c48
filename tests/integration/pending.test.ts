import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import * as s from "@/db/schema";
import { pendingAutoClose } from "@/jobs/definitions/pending-auto-close";
import { pendingReminders } from "@/jobs/definitions/pending-reminders";
import { enqueue } from "@/jobs/enqueue";
import { installJobSchema } from "@/jobs/install";
import { HANDLERS } from "@/jobs/registry";
import { runWorker } from "@/jobs/worker";
import { readHistory } from "@/server/services/tickets/history";
import { autoCloseDue, sendDueReminders } from "@/server/services/tickets/pending";
import { now, setClockOffset } from "@/server/time/clock";
import { callerFor } from "../helpers/caller";
import { createAgent, createCustomer, createQueue, createTicket, stateNamed, ticketRow } from "../factories";

const HOUR = 3_600_000;
let worker: Awaited<ReturnType<typeof runWorker>> | undefined;

beforeAll(async () => {
  await installJobSchema(process.env.DATABASE_URL!);
});

afterEach(() => setClockOffset(0));

afterAll(async () => {
  await worker?.stop();
});

/** Moves the desk's clock so that it reads `at`. */
const clockAt = (at: Date) => setClockOffset(at.getTime() - Date.now());

async function reminders(ticketId: number) {
  return db
    .select({ userId: s.notifications.userId, dedupeKey: s.notifications.dedupeKey })
    .from(s.notifications)
    .where(and(eq(s.notifications.ticketId, ticketId), eq(s.notifications.kind, "pending_reminder")))
    .orderBy(s.notifications.id);
}

async function jobState(id: string) {
  const [row] = await db.execute<{ state: string }>(sql`select state from pgboss.job where id = ${id}`);
  return row?.state;
}

/** Sends the job to the running worker and waits until it finished. */
async function runJob(job: typeof pendingReminders | typeof pendingAutoClose) {
  worker ??= await runWorker();
  const id = await enqueue(db, job, {});
  const deadline = Date.now() + 15_000;
  for (;;) {
    const state = await jobState(id!);
    if (state === "completed" || state === "failed" || Date.now() > deadline) return state;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Agent = Awaited<ReturnType<typeof createAgent>>;

/** A ticket in `queue`, owned by `owner` (when given), put into `stateName` until `until` by the owner (or `by`). */
async function pendingTicket(queue: Awaited<ReturnType<typeof createQueue>>, stateName: string, until: Date, owner?: Agent, by?: Agent) {
  const agent = owner ?? by ?? (await createAgent({ queues: [queue] }));
  const { id } = await createTicket({ customer: await createCustomer(), queue });
  if (owner) await callerFor(agent).ticket.setOwner({ ticketId: id, version: (await ticketRow(id)).version, ownerId: owner.id });
  const state = await stateNamed(stateName);
  await callerFor(agent).ticket.setState({ ticketId: id, version: (await ticketRow(id)).version, stateId: state.id, pendingUntil: until });
  return id;
}

describe("pending jobs", () => {
  it("are registered cron jobs", () => {
    const jobs = HANDLERS.map((h) => h.job);
    expect(jobs).toEqual(expect.arrayContaining([pendingReminders, pendingAutoClose]));
    expect(pendingReminders.cron).toBe("* * * * *");
    expect(pendingAutoClose.cron).toBe("* * * * *");
  });
});

describe("pending reminders", () => {
  it("the worker reminds the owner once per pending time, and again when the pending time changes", async () => {
    const queue = await createQueue();
    const owner = await createAgent({ queues: [queue] });
    const bystander = await createAgent({ queues: [queue] });
    const until = new Date(Date.now() + HOUR);
    const id = await pendingTicket(queue, "pending reminder", until, owner);

    // Not due yet: nothing happens.
    expect(await runJob(pendingReminders)).toBe("completed");
    expect(await reminders(id)).toEqual([]);

    clockAt(new Date(until.getTime() + 60_000));
    expect(await runJob(pendingReminders)).toBe("completed");
    expect(await reminders(id)).toEqual([{ userId: owner.id, dedupeKey: `pending_reminder:${id}:${until.getTime()}` }]);
    const row = await ticketRow(id);
    expect(row.remindedFor?.getTime()).toBe(until.getTime());
    // Bookkeeping, not a change: the agent's open zoom stays current.
    expect(row.stateType).toBe("pending_reminder");
    const sent = (await readHistory(db, id)).filter((h) => h.event === "reminder_sent");
    expect(sent).toEqual([expect.objectContaining({ actorId: null, newValue: until.toISOString() })]);

    // The next runs (the cron fires every minute) do not remind again.
    expect(await runJob(pendingReminders)).toBe("completed");
    expect(await sendDueReminders(db)).toMatchObject({ reminded: 0 });
    expect(await reminders(id)).toHaveLength(1);

    // A new pending time is a new reminder.
    const later = new Date(now().getTime() + HOUR);
    await callerFor(owner).ticket.setState({ ticketId: id, version: (await ticketRow(id)).version, stateId: (await stateNamed("pending reminder")).id, pendingUntil: later });
    clockAt(new Date(later.getTime() + 60_000));
    expect(await runJob(pendingReminders)).toBe("completed");
    expect((await reminders(id)).map((r) => r.dedupeKey)).toEqual([`pending_reminder:${id}:${until.getTime()}`, `pending_reminder:${id}:${later.getTime()}`]);
    expect((await reminders(id)).every((r) => r.userId === owner.id)).toBe(true);
    expect(await db.$count(s.notifications, eq(s.notifications.userId, bystander.id))).toBe(0);
  });

  it("an unowned ticket reminds the queue's rw agents whose 'my queues' include it", async () => {
    const queue = await createQueue();
    const other = await createQueue();
    const noSubscriptions = await createAgent({ queues: [queue] });
    const subscribedHere = await createAgent({ queues: [queue, other] });
    const subscribedElsewhere = await createAgent({ queues: [queue, other] });
    const readOnly = await createAgent({ queues: [queue], permissions: ["ro"] });
    await db.insert(s.queueSubscriptions).values([
      { queueId: queue.id, userId: subscribedHere.id },
      { queueId: other.id, userId: subscribedElsewhere.id },
    ]);
    const until = new Date(Date.now() + HOUR);
    const id = await pendingTicket(queue, "pending reminder", until, undefined, noSubscriptions);
    expect((await ticketRow(id)).ownerId).toBeNull();

    await sendDueReminders(db, new Date(until.getTime() + 1000));
    const told = (await reminders(id)).map((r) => r.userId).sort((a, b) => a - b);
    expect(told).toEqual([noSubscriptions.id, subscribedHere.id].sort((a, b) => a - b));
    expect(told).not.toContain(readOnly.id);
    expect(told).not.toContain(subscribedElsewhere.id);
  });

  it("in a queue with a calendar, a reminder due at night waits for the next working moment", async () => {
    const [calendar] = await db
      .insert(s.calendars)
      .values({ name: `Office ${Date.now()}`, timeZone: "Europe/Warsaw", workingHours: { mon: [["08:00", "16:00"]], tue: [["08:00", "16:00"]], wed: [["08:00", "16:00"]], thu: [["08:00", "16:00"]], fri: [["08:00", "16:00"]] } })
      .returning();
    const queue = await createQueue({ calendarId: calendar!.id });
    const owner = await createAgent({ queues: [queue] });
    // Wednesday 3 March 2027, 10:00 in Warsaw (UTC+1): the agent sets a reminder for 20:00 that evening.
    clockAt(new Date("2027-03-03T09:00:00Z"));
    const until = new Date("2027-03-03T19:00:00Z");
    const id = await pendingTicket(queue, "pending reminder", until, owner);

    for (const night of ["2027-03-03T19:00:30Z", "2027-03-03T23:00:00Z", "2027-03-04T06:59:00Z"]) {
      clockAt(new Date(night));
      expect(await runJob(pendingReminders)).toBe("completed");
      expect(await reminders(id), night).toEqual([]);
    }
    // 08:00 Thursday in Warsaw: the first working moment.
    clockAt(new Date("2027-03-04T07:00:30Z"));
    expect(await runJob(pendingReminders)).toBe("completed");
    expect(await reminders(id)).toEqual([{ userId: owner.id, dedupeKey: `pending_reminder:${id}:${until.getTime()}` }]);
    clockAt(new Date("2027-03-04T09:00:00Z"));
    expect(await runJob(pendingReminders)).toBe("completed");
    expect(await reminders(id)).toHaveLength(1);
  });
});

describe("pending reminders and odd calendars", () => {
  it("a queue calendar without any working hours keeps no reminder back", async () => {
    const [calendar] = await db.insert(s.calendars).values({ name: `Empty ${Date.now()}`, timeZone: "UTC", workingHours: {} }).returning();
    const queue = await createQueue({ calendarId: calendar!.id });
    const owner = await createAgent({ queues: [queue] });
    const until = new Date(Date.now() + HOUR);
    const id = await pendingTicket(queue, "pending reminder", until, owner);
    await sendDueReminders(db, new Date(until.getTime() + 1000));
    expect(await reminders(id)).toHaveLength(1);
  });
});

describe("pending auto-close", () => {
  it("the worker closes a pending-auto ticket on time, once, as the system, with a history row", async () => {
    const queue = await createQueue();
    const owner = await createAgent({ queues: [queue] });
    const until = new Date(Date.now() + HOUR);
    const plus = await pendingTicket(queue, "pending auto close+", until, owner);
    const minus = await pendingTicket(queue, "pending auto close-", new Date(until.getTime() + HOUR), owner);
    const before = await ticketRow(plus);

    expect(await runJob(pendingAutoClose)).toBe("completed");
    expect((await ticketRow(plus)).stateType).toBe("pending_auto");

    clockAt(new Date(until.getTime() + 60_000));
    // A run skips a ticket another job holds at that moment (the SLA sweep, a notification); the
    // next minute's run takes it. Run until it is closed; it must close once all the same.
    for (let run = 0; run < 10 && (await ticketRow(plus)).stateType === "pending_auto"; run++) {
      expect(await runJob(pendingAutoClose)).toBe("completed");
    }
    const closed = await ticketRow(plus);
    expect(closed).toMatchObject({ stateId: (await stateNamed("closed successful")).id, stateType: "closed", pendingUntil: null, version: before.version + 1, changedBy: null });
    expect(closed.closedAt).not.toBeNull();
    const changes = (await readHistory(db, plus)).filter((h) => h.event === "state_changed" && h.newValue === "closed successful");
    expect(changes).toEqual([expect.objectContaining({ actorId: null, oldId: before.stateId })]);
    // The other one's time has not come.
    expect((await ticketRow(minus)).stateType).toBe("pending_auto");

    // Later runs find nothing more to do for it.
    expect(await runJob(pendingAutoClose)).toBe("completed");
    expect(await autoCloseDue(db)).toEqual({ closed: 0 });
    expect((await ticketRow(plus)).version).toBe(closed.version);
    expect((await readHistory(db, plus)).filter((h) => h.event === "state_changed" && h.newValue === "closed successful")).toHaveLength(1);

    clockAt(new Date(until.getTime() + 2 * HOUR));
    expect(await runJob(pendingAutoClose)).toBe("completed");
    expect(await ticketRow(minus)).toMatchObject({ stateId: (await stateNamed("closed unsuccessful")).id, stateType: "closed" });
  });
});
