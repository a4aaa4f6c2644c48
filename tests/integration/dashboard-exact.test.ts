import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { queues, queueSubscriptions } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { COUNT_CAP, dashboardSummary } from "@/server/services/dashboard";
import { referenceDashboard } from "../helpers/dashboard-reference";
import { actorOf, createAgent, createGroup, createQueue, createRole, priorityAt } from "../factories";

type Queue = { id: number; groupId: number };

/**
 * `count` tickets spread over `queueIds` with every combination the dashboard filters on: state
 * types, archived, locked, owners, reminder and escalation times in the past, within the next two
 * hours and later, and ties on those times. Times are whole minutes from `base` plus 30 s, so
 * every "now" within 30 s of `base` sorts them the same way.
 */
async function generate(from: number, count: number, queueIds: number[], ownerIds: (number | null)[], base: Date) {
  const level = await priorityAt(3);
  await db.execute(sql`
    insert into tickets (number, title, queue_id, state_id, state_type, priority_id, owner_id, locked, archived,
      escalation_at, pending_until, waiting_since, created_at, changed_at)
    select 'X' || (${from}::int + i), 'Generated ' || i, (${pgArray(queueIds)}::bigint[])[1 + i % ${queueIds.length}::int],
      (select s.id from states s where s.type = st order by s.id limit 1), st, ${level.id}::bigint,
      (${pgArray(ownerIds)}::bigint[])[1 + (i * 7) % ${ownerIds.length}::int], i % 4 = 0, i % 11 = 0,
      case when i % 6 = 0 then null else b + make_interval(mins => (i * 37) % 400 - 300) + interval '30 seconds' end,
      case when i % 5 = 0 then null else b + make_interval(mins => (i * 53) % 500 - 300) + interval '30 seconds' end,
      b - make_interval(mins => i % 97),
      b - make_interval(mins => i), b - make_interval(mins => (i * 17) % 1000)
    from generate_series(${from}::int, ${from + count - 1}::int) i,
      lateral (select (array['new', 'open', 'pending_reminder', 'pending_auto', 'closed'])[1 + (i * 3) % 5]::state_type as st,
        ${base.toISOString()}::timestamptz as b) x
  `);
}

const pgArray = (xs: (number | null)[]) => `{${xs.map((x) => x ?? "NULL").join(",")}}`;

const summaryOf = async (actor: Actor) => {
  const [service, reference] = [await dashboardSummary(db, actor), await referenceDashboard(db, actor)];
  return { service: { ...service, generatedAt: null }, reference: { ...reference, generatedAt: null } };
};

describe("dashboard.summary in one statement = the direct per-section queries", () => {
  let visible: Queue[];
  let agents: Record<"subscribed" | "everything" | "byRole" | "nothing", Actor>;

  beforeAll(async () => {
    const [a, b, c] = [await createQueue(), await createQueue(), await createQueue()];
    const retired = await createQueue({ valid: false });
    const hidden = await createQueue();
    visible = [a, b, c, retired];
    const subscribed = await createAgent({ queues: visible });
    const everything = await createAgent({ queues: visible, permissions: ["ro"] });
    const byRoleUser = await createAgent();
    const shared = await createGroup();
    const viaRole = await createQueue({ groupId: shared.id });
    await db.update(queues).set({ groupId: shared.id }).where(sql`${queues.id} = ${b.id}`);
    await createRole({ groupId: shared.id, permissions: ["ro"], userIds: [byRoleUser.id] });
    const nothing = await createAgent();
    // b is seen through the role only (the first two agents lose it).
    // Subscribed to a retired queue (still counts) and to a queue it cannot see (does not).
    await db.insert(queueSubscriptions).values([a, retired, hidden].map((q) => ({ userId: subscribed.id, queueId: q.id })));
    agents = { subscribed: actorOf(subscribed), everything: actorOf(everything), byRole: actorOf(byRoleUser), nothing: actorOf(nothing) };
    const owners = [subscribed.id, everything.id, byRoleUser.id, null];
    await generate(0, 6000, [a.id, b.id, c.id, retired.id, hidden.id, viaRole.id], owners, new Date());
  });

  it("gives the same counts and rows for each kind of agent, with counts capped where the direct count exceeds the cap", async () => {
    const seen: number[] = [];
    for (const actor of Object.values(agents)) {
      const { service, reference } = await summaryOf(actor);
      expect(service).toEqual(reference);
      seen.push(service.escalated.count, service.remindersDue.count, service.locked.count, service.escalatingSoon.count);
    }
    // The data reaches the cases that matter: a capped count, partial counts and full lists.
    expect(seen).toContain(COUNT_CAP);
    expect(seen.some((n) => n > LIST_SIZE && n < COUNT_CAP)).toBe(true);
    const { service } = await summaryOf(agents.subscribed);
    expect(service.escalated.items).toHaveLength(LIST_SIZE);
    expect(service.remindersDue.items.length).toBeGreaterThan(0);
    expect(service.escalatingSoon.items.length).toBeGreaterThan(0);
    expect((await summaryOf(agents.nothing)).service).toMatchObject({ locked: { count: 0, items: [] }, escalated: { count: 0, items: [] } });
  });

  it("adds my own reminders in my other queues to those in my queues, and caps the sum", async () => {
    const [a, , c] = visible as [Queue, Queue, Queue];
    const owner = agents.subscribed.id;
    // Due reminders in a subscribed queue (anyone's) and, owned by the agent, in a visible queue it did not subscribe to.
    const before = (await summaryOf(agents.subscribed)).service.remindersDue.count;
    await db.execute(sql`
      insert into tickets (number, title, queue_id, state_id, state_type, priority_id, owner_id, pending_until)
      select 'R' || i, 'Reminder ' || i, case when i < 600 then ${a.id}::bigint else ${c.id}::bigint end,
        (select id from states where type = 'pending_reminder' order by id limit 1), 'pending_reminder',
        (select id from priorities order by id limit 1), case when i < 600 then null else ${owner}::bigint end,
        now() - make_interval(mins => 1 + i % 50)
      from generate_series(0, 1000) i`);
    const { service, reference } = await summaryOf(agents.subscribed);
    expect(before).toBeLessThan(COUNT_CAP);
    expect(service.remindersDue.count).toBe(COUNT_CAP);
    expect(service).toEqual(reference);
  });
});

const LIST_SIZE = 8;
