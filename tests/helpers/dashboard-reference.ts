/**
 * The dashboard as it was written before issue 16: every section its own statement, straight
 * from the tickets table (capped count and first rows). tests/integration/dashboard-exact.test.ts
 * holds the one-statement service to these figures over generated data.
 */
import { and, asc, eq, inArray, isNotNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import { priorities, queues, queueSubscriptions, tickets } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { queueIdsWith } from "@/server/auth/permissions";
import { now as deskNow } from "@/server/time/clock";

/** Counts above this show as "999+": exact counts over a large backlog would scan it. */
const COUNT_CAP = 1000;
const LIST_SIZE = 8;
/** "Escalating soon" looks this far ahead. */
const SOON_MS = 2 * 60 * 60 * 1000;

const item = {
  id: tickets.id,
  number: tickets.number,
  title: tickets.title,
  queueName: queues.name,
  stateType: tickets.stateType,
  priorityName: priorities.name,
  priorityLevel: priorities.level,
  waitingSince: tickets.waitingSince,
  pendingUntil: tickets.pendingUntil,
  escalationAt: tickets.escalationAt,
  createdAt: tickets.createdAt,
};

/**
 * The agent's start page: each section a capped count and the few most urgent tickets, every
 * query bounded by an index (owner, queue view, pending, escalation) or the maintained counters.
 * "My queues" are the queues the agent subscribed to, or all it can see when it chose none.
 */
export async function referenceDashboard(db: Tx, actor: Actor) {
  const now = deskNow();
  const seen = sql`${tickets.queueId} in ${queueIdsWith(actor.id, "ro")}`;
  const myQueues = await myQueueIds(db, actor);
  const inMyQueues = myQueues.length ? inArray(tickets.queueId, myQueues) : sql`false`;
  const active = eq(tickets.archived, false);

  const sections = {
    locked: { where: and(active, seen, eq(tickets.ownerId, actor.id), eq(tickets.locked, true)), order: asc(tickets.changedAt) },
    newInMyQueues: { where: and(active, seen, inMyQueues, eq(tickets.stateType, "new")), order: asc(tickets.createdAt) },
    remindersDue: {
      where: and(seen, eq(tickets.stateType, "pending_reminder"), lte(tickets.pendingUntil, now), or(eq(tickets.ownerId, actor.id), inMyQueues)),
      order: asc(tickets.pendingUntil),
    },
    escalated: { where: and(active, seen, isNotNull(tickets.escalationAt), lte(tickets.escalationAt, now)), order: asc(tickets.escalationAt) },
    escalatingSoon: {
      where: and(active, seen, sql`${tickets.escalationAt} > ${now.toISOString()}::timestamptz`, lte(tickets.escalationAt, new Date(now.getTime() + SOON_MS))),
      order: asc(tickets.escalationAt),
    },
  } satisfies Record<string, { where: SQL | undefined; order: SQL }>;

  const entries = await Promise.all(
    Object.entries(sections).map(async ([key, s]) => {
      const counting = key === "newInMyQueues" ? newCount(db, myQueues) : cappedCount(db, s.where);
      const [items, count] = await Promise.all([listed(db, s.where, s.order), counting]);
      return [key, { count, items }] as const;
    }),
  );
  return { ...(Object.fromEntries(entries) as Record<keyof typeof sections, Section>), countCap: COUNT_CAP, generatedAt: now };
}

type Section = { count: number; items: Awaited<ReturnType<typeof listed>> };

function listed(db: Tx, where: SQL | undefined, order: SQL) {
  return db
    .select(item)
    .from(tickets)
    .innerJoin(queues, eq(queues.id, tickets.queueId))
    .innerJoin(priorities, eq(priorities.id, tickets.priorityId))
    .where(where)
    .orderBy(order, asc(tickets.id))
    .limit(LIST_SIZE);
}

async function cappedCount(db: Tx, where: SQL | undefined): Promise<number> {
  const inner = db.select({ one: sql`1` }).from(tickets).where(where).limit(COUNT_CAP);
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(inner.as("capped"));
  return row?.n ?? 0;
}

/** New tickets in my queues counted from the tickets themselves (the service reads the counters). */
async function newCount(db: Tx, queueIds: number[]): Promise<number> {
  if (queueIds.length === 0) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tickets)
    .where(and(eq(tickets.archived, false), inArray(tickets.queueId, queueIds), eq(tickets.stateType, "new")));
  return row?.n ?? 0;
}

async function myQueueIds(db: Tx, actor: Actor): Promise<number[]> {
  const visible = sql`${queues.id} in ${queueIdsWith(actor.id, "ro")}`;
  const subscribed = await db
    .select({ id: queueSubscriptions.queueId })
    .from(queueSubscriptions)
    .innerJoin(queues, eq(queues.id, queueSubscriptions.queueId))
    .where(and(eq(queueSubscriptions.userId, actor.id), visible));
  if (subscribed.length) return subscribed.map((r) => r.id);
  const all = await db.select({ id: queues.id }).from(queues).where(and(eq(queues.valid, true), visible));
  return all.map((r) => r.id);
}
