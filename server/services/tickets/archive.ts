import type { Db } from "@/db";
import { getSetting } from "@/server/services/settings";
import { now } from "@/server/time/clock";
import { archiveClosedBatch } from "./lifecycle";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Tickets flagged per transaction: a batch holds its rows and its queues' "closed" counter rows about 0.15 s (bench/archive.ts). */
export const ARCHIVE_BATCH = 200;

/**
 * The nightly archive: closed tickets whose close is older than the admin's "archive after N
 * days" (0: never) leave the working set. Walks them in close-time order in short transactions,
 * one keyset step each, so an agent's update waits at most one batch, and a crash midway leaves
 * only whole batches done (the next run carries on).
 */
export async function archiveClosedTickets(db: Db, opts: { at?: Date; batchSize?: number } = {}): Promise<{ archived: number; batches: number; cutoff: Date | null }> {
  const days = await getSetting(db, "ticket.archive_days");
  if (!(days > 0)) return { archived: 0, batches: 0, cutoff: null };
  const cutoff = new Date((opts.at ?? now()).getTime() - days * DAY_MS);
  const size = opts.batchSize ?? ARCHIVE_BATCH;
  let after: { closedAt: Date; id: number } | null = null;
  let archived = 0;
  let batches = 0;
  for (;;) {
    const step = await db.transaction((tx) => archiveClosedBatch(tx, cutoff, after, size));
    archived += step.archived;
    batches++;
    if (!step.last || step.archived < size) break;
    after = step.last;
  }
  return { archived, batches, cutoff };
}
