import { and, isNull, lt } from "drizzle-orm";
import type { Db } from "@/db";
import { authTokens, ticketPresence, uploads } from "@/db/schema";

const HOUR = 3_600_000;

/** How long leftovers are kept before the purge removes them. */
export const RETENTION = {
  /** An upload nobody attached to a ticket or reply (the form was abandoned). */
  unclaimedUploadMs: 24 * HOUR,
  /** Sign-in links, confirmations and resets: kept a week past expiry for support questions. */
  expiredTokenMs: 7 * 24 * HOUR,
  /** Presence rows whose tab closed without saying goodbye. */
  presenceMs: HOUR,
};

/**
 * Removes rows that only ever grow otherwise. The stored bytes of purged uploads stay in the
 * content-addressed store: the same bytes may be attached elsewhere, and a file is cheap next to
 * the risk of deleting one that a concurrent upload is about to reference.
 */
export async function purgeStale(db: Db, now = new Date()) {
  const before = (ms: number) => new Date(now.getTime() - ms);
  const removedUploads = await db
    .delete(uploads)
    .where(and(isNull(uploads.claimedAt), lt(uploads.createdAt, before(RETENTION.unclaimedUploadMs))))
    .returning({ id: uploads.id });
  const removedTokens = await db
    .delete(authTokens)
    .where(lt(authTokens.expiresAt, before(RETENTION.expiredTokenMs)))
    .returning({ tokenHash: authTokens.tokenHash });
  const removedPresence = await db
    .delete(ticketPresence)
    .where(lt(ticketPresence.seenAt, before(RETENTION.presenceMs)))
    .returning({ ticketId: ticketPresence.ticketId });
  return { uploads: removedUploads.length, tokens: removedTokens.length, presence: removedPresence.length };
}
