import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { articles, tickets } from "@/db/schema";

/**
 * Submits are idempotent: a form sends one key with every submission of the same draft. Inside the
 * writing transaction this waits for any other submission with the key (a transaction-scoped advisory
 * lock) and then returns what the first one created, so the caller returns that instead of writing
 * again. The unique index on (created_by, submit_key) is the backstop.
 */
export async function earlierSubmission(tx: Tx, actorId: number, key: string | undefined) {
  if (!key) return null;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`submit:${actorId}:${key}`}, 0))`);
  const [row] = await tx
    .select({ articleId: articles.id, ticketId: articles.ticketId, number: tickets.number, version: tickets.version })
    .from(articles)
    .innerJoin(tickets, eq(tickets.id, articles.ticketId))
    .where(and(eq(articles.createdBy, actorId), eq(articles.submitKey, key)))
    .limit(1);
  return row ?? null;
}
