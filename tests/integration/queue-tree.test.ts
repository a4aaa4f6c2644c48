import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { callerFor } from "../helpers/caller";
import { setTicket } from "../helpers/workspace";
import { createAgent, createCustomer, createQueue, createTicket, stateNamed, ticketRow } from "../factories";

type Node = { id: number; counts: { new: number; open: number; pending: number }; total: { new: number; open: number; pending: number }; children: Node[] };

function find(nodes: Node[], id: number): Node | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const inner = find(n.children, id);
    if (inner) return inner;
  }
  return undefined;
}

/** The counters must equal an exact count over tickets for the queues. */
async function expectCountersExact(queueIds: number[]) {
  const exact = await db.execute<{ queue_id: string; state_type: string; n: number }>(
    sql`select queue_id, state_type, count(*)::int as n from tickets where not archived and queue_id in ${queueIds} group by 1, 2`,
  );
  const counters = await db.execute<{ queue_id: string; state_type: string; n: number }>(
    sql`select queue_id, state_type, count as n from queue_ticket_counts where queue_id in ${queueIds} and count <> 0`,
  );
  const key = (r: { queue_id: string; state_type: string; n: number }) => `${r.queue_id}/${r.state_type}=${r.n}`;
  expect(counters.map(key).sort()).toEqual(exact.map(key).sort());
}

describe("queue.tree", () => {
  it("counts stay right through create, state change, move, archive and merge; parents total their children", async () => {
    const parent = await createQueue();
    const child = await createQueue({ parentId: parent.id, groupId: parent.groupId });
    const hidden = await createQueue();
    const agent = await createAgent({ queues: [parent, hidden] });
    const watcher = await createAgent({ queues: [parent], permissions: ["ro"] });
    const customer = await createCustomer();
    const caller = callerFor(agent);
    const tree = async () => (await callerFor(watcher).queue.tree()) as Node[];

    const a = await createTicket({ customer, queue: parent });
    const b = await createTicket({ customer, queue: child });
    const c = await createTicket({ customer, queue: child });
    let p = find(await tree(), parent.id)!;
    expect(p.counts).toEqual({ new: 1, open: 0, pending: 0 });
    expect(p.total).toEqual({ new: 3, open: 0, pending: 0 });
    expect(find(p.children, child.id)!.counts.new).toBe(2);

    const open = await stateNamed("open");
    await caller.ticket.setState({ ticketId: b.id, version: (await ticketRow(b.id)).version, stateId: open.id });
    await caller.ticket.move({ ticketId: a.id, version: (await ticketRow(a.id)).version, queueId: hidden.id });
    p = find(await tree(), parent.id)!;
    expect(p.counts).toEqual({ new: 0, open: 0, pending: 0 });
    expect(p.total).toEqual({ new: 1, open: 1, pending: 0 });
    expect(find(await tree(), hidden.id)).toBeUndefined();

    await caller.ticket.merge({ ticketId: c.id, version: (await ticketRow(c.id)).version, targetTicketId: b.id });
    expect(find(await tree(), child.id)!.counts).toEqual({ new: 0, open: 1, pending: 0 });

    await setTicket(b.id, { archived: true });
    expect(find(await tree(), child.id)!.counts).toEqual({ new: 0, open: 0, pending: 0 });
    await setTicket(b.id, { archived: false });
    expect(find(await tree(), child.id)!.counts.open).toBe(1);
    await expectCountersExact([parent.id, child.id, hidden.id]);
  });

  it("an update that does not touch queue, state type or archive leaves the counters alone", async () => {
    const queue = await createQueue();
    const customer = await createCustomer();
    const t = await createTicket({ customer, queue });
    const before = await db.execute(sql`select xmin::text as x from queue_ticket_counts where queue_id = ${queue.id}`);
    await setTicket(t.id, { title: "Renamed" });
    const after = await db.execute(sql`select xmin::text as x from queue_ticket_counts where queue_id = ${queue.id}`);
    expect(after).toEqual(before);
    await db.execute(sql`delete from ticket_history where ticket_id = ${t.id}`);
    await db.execute(sql`delete from articles where ticket_id = ${t.id}`);
    await db.execute(sql`delete from tickets where id = ${t.id}`);
    await expectCountersExact([queue.id]);
  });
});
