import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import * as s from "@/db/schema";
import { slaSweep } from "@/jobs/definitions/sla-sweep";
import { enqueue } from "@/jobs/enqueue";
import { installJobSchema } from "@/jobs/install";
import { runWorker } from "@/jobs/worker";
import { setClockOffset } from "@/server/time/clock";
import { callerFor } from "../helpers/caller";
import { createSla, minutes } from "../helpers/sla";
import { createAgent, createCustomer, createQueue, createTicket, ticketRow } from "../factories";

let worker: Awaited<ReturnType<typeof runWorker>> | undefined;
let child: ChildProcess | undefined;

beforeAll(async () => {
  await installJobSchema(process.env.DATABASE_URL!);
  // The seeded rules must not add recipients of their own; each test names its own.
  await db.update(s.notificationRules).set({ valid: false });
});

afterEach(async () => {
  setClockOffset(0);
  await worker?.stop();
  worker = undefined;
});

afterAll(() => {
  child?.kill("SIGKILL");
});

/** A queue with a 1-minute first-response SLA (24/7) and an agent whom the escalation rule names. */
async function escalationDesk(firstResponseMinutes = 1) {
  const sla = await createSla({ firstResponseMinutes, updateMinutes: null, solutionMinutes: null, warnPercent: 80 });
  const queue = await createQueue({ slaId: sla.id });
  const agent = await createAgent({ queues: [queue] });
  await db.insert(s.queueSubscriptions).values({ queueId: queue.id, userId: agent.id });
  await db.insert(s.notificationRules).values({ name: `escalation ${queue.id}`, event: "escalation", recipients: { queueSubscribers: true }, channels: { app: true, email: false }, queueIds: [queue.id] });
  return { queue, agent, customer: await createCustomer() };
}

async function notificationsOf(ticketIds: number[]) {
  return db
    .select({ ticketId: s.notifications.ticketId, userId: s.notifications.userId, title: s.notifications.title, dedupeKey: s.notifications.dedupeKey })
    .from(s.notifications)
    .where(and(inArray(s.notifications.ticketId, ticketIds), eq(s.notifications.kind, "escalation")));
}

async function jobState(id: string) {
  const [row] = await db.execute<{ state: string }>(sql`select state from pgboss.job where id = ${id}`);
  return row?.state;
}

async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends one sweep to the running worker and waits until it has run. */
async function sweep() {
  const id = await enqueue(db, slaSweep, {});
  expect(await waitFor(() => jobState(id!), (state) => state === "completed" || state === "failed")).toBe("completed");
}

describe("SLA timers on the real worker", () => {
  it("a breach notifies exactly once, however often the sweep runs", async () => {
    const { queue, agent, customer } = await escalationDesk();
    const { id } = await createTicket({ customer, queue });
    worker = await runWorker();
    await sweep();
    expect(await notificationsOf([id])).toEqual([]);

    setClockOffset(minutes(2));
    await sweep();
    await sweep();
    const sent = await notificationsOf([id]);
    // The warning came due with its breach: only the breach is told.
    expect(sent).toEqual([expect.objectContaining({ userId: agent.id, title: expect.stringMatching(/^Escalated: /) })]);
    expect(await ticketRow(id)).toMatchObject({ slaTimerAt: null });
  });

  it("a warning at the threshold, then the breach at the deadline", async () => {
    const { queue, agent, customer } = await escalationDesk(10);
    const { id } = await createTicket({ customer, queue });
    worker = await runWorker();
    setClockOffset(minutes(8.5));
    await sweep();
    expect((await notificationsOf([id])).map((n) => n.title)).toEqual([expect.stringMatching(/^Escalating soon: /)]);
    setClockOffset(minutes(10.5));
    await sweep();
    const sent = await notificationsOf([id]);
    expect(sent.map((n) => n.title).sort()).toEqual([expect.stringMatching(/^Escalated: /), expect.stringMatching(/^Escalating soon: /)]);
    expect(sent.every((n) => n.userId === agent.id)).toBe(true);
  });

  it("an agent's public answer moves the deadline: the old timer never fires", async () => {
    const { queue, agent, customer } = await escalationDesk();
    const { id } = await createTicket({ customer, queue });
    const before = await ticketRow(id);
    expect(before.slaTimerAt).not.toBeNull();
    await callerFor(agent).article.reply({ ticketId: id, body: "Here is your answer." });
    expect(await ticketRow(id)).toMatchObject({ slaTimerAt: null, slaTimers: [] });
    worker = await runWorker();
    setClockOffset(minutes(5));
    await sweep();
    expect(await notificationsOf([id])).toEqual([]);
  });

  it("a worker killed mid-run loses no timer and doubles no notification", async () => {
    const { queue, agent, customer } = await escalationDesk();
    const ids: number[] = [];
    for (let i = 0; i < 100; i++) ids.push((await createTicket({ customer, queue })).id);
    const clockFile = path.join(mkdtempSync(path.join(tmpdir(), "sla-clock-")), "offset");
    writeFileSync(clockFile, String(minutes(2)));
    child = spawn(process.execPath, ["--import", "tsx", "jobs/worker.ts"], {
      env: { ...process.env, DESK_CLOCK_FILE: clockFile, SLA_SWEEP_BATCH: "1", LOG_LEVEL: "silent" },
      stdio: "ignore",
    });
    await enqueue(db, slaSweep, {});
    // The child needs a while to start (it compiles the worker): wait for its first fired timers.
    const partial = await waitFor(() => notificationsOf(ids), (rows) => rows.length > 0, 120_000);
    child.kill("SIGKILL");
    await new Promise((resolve) => child!.once("exit", resolve));
    child = undefined;
    const afterKill = (await notificationsOf(ids)).length;
    expect(partial.length).toBeGreaterThan(0);
    // Killed part-way: some timers fired, the rest still due.
    expect(afterKill).toBeLessThan(ids.length);

    setClockOffset(minutes(2));
    worker = await runWorker();
    // Rows the killed worker's transaction held stay locked until PostgreSQL notices the dead
    // connection; the sweep skips locked rows, so (like the desk's 10 s schedule) it runs again.
    const sent = await waitFor(
      async () => {
        await sweep();
        return notificationsOf(ids);
      },
      (rows) => rows.length >= ids.length,
      60_000,
    );
    expect(sent).toHaveLength(ids.length);
    expect(new Set(sent.map((n) => n.ticketId)).size).toBe(ids.length);
    expect(sent.every((n) => n.userId === agent.id)).toBe(true);
    const [left] = await db.execute<{ n: number }>(sql`select count(*)::int as n from tickets where id = any(${`{${ids.join(",")}}`}::bigint[]) and sla_timer_at is not null`);
    expect(Number(left?.n)).toBe(0);
  }, 240_000);
});
