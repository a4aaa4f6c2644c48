import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { queueSubscriptions, queues } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { queueIdsWith } from "@/server/auth/permissions";
import { notFound } from "@/server/errors";

/**
 * The queues an agent may see (ro), each with whether they watch it. Watching a queue is what
 * the "agents watching the queue" recipient of notification rules means.
 */
export function listQueueSubscriptions(db: Tx, actor: Actor) {
  return db
    .select({ id: queues.id, name: queues.name, subscribed: sql<boolean>`${queueSubscriptions.userId} is not null` })
    .from(queues)
    .leftJoin(queueSubscriptions, and(eq(queueSubscriptions.queueId, queues.id), eq(queueSubscriptions.userId, actor.id)))
    .where(and(eq(queues.valid, true), sql`${queues.id} in ${queueIdsWith(actor.id, "ro")}`))
    .orderBy(asc(queues.name));
}

/** Watch or stop watching a queue; a queue the agent cannot see does not exist for them. */
export async function setQueueSubscription(db: Tx, actor: Actor, input: { queueId: number; subscribed: boolean }) {
  const [queue] = await db
    .select({ id: queues.id })
    .from(queues)
    .where(and(eq(queues.id, input.queueId), eq(queues.valid, true), sql`${queues.id} in ${queueIdsWith(actor.id, "ro")}`))
    .limit(1);
  if (!queue) throw notFound("errors.notFoundQueue");
  if (input.subscribed) await db.insert(queueSubscriptions).values({ queueId: queue.id, userId: actor.id }).onConflictDoNothing();
  else await db.delete(queueSubscriptions).where(and(eq(queueSubscriptions.queueId, queue.id), eq(queueSubscriptions.userId, actor.id)));
  return { queueId: queue.id, subscribed: input.subscribed };
}
