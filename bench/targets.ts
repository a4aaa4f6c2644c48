import postgres from "postgres";
import { QUEUES_PER_ROLE } from "./rows";

export type Agent = { id: number; email: string; queueIds: number[] };
export type WriteTicket = { id: number; version: number; pending: boolean };
export type Targets = {
  agents: Agent[];
  /** Per queue: customers with new or open tickets there (for the customer-filtered queue view). */
  customersByQueue: Map<number, number[]>;
  /** Per queue: tickets to zoom into, half of them in the working set, half from anywhere. */
  zoomByQueue: Map<number, number[]>;
  /** Per agent (same index): open, unlocked tickets only that agent writes to, so versions never clash. */
  writesByAgent: WriteTicket[][];
  states: { open: number; pending: number };
};

/** Picks what the simulated agents work on, straight from the database (not part of the timings). */
export async function loadTargets(url: string, agentCount: number): Promise<Targets> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const queues = await sql<{ id: number }[]>`select id::int from queues where name like 'Bench::%' order by name`;
    const roles = Math.ceil(queues.length / QUEUES_PER_ROLE);
    const roleQueues = (r: number) => queues.slice(r * QUEUES_PER_ROLE, (r + 1) * QUEUES_PER_ROLE).map((q) => q.id);
    const rows = await sql<{ id: number; email: string; n: number }[]>`
      select id::int, email, substr(split_part(email, '@', 1), 13)::int as n from users
      where email like 'bench-agent-%' order by 3 limit ${agentCount}`;
    const agents = rows.map((a) => ({ id: a.id, email: a.email, queueIds: roleQueues(a.n % roles) }));

    const customersByQueue = new Map<number, number[]>();
    const zoomByQueue = new Map<number, number[]>();
    for (const { id: q } of queues) {
      const customers = await sql<{ c: number }[]>`
        select c from (
          select distinct customer_user_id::int as c from tickets
          where queue_id = ${q} and state_type in ('new', 'open') and not archived
        ) x order by md5(c::text) limit 50`;
      customersByQueue.set(q, customers.map((r) => r.c));
      const working = await sql<{ id: number }[]>`
        select id::int from tickets where queue_id = ${q} and not archived order by md5(id::text) limit 100`;
      const any = await sql<{ id: number }[]>`
        select id::int from tickets tablesample system (2) repeatable (7) where queue_id = ${q} limit 100`;
      zoomByQueue.set(q, [...working, ...any].map((r) => r.id));
    }

    const writesByAgent: WriteTicket[][] = agents.map(() => []);
    for (let r = 0; r < roles; r++) {
      const mine = agents.map((a, i) => ({ a, i })).filter(({ a }) => a.queueIds[0] === roleQueues(r)[0]);
      if (mine.length === 0) continue;
      const open = await sql<{ id: number; version: number }[]>`
        select id::int, version from tickets
        where queue_id = any(${roleQueues(r)}::bigint[]) and state_type = 'open' and not locked and not archived
        order by id desc limit ${mine.length * 3}`;
      open.forEach((t, k) => writesByAgent[mine[k % mine.length]!.i]!.push({ id: t.id, version: t.version, pending: false }));
    }
    const [states] = await sql<{ open: number; pending: number }[]>`
      select (select id::int from states where name = 'open') as open, (select id::int from states where name = 'pending reminder') as pending`;
    return { agents, customersByQueue, zoomByQueue, writesByAgent, states: states! };
  } finally {
    await sql.end();
  }
}
