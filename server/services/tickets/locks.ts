import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queues, tickets } from "@/db/schema";
import { commitChange } from "./lifecycle";

/**
 * Releases locks whose owner has done nothing on the ticket for the queue's unlock timeout
 * (OTRS "unlock timeout"), each through the lifecycle like any other change. Rows another worker
 * (or an agent) holds are skipped, so it is safe to run from any number of workers.
 */
export async function releaseExpiredLocks(db: Db, now = new Date()): Promise<number> {
  // Drizzle's postgres.js driver turns off the Date serializer, so a raw Date parameter fails; send ISO text.
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const expired = await tx
      .select()
      .from(tickets)
      .innerJoin(queues, eq(queues.id, tickets.queueId))
      .where(
        and(
          eq(tickets.locked, true),
          sql`${queues.unlockTimeoutMinutes} > 0`,
          sql`greatest(${tickets.lockedAt}, ${tickets.changedAt}) < ${at}::timestamptz - make_interval(mins => ${queues.unlockTimeoutMinutes})`,
        ),
      )
      .for("no key update", { of: tickets, skipLocked: true });
    for (const { tickets: ticket } of expired) {
      await commitChange(tx, null, ticket, { locked: false, lockedAt: null }, [
        { event: "unlocked", field: "lock", oldValue: "locked", newValue: "unlocked (lock expired)" },
      ]);
    }
    return expired.length;
  });
}
