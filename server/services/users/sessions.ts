import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { users } from "@/db/schema";

/**
 * Ends every session of a user: sessions are JWTs carrying the session version, and the actor
 * loader refuses one whose version is no longer the user's. Used at sign-out; password changes,
 * resets and disabling bump the same column.
 */
export async function endSessions(db: Tx, userId: number): Promise<void> {
  await db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
}
