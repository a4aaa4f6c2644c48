import { and, eq, gt } from "drizzle-orm";
import type { Tx } from "@/db";
import { articles } from "@/db/schema";
import { AppError } from "@/server/errors";
import { NEW_CUSTOMER_ARTICLE_MESSAGE } from "@/server/schemas/live";

export type DraftGuard = { seenArticleId?: number; confirmed?: boolean };

/**
 * Refuses an agent's reply when a customer article arrived after the newest article the agent
 * saw as the draft began, unless the agent confirmed. Runs under the ticket's row lock, before
 * anything is written, so a refusal leaves nothing behind.
 */
export async function assertNoNewCustomerArticle(tx: Tx, ticketId: number, guard: DraftGuard) {
  if (guard.seenArticleId === undefined || guard.confirmed) return;
  const [newer] = await tx
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.ticketId, ticketId), gt(articles.id, guard.seenArticleId), eq(articles.senderType, "customer")))
    .limit(1);
  if (newer) throw new AppError("CONFLICT", NEW_CUSTOMER_ARTICLE_MESSAGE);
}
