import type { Tx } from "@/db";
import { ticketDuplicates } from "@/db/schema";
import { getSetting } from "@/server/services/settings";
import { similarOpenTickets } from "./similar";

/** The admin's threshold (settings, in percent) as a 0–1 score; null when the check is off. */
export async function duplicateThreshold(db: Tx): Promise<number | null> {
  const percent = await getSetting(db, "tickets.duplicate_threshold_percent");
  return percent > 0 ? percent / 100 : null;
}

/**
 * Called by the lifecycle's openTicket for every new ticket, in its transaction: the customer's
 * similar open tickets are stored as "possible duplicate" suggestions on the new one.
 */
export async function recordPossibleDuplicates(tx: Tx, ticket: { id: number; customerUserId: number | null; isInternal: boolean; title: string }, body: string) {
  if (ticket.isInternal || ticket.customerUserId === null) return;
  const min = await duplicateThreshold(tx);
  if (min === null) return;
  const similar = await similarOpenTickets(tx, { customerUserId: ticket.customerUserId, title: ticket.title, body, excludeTicketId: ticket.id }, min);
  if (similar.length === 0) return;
  await tx
    .insert(ticketDuplicates)
    .values(similar.map((s) => ({ ticketId: ticket.id, originalId: s.id, score: s.score })))
    .onConflictDoNothing();
}
