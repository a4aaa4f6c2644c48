import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { outbox, tickets } from "@/db/schema";
import { producerBoss } from "@/jobs/boss";
import { notifyCustomer } from "@/jobs/definitions/notify-customer";
import { installJobSchema } from "@/jobs/install";
import { HANDLERS } from "@/jobs/registry";
import { enqueue } from "@/jobs/enqueue";
import { unlockExpired } from "@/jobs/definitions/unlock-expired";
import { runWorker } from "@/jobs/worker";
import { logger } from "@/server/logger";
import { readHistory } from "@/server/services/tickets/history";
import { callerFor } from "../helpers/caller";
import { createAgent, createCustomer, createQueue, createTicket, ticketRow } from "../factories";

let worker: Awaited<ReturnType<typeof runWorker>> | undefined;

beforeAll(async () => {
  await installJobSchema(process.env.DATABASE_URL!);
});

afterAll(async () => {
  await worker?.stop();
});

async function jobCount(name: string) {
  const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = ${name}`);
  return Number(row?.n);
}

async function jobState(id: string) {
  const [row] = await db.execute<{ state: string }>(sql`select state from pgboss.job where id = ${id}`);
  return row?.state;
}

async function jobRow(id: string) {
  const [row] = await db.execute<{ state: string; retry_count: number }>(sql`select state, retry_count from pgboss.job where id = ${id}`);
  return row;
}

async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("jobs", () => {
  it("a job enqueued inside a rolled-back transaction does not exist", async () => {
    const before = await jobCount(unlockExpired.name);
    let seenInside = -1;
    const outcome = await db
      .transaction(async (tx) => {
        await enqueue(tx, unlockExpired, {});
        const [row] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = ${unlockExpired.name}`);
        seenInside = Number(row?.n);
        throw new Error("roll back");
      })
      .catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(Error);
    // Inside the transaction the job was there, so the count below measures the rollback.
    expect(seenInside).toBe(before + 1);
    expect(await jobCount(unlockExpired.name)).toBe(before);
  });

  it("a committed enqueue leaves exactly one job", async () => {
    const before = await jobCount(unlockExpired.name);
    const id = await db.transaction((tx) => enqueue(tx, unlockExpired, {}));
    expect(id).toEqual(expect.any(String));
    expect(await jobCount(unlockExpired.name)).toBe(before + 1);
  });

  it("enqueue validates the payload before sending", async () => {
    const before = await jobCount(unlockExpired.name);
    await expect(enqueue(db, unlockExpired, "not an object" as never)).rejects.toThrow();
    expect(await jobCount(unlockExpired.name)).toBe(before);
  });

  it("the worker runs tickets.unlock-expired end to end and unlocks a ticket whose lock expired", async () => {
    const queue = await createQueue({ unlockTimeoutMinutes: 1 });
    const agent = await createAgent({ queues: [queue] });
    const customer = await createCustomer();
    const { id } = await createTicket({ customer, queue });
    // A ticket locked just now in the same queue must stay locked: only expired locks go.
    const { id: freshId } = await createTicket({ customer, queue });
    await callerFor(agent).ticket.lock({ ticketId: id, version: (await ticketRow(id)).version });
    await callerFor(agent).ticket.lock({ ticketId: freshId, version: (await ticketRow(freshId)).version });
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000);
    await db.update(tickets).set({ lockedAt: fiveMinutesAgo, changedAt: fiveMinutesAgo }).where(eq(tickets.id, id));
    const locked = await ticketRow(id);
    expect(locked).toMatchObject({ locked: true, ownerId: agent.id });

    // Jobs left queued by the tests above would do the same work; only ours may.
    await db.execute(sql`delete from pgboss.job where name = ${unlockExpired.name} and state in ('created', 'retry')`);
    worker = await runWorker();
    // A run skips a ticket another job holds at that moment (its lock notification, say); the
    // next run takes it. Run until it is unlocked; it must unlock once all the same.
    for (let run = 0; run < 10 && (await ticketRow(id)).locked; run++) {
      const jobId = await enqueue(db, unlockExpired, {});
      expect(jobId).toEqual(expect.any(String));
      const state = await waitFor(() => jobState(jobId!), (s) => s === "completed" || s === "failed");
      expect(state).toBe("completed");
    }
    const row = await ticketRow(id);

    expect(row).toMatchObject({ locked: false, lockedAt: null, ownerId: agent.id, version: locked.version + 1 });
    const unlocked = (await readHistory(db, id)).filter((h) => h.event === "unlocked");
    expect(unlocked).toEqual([expect.objectContaining({ field: "lock", oldValue: "locked", newValue: "unlocked (lock expired)", actorId: null })]);
    expect(await ticketRow(freshId)).toMatchObject({ locked: true });

    await worker.stop();
    worker = undefined;
  });

  it("a job whose payload fails its schema in the worker is logged and dropped: completed, not retried, its handler never run", async () => {
    const queue = await createQueue();
    const customer = await createCustomer();
    const { id } = await createTicket({ customer, queue });
    // Closed, with a customer who wants to hear of it: notify.customer's handler would mail them.
    await db.update(tickets).set({ stateType: "closed" }).where(eq(tickets.id, id));
    const warn = vi.spyOn(logger, "warn");
    worker = await runWorker();
    try {
      // Straight through pg-boss: enqueue() would refuse this payload before sending it.
      const boss = await producerBoss(process.env.DATABASE_URL!);
      const badId = await boss.send(notifyCustomer.name, { ticketId: id, event: "ticket_closed", version: "seven" });
      expect(badId).toEqual(expect.any(String));
      await waitFor(() => jobState(badId!), (s) => s !== "created" && s !== "active");
      expect(await jobRow(badId!)).toMatchObject({ state: "completed", retry_count: 0 });
      expect(warn).toHaveBeenCalledWith(expect.objectContaining({ job: notifyCustomer.name, id: badId }), "job payload failed validation; dropped");
      expect(await db.select().from(outbox).where(eq(outbox.ticketId, id))).toEqual([]);

      // The same job with a valid payload does run and mails the customer: the check above can fail.
      const goodId = await enqueue(db, notifyCustomer, { ticketId: id, event: "ticket_closed", version: 7 });
      expect(await waitFor(() => jobState(goodId!), (s) => s === "completed" || s === "failed")).toBe("completed");
      expect(await db.select({ key: outbox.idempotencyKey }).from(outbox).where(eq(outbox.ticketId, id))).toEqual([{ key: `customer:ticket_closed:${id}:7` }]);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
      await worker.stop();
      worker = undefined;
    }
  });
  it("a worker runs a batch of jobs side by side and settles each on its own: one failing job is retried, its batch-mates complete", async () => {
    const queue = await createQueue();
    const made = await Promise.all([0, 1, 2].map(async () => {
      const { id } = await createTicket({ customer: await createCustomer(), queue });
      await db.update(tickets).set({ stateType: "closed" }).where(eq(tickets.id, id));
      return id;
    }));
    const failing = made[1]!;
    const handler = HANDLERS.find((h) => h.job.name === notifyCustomer.name)!;
    const original = handler.run;
    handler.run = async (database, payload) => {
      if ((payload as { ticketId: number }).ticketId === failing) throw new Error("simulated failure of one job");
      return original(database, payload);
    };
    try {
      // Enqueued before the worker starts, so one fetch takes all three as one batch.
      const ids = await Promise.all(made.map((ticketId) => enqueue(db, notifyCustomer, { ticketId, event: "ticket_closed", version: 7 })));
      worker = await runWorker();
      const settled = await Promise.all(ids.map((id) => waitFor(() => jobRow(id!), (r) => r?.state !== "created" && r?.state !== "active")));
      expect(settled.map((r) => r?.state)).toEqual(["completed", "retry", "completed"]);
      const [failed] = await db.execute<{ output: { message?: string } }>(sql`select output from pgboss.job where id = ${ids[1]!}`);
      expect(failed?.output).toMatchObject({ message: "simulated failure of one job" });
      const mailed = await db.select({ ticketId: outbox.ticketId }).from(outbox).where(inArray(outbox.ticketId, made));
      expect(mailed.map((m) => m.ticketId).sort()).toEqual([made[0], made[2]].sort());
    } finally {
      handler.run = original;
      await worker?.stop();
      worker = undefined;
    }
  });
});
