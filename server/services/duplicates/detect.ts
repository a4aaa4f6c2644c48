import type { Tx } from "@/db";
import { getSetting } from "@/server/services/settings";
import { similarOpenTickets } from "./similar";

/** The admin's threshold (settings, in percent) as a 0–1 score; null when the check is off. */
export async function duplicateThreshold(db: Tx): Promise<number | null> {
  const percent = await getSetting(db, "tickets.duplicate_threshold_percent");
  return percent > 0 ? percent / 100 : null;
}

/**
 * Called by the lifecycle's openTicket for every new ticket, in its transaction: the customer's
 * similar open tickets are stored as "possible duplicate" suggestions on the new one (by the
 * check's own statement, which also keeps the new ticket's similarity key for later checks).
 */
export async function recordPossibleDuplicates(tx: Tx, ticket: { id: number; customerUserId: number | null; isInternal: boolean; title: string }, body: string, firstArticleId: number) {
  if (ticket.isInternal || ticket.customerUserId === null) return;
  const min = await duplicateThreshold(tx);
  if (min === null) return;
  await similarOpenTickets(tx, { customerUserId: ticket.customerUserId, title: ticket.title, body, excludeTicketId: ticket.id }, min, 3, { ticketId: ticket.id, articleId: firstArticleId });
}
