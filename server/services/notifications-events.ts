import type { Tx } from "@/db";
import { autoRespond } from "@/jobs/definitions/auto-respond";
import { notifyAgents } from "@/jobs/definitions/notify-agents";
import { notifyCustomer } from "@/jobs/definitions/notify-customer";
import { enqueue } from "@/jobs/enqueue";
import type { Actor } from "@/server/auth/actor";
import type { HistoryEntry } from "@/server/services/tickets/history";

/**
 * Who hears about a change, decided in the change's own transaction (the jobs exist exactly when
 * the change committed). Each job then honours the recipients' own choices.
 */

/** A ticket opened in the portal: the customer's receipt and the queue's watchers, as for mail. */
export async function afterPortalTicket(tx: Tx, ticketId: number, articleId: number) {
  await enqueue(tx, autoRespond, { ticketId, articleId, type: "new_ticket" }, { singletonKey: `auto:${articleId}` });
  await enqueue(tx, notifyAgents, { ticketId, articleId, event: "new_ticket" });
}

/** A customer's reply in the portal: the owner hears of it, as of a mailed follow-up. */
export async function afterCustomerReply(tx: Tx, ticketId: number, articleId: number) {
  await enqueue(tx, notifyAgents, { ticketId, articleId, event: "follow_up" });
}

/**
 * A change to a ticket: a move or a new owner goes to the agents the notification rules name
 * (never to the agent who made it). A ticket that entered a closed state is told to its
 * customer, unless they closed it themselves or the same change carried a reply (the reply
 * mail already says so).
 */
export async function afterTicketChange(
  tx: Tx,
  actor: Actor,
  change: { ticketId: number; customerUserId: number | null; wasClosed: boolean; nowClosed: boolean; version: number; history: HistoryEntry[] },
) {
  for (const event of ["queue_changed", "owner_changed"] as const) {
    if (!change.history.some((h) => h.event === event)) continue;
    await enqueue(tx, notifyAgents, { ticketId: change.ticketId, event, version: change.version, actorId: actor.id }, { singletonKey: `${event}:${change.ticketId}:${change.version}` });
  }
  if (!change.nowClosed || change.wasClosed || change.customerUserId === null || change.customerUserId === actor.id) return;
  if (change.history.some((h) => h.event === "article_added")) return;
  await enqueue(tx, notifyCustomer, { ticketId: change.ticketId, event: "ticket_closed", version: change.version }, { singletonKey: `closed:${change.ticketId}:${change.version}` });
}
