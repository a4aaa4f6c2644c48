import { and, eq, getTableColumns, or, sql, type SQL } from "drizzle-orm";
import { builtOnce, type Tx } from "@/db";
import { tickets } from "@/db/schema";
import { type Actor, isAgent } from "@/server/auth/actor";
import { ACTION_PERMISSION, grants, heldOnQueue, type Permission, PERMISSIONS, queueIdsWith, type TicketAction } from "@/server/auth/permissions";
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
 * A ticket as loaded for one action, with what the actor may do on its queue (agents: every
 * permission held, `rw` implying the rest; customers: none). The ticket procedure loads it once
 * and hands it to the service: read services use it as is; write services re-read the row
 * `FOR UPDATE` by id in their transaction (the permission holds: it was checked for the action).
 */
export type LoadedTicket = { ticket: TicketRow; permissions: Permission[] };

/**
 * Loads a ticket the actor may act on with `action`, in one query (the row and the actor's
 * permissions on its queue). Outside the actor's sight → NOT_FOUND (nothing learnt about its
 * existence); visible but without the permission → FORBIDDEN.
 */
export async function loadTicket(db: Tx, actor: Actor, ticketId: number, action: TicketAction, opts: { forUpdate?: boolean } = {}): Promise<LoadedTicket> {
  if (!isAgent(actor)) {
    const query = db.select().from(tickets).where(and(eq(tickets.id, ticketId), visibleTickets(actor))).limit(1);
    const [ticket] = opts.forUpdate ? await query.for("update") : await query;
    if (!ticket) throw notFound();
    if (action !== "view" && action !== "reply" && action !== "close") throw new AppError("FORBIDDEN", "errors.customersCannotDoThis");
    return { ticket, permissions: [] };
  }
  // Built once per database handle (every ticket procedure loads its ticket this way); in a
  // transaction, a new handle each time, simply built again.
  const name = opts.forUpdate ? "load_ticket_for_update" : "load_ticket";
  const statement = builtOnce(db, name, () => {
    const query = db
      .select({ ticket: getTableColumns(tickets), held: sql<Permission[]>`array(select h.permission::text from (${heldOnQueue(sql.placeholder("userId"), tickets.queueId)}) h)` })
      .from(tickets)
      .where(eq(tickets.id, sql.placeholder("ticketId")))
      .limit(1);
    return (opts.forUpdate ? query.for("update", { of: tickets }) : query).prepare(name);
  });
  const [row] = await statement.execute({ ticketId, userId: actor.id });
  const held = new Set(row?.held ?? []);
  if (!row || !grants(held, "ro")) throw notFound();
  const needed = ACTION_PERMISSION[action];
  if (!grants(held, needed)) throw new AppError("FORBIDDEN", "errors.needQueuePermission", { needed });
  return { ticket: row.ticket, permissions: PERMISSIONS.filter((p) => grants(held, p)) };
}

export async function loadTicketFor(db: Tx, actor: Actor, ticketId: number, action: TicketAction, opts: { forUpdate?: boolean } = {}): Promise<TicketRow> {
  return (await loadTicket(db, actor, ticketId, action, opts)).ticket;
}

/** The ticket the procedure already loaded for the caller, or loaded now (a call from elsewhere). */
export async function readableTicket(db: Tx, actor: Actor, ticketId: number, action: TicketAction, loaded?: LoadedTicket): Promise<LoadedTicket> {
  return loaded && loaded.ticket.id === ticketId ? loaded : loadTicket(db, actor, ticketId, action);
}
