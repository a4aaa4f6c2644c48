import type { Tx } from "@/db";
import { takeSlot } from "@/server/auth/throttle";
import { AppError } from "@/server/errors";
import { getSetting } from "@/server/services/settings";

/** New tickets one address may open per hour (portal: the client's network address; mail: the sender). */
async function admitNewTicket(db: Tx, key: string): Promise<boolean> {
  const limit = await getSetting(db, "tickets.max_new_per_hour_per_address");
  // 0 switches the limit off.
  return limit <= 0 || takeSlot(db, `new-ticket:${key}`, limit, 60);
}

/** Portal: refuses inside the creating transaction, so nothing is written; agents opening tickets for callers are not limited. */
export async function limitPortalTicket(db: Tx, actor: { role: string }, clientAddress: string): Promise<void> {
  if (actor.role !== "customer") return;
  if (!(await admitNewTicket(db, `ip:${clientAddress}`))) {
    throw new AppError("RATE_LIMITED", "errors.tooManyNewTickets");
  }
}

/**
 * Mail that would open a new ticket: the quarantine reason when the sender is over the limit,
 * else null. Follow-ups never reach this; an admin's re-run from the quarantine is not limited.
 */
export async function mailTicketRefusal(db: Tx, from: string, source: string): Promise<string | null> {
  if (source === "rerun" || (await admitNewTicket(db, `mail:${from.trim().toLowerCase()}`))) return null;
  return "rate limited: this sender opened too many new tickets in the last hour (tickets.max_new_per_hour_per_address); re-run it from the quarantine to open the ticket";
}
