import { and, eq, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import { tickets } from "@/db/schema";
import { type Actor, isAgent } from "@/server/auth/actor";
import { ACTION_PERMISSION, queueIdsWith, type TicketAction } from "@/server/auth/permissions";
import { AppError, notFound } from "@/server/errors";

/**
 * The `where` clause that limits tickets to what the actor may see. Customers: their own
 * (or their company's) tickets; agents: tickets in queues where they hold `ro`.
 */
export function visibleTickets(actor: Actor): SQL {
  if (isAgent(actor)) return sql`${tickets.queueId} in ${queueIdsWith(actor.id, "ro")}`;
  const own = eq(tickets.customerUserId, actor.id);
  const scope = actor.seesCompanyTickets && actor.companyId !== null ? or(own, eq(tickets.customerCompanyId, actor.companyId)) : own;
  return and(scope, eq(tickets.isInternal, false)) as SQL;
}

export type TicketRow = typeof tickets.$inferSelect;

/**
 * Loads a ticket the actor may act on with `action`. Outside the actor's sight → NOT_FOUND
 * (nothing learnt about its existence); visible but without the permission → FORBIDDEN.
 */
export async function loadTicketFor(db: Tx, actor: Actor, ticketId: number, action: TicketAction, opts: { forUpdate?: boolean } = {}): Promise<TicketRow> {
  const query = db.select().from(tickets).where(and(eq(tickets.id, ticketId), visibleTickets(actor))).limit(1);
  const [ticket] = opts.forUpdate ? await query.for("update") : await query;
  if (!ticket) throw notFound();
  if (!isAgent(actor)) {
    if (action !== "view" && action !== "reply" && action !== "close") throw new AppError("FORBIDDEN", "errors.customersCannotDoThis");
    return ticket;
  }
  const needed = ACTION_PERMISSION[action];
  if (needed !== "ro") {
    const [ok] = await db
      .select({ one: sql<number>`1` })
      .from(tickets)
      .where(and(eq(tickets.id, ticketId), sql`${tickets.queueId} in ${queueIdsWith(actor.id, needed)}`))
      .limit(1);
    if (!ok) throw new AppError("FORBIDDEN", "errors.needQueuePermission", { needed });
  }
  return ticket;
}
