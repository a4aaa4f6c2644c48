import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { notifications, tickets } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import type { MarkReadInput } from "@/server/schemas/notifications";
import { olderThan, page, timeCursor } from "./keyset";

/** The badge never counts past this: "99+" says enough, and the count stays an index range scan. */
export const UNREAD_CAP = 100;

/**
 * An agent's own in-app notifications (written by the notify.agents job), newest first, with
 * how many are unread. Scoped to the caller in the query: nobody reads another's list.
 */
export async function listNotifications(db: Tx, actor: Actor, input: { cursor?: string | null; limit: number }) {
  const [rows, [unread]] = await Promise.all([
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        title: notifications.title,
        ticketId: notifications.ticketId,
        ticketNumber: tickets.number,
        articleId: notifications.articleId,
        readAt: notifications.readAt,
        createdAt: notifications.createdAt,
      })
      .from(notifications)
      .leftJoin(tickets, eq(tickets.id, notifications.ticketId))
      // Served by notifications_user_idx (user_id, created_at).
      .where(and(eq(notifications.userId, actor.id), olderThan(input.cursor, notifications.createdAt, notifications.id)))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(input.limit + 1),
    db.execute<{ n: number }>(sql`
      select count(*)::int as n from (
        select 1 from ${notifications} where ${notifications.userId} = ${actor.id} and ${notifications.readAt} is null limit ${UNREAD_CAP}
      ) unread`),
  ]);
  return { ...page(rows, input.limit, (last) => timeCursor(last.createdAt, last.id)), unread: Number(unread?.n ?? 0) };
}

/** Marks the caller's own notifications read (the given ones, or all); others' ids change nothing. */
export async function markNotificationsRead(db: Tx, actor: Actor, input: MarkReadInput) {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt), "ids" in input ? inArray(notifications.id, input.ids) : undefined))
    .returning({ id: notifications.id });
  return { updated: rows.length };
}
