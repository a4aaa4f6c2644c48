import { and, desc, eq, gt, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { ticketPresence, users } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { LIVE_CHANNEL } from "@/server/live/channel";

/** Heartbeats come every ~15 s; a row older than this belongs to a closed tab. */
export const PRESENCE_WINDOW_SECONDS = 40;

export type PresenceActivity = "viewing" | "composing";

/**
 * Records that the agent has the ticket open (or is writing on it). Other agents are told only
 * when something they would see changes: someone arrives, starts or stops writing, or comes
 * back after the window lapsed; a plain heartbeat just keeps the row fresh.
 */
export async function heartbeat(db: Db, actor: Actor, input: { ticketId: number; activity: PresenceActivity }) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ activity: ticketPresence.activity, fresh: sql<boolean>`${ticketPresence.seenAt} > now() - make_interval(secs => ${PRESENCE_WINDOW_SECONDS})` })
      .from(ticketPresence)
      .where(and(eq(ticketPresence.ticketId, input.ticketId), eq(ticketPresence.userId, actor.id)))
      .for("update");
    await tx
      .insert(ticketPresence)
      .values({ ticketId: input.ticketId, userId: actor.id, activity: input.activity, seenAt: sql`now()` })
      .onConflictDoUpdate({ target: [ticketPresence.ticketId, ticketPresence.userId], set: { activity: input.activity, seenAt: sql`now()` } });
    const changed = !before || !before.fresh || before.activity !== input.activity;
    if (changed) await notifyPresence(tx, input.ticketId, actor.id);
    return { ok: true as const };
  });
}

export async function leave(db: Db, actor: Actor, input: { ticketId: number }) {
  return db.transaction(async (tx) => {
    const gone = await tx
      .delete(ticketPresence)
      .where(and(eq(ticketPresence.ticketId, input.ticketId), eq(ticketPresence.userId, actor.id)))
      .returning({ userId: ticketPresence.userId });
    if (gone.length > 0) await notifyPresence(tx, input.ticketId, actor.id);
    return { ok: true as const };
  });
}

/** Other agents seen on the ticket within the window, writers first. */
export async function listPresence(db: Tx, actor: Actor, input: { ticketId: number }) {
  return db
    .select({ userId: ticketPresence.userId, name: users.name, activity: sql<PresenceActivity>`${ticketPresence.activity}`, seenAt: ticketPresence.seenAt })
    .from(ticketPresence)
    .innerJoin(users, eq(users.id, ticketPresence.userId))
    .where(
      and(
        eq(ticketPresence.ticketId, input.ticketId),
        ne(ticketPresence.userId, actor.id),
        gt(ticketPresence.seenAt, sql`now() - make_interval(secs => ${PRESENCE_WINDOW_SECONDS})`),
      ),
    )
    .orderBy(desc(sql`${ticketPresence.activity} = 'composing'`), users.name);
}

/** Sent in the caller's transaction, so listeners hear of it only once it is committed. */
async function notifyPresence(tx: Tx, ticketId: number, userId: number) {
  await tx.execute(sql`
    select pg_notify(${LIVE_CHANNEL}, json_build_object('kind', 'presence', 'ticketId', t.id, 'queueId', t.queue_id, 'userId', ${userId}::bigint)::text)
    from tickets t where t.id = ${ticketId}`);
}
