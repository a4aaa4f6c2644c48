import { sql } from "drizzle-orm";
import type { Db } from "@/db";

/**
 * Releases locks whose owner has done nothing on the ticket for the queue's unlock timeout
 * (OTRS "unlock timeout"). One statement, so it is safe to run from any number of workers.
 */
export async function releaseExpiredLocks(db: Db, now = new Date()): Promise<number> {
  // Drizzle's postgres.js driver turns off the Date serializer, so a raw Date parameter fails; send ISO text.
  const at = now.toISOString();
  const rows = await db.execute<{ id: number }>(sql`
    with expired as (
      update tickets t set locked = false, locked_at = null, version = t.version + 1, changed_at = ${at}::timestamptz
      from queues q
      where q.id = t.queue_id and q.unlock_timeout_minutes > 0 and t.locked
        and greatest(t.locked_at, t.changed_at) < ${at}::timestamptz - make_interval(mins => q.unlock_timeout_minutes)
      returning t.id
    ), logged as (
      insert into ticket_history (ticket_id, event, field, old_value, new_value)
      select id, 'unlocked', 'lock', 'locked', 'unlocked (lock expired)' from expired
    )
    select id from expired`);
  return rows.length;
}
