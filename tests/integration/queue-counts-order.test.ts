import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { setTicket } from "../helpers/workspace";
import { createCustomer, createQueue, createTicket } from "../factories";

type Count = { queue_id: string; state_type: string; n: number };

const counters = async (queueIds: number[]) =>
  (await db.execute<Count>(sql`select queue_id::text, state_type::text, count as n from queue_ticket_counts
    where queue_id = any(${`{${queueIds.join(",")}}`}::bigint[]) and count <> 0 order by 1, 2`)).map((r) => ({ ...r, n: Number(r.n) }));
const direct = async (queueIds: number[]) =>
  (await db.execute<Count>(sql`select queue_id::text, state_type::text, count(*)::int as n from tickets
    where not archived and queue_id = any(${`{${queueIds.join(",")}}`}::bigint[]) group by 1, 2 order by 1, 2`)).map((r) => ({ ...r, n: Number(r.n) }));

describe("queue_ticket_counts takes its two rows in key order (0021)", () => {
  it("stays exact when tickets change state and queue in both directions, and through archiving", async () => {
    const [low, high] = [await createQueue(), await createQueue()];
    const customer = await createCustomer();
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push((await createTicket({ customer, queue: i % 2 ? high : low })).id);
    const queues = [low.id, high.id];
    const steps: Parameters<typeof setTicket>[1][] = [
      { stateType: "pending_reminder" }, // up the key
      { stateType: "open" }, // down the key
      { queueId: high.id, stateType: "new" }, // up the queue, down the state
      { queueId: low.id, stateType: "pending_reminder" }, // down the queue, up the state
      { archived: true },
      { archived: false, stateType: "open" },
    ];
    for (const step of steps) {
      for (const id of ids) await setTicket(id, step);
      expect(await counters(queues)).toEqual(await direct(queues));
    }
    expect((await counters(queues)).reduce((sum, c) => sum + c.n, 0)).toBe(ids.length);
  });
});

describe("queue_ticket_counts is written at commit (0021)", () => {
  it("a state change does not wait for another transaction's uncommitted state change in the same queue", async () => {
    const queue = await createQueue();
    const customer = await createCustomer();
    const [a, b] = [await createTicket({ customer, queue }), await createTicket({ customer, queue })];
    const before = await direct([queue.id]);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const updated = new Promise<void>((r) => (started = r));
    // A: changes ticket a's state and keeps its transaction open.
    const first = db.transaction(async (tx) => {
      await tx.execute(sql`update tickets set state_type = 'open' where id = ${a.id}`);
      started();
      await held;
    });
    await updated;
    // B: the same change on ticket b, in the same queue, must not wait for A's counter rows.
    const second = await db.transaction(async (tx) => {
      await tx.execute(sql`set local lock_timeout = '2s'`);
      await tx.execute(sql`update tickets set state_type = 'open' where id = ${b.id}`);
      return "committed";
    }).catch((e: unknown) => String((e as { cause?: unknown }).cause ?? e));
    release();
    await first;
    expect(second).toBe("committed");
    expect(before).toEqual([{ queue_id: String(queue.id), state_type: "new", n: 2 }]);
    expect(await counters([queue.id])).toEqual([{ queue_id: String(queue.id), state_type: "open", n: 2 }]);
  });
});
