import type { Tx } from "@/db";
import { takeSlot, takeSlotSql } from "@/server/auth/throttle";
import { AppError } from "@/server/errors";
import { getSetting } from "@/server/services/settings";
import { nextTicketNumberIf } from "./number";

const LIMITED = "rate limited: this sender opened too many new tickets in the last hour (tickets.max_new_per_hour_per_address); re-run it from the quarantine to open the ticket";

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
 * Mail that would open a new ticket: the quarantine reason when the sender is over the limit, else
 * the new ticket's number (drawn outside any transaction, as `drawTicketNumber` does), both in one
 * statement. Follow-ups never reach this; an admin's re-run from the quarantine is not limited.
 */
export async function admitMailTicket(db: Tx, from: string, source: string): Promise<{ refusal: string; number?: undefined } | { refusal: null; number: string }> {
  const [limit, systemId] = await Promise.all([getSetting(db, "tickets.max_new_per_hour_per_address"), getSetting(db, "ticket.system_id")]);
  const slot = source === "rerun" || limit <= 0 ? null : takeSlotSql(`new-ticket:mail:${from.trim().toLowerCase()}`, limit, 60);
  const number = await nextTicketNumberIf(db, systemId, slot);
  return number === null ? { refusal: LIMITED } : { refusal: null, number };
}
