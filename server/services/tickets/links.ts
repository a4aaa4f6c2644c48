import { and, eq, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, Tx } from "@/db";
import { states, ticketLinks, tickets, timeAccounting, users } from "@/db/schema";
import { type Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { changeTicket } from "./change";
import { recordHistory } from "./history";
import { type LoadedTicket, loadTicketFor, readableTicket, visibleTickets } from "./scope";

type LinkType = "normal" | "parent_child";

/** The other ticket of a merge or link, by id or by the number an agent typed; only tickets the agent can see. */
export async function resolveOtherTicket(tx: Tx, actor: Actor, ref: { id?: number; number?: string }): Promise<number> {
  if (ref.id !== undefined) return ref.id;
  const [row] = await tx
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.number, ref.number ?? ""), visibleTickets(actor)))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", "errors.ticketNotVisible", { number: ref.number ?? "" });
  return row.id;
}

/**
 * Links two tickets (rw on this one, sight of the other). parent_child makes this ticket the
 * parent. History on both; linking twice is a no-op.
 */
export async function linkTickets(db: Db, actor: Actor, input: { ticketId: number; otherTicketId?: number; otherNumber?: string; type: LinkType }) {
  return changeTicket(db, actor, {
    ticketId: input.ticketId,
    action: "link",
    needsLock: false,
    plan: async (ticket, tx) => {
      const otherId = await resolveOtherTicket(tx, actor, { id: input.otherTicketId, number: input.otherNumber });
      if (otherId === ticket.id) throw new AppError("BAD_INPUT", "errors.linkToItself");
      const other = await loadTicketFor(tx, actor, otherId, "view");
      const [existing] = await tx
        .select({ type: ticketLinks.type })
        .from(ticketLinks)
        .where(and(eq(ticketLinks.type, input.type), pairOf(ticket.id, other.id, input.type)))
        .limit(1);
      if (existing) return { patch: {}, history: [] };
      await tx.insert(ticketLinks).values({ sourceTicketId: ticket.id, targetTicketId: other.id, type: input.type, createdBy: actor.id });
      await recordHistory(tx, other.id, actor.id, [{ event: "linked", field: input.type, newId: ticket.id, newValue: ticket.number }]);
      return { patch: {}, history: [{ event: "linked", field: input.type, newId: other.id, newValue: other.number }] };
    },
  });
}

export async function unlinkTickets(db: Db, actor: Actor, input: { ticketId: number; otherTicketId: number; type: LinkType }) {
  return changeTicket(db, actor, {
    ticketId: input.ticketId,
    action: "link",
    needsLock: false,
    plan: async (ticket, tx) => {
      // Only links the agent can see (ticket.links hides the others) can be removed.
      const other = await loadTicketFor(tx, actor, input.otherTicketId, "view");
      const removed = await tx
        .delete(ticketLinks)
        .where(and(eq(ticketLinks.type, input.type), pairOf(ticket.id, other.id, input.type, true)))
        .returning({ source: ticketLinks.sourceTicketId, target: ticketLinks.targetTicketId });
      if (removed.length === 0) throw new AppError("NOT_FOUND", "errors.ticketsNotLinked");
      await recordHistory(tx, other.id, actor.id, [{ event: "unlinked", field: input.type, oldId: ticket.id, oldValue: ticket.number }]);
      return { patch: {}, history: [{ event: "unlinked", field: input.type, oldId: other.id, oldValue: other.number }] };
    },
  });
}

/** Parent/child links have a direction; normal links are the same link whichever side made them. */
function pairOf(a: number, b: number, type: LinkType, eitherWay = false) {
  const forward = and(eq(ticketLinks.sourceTicketId, a), eq(ticketLinks.targetTicketId, b));
  if (type === "parent_child" && !eitherWay) return forward;
  return or(forward, and(eq(ticketLinks.sourceTicketId, b), eq(ticketLinks.targetTicketId, a)));
}

const other = alias(tickets, "other");

/**
 * What the zoom shows beside the ticket: its links (only to tickets the agent can see), where it
 * was merged to, what was merged into it, and the minutes accounted on it.
 */
export async function ticketRelations(db: Tx, actor: Actor, ticketId: number, loaded?: LoadedTicket) {
  const { ticket } = await readableTicket(db, actor, ticketId, "view", loaded);
  const columns = { id: other.id, number: other.number, title: other.title, stateName: states.name, stateType: other.stateType };
  const [outgoing, incoming, mergedFrom, mergedInto, [time]] = await Promise.all([
    db
      .select({ ...columns, type: ticketLinks.type })
      .from(ticketLinks)
      .innerJoin(other, eq(other.id, ticketLinks.targetTicketId))
      .innerJoin(states, eq(states.id, other.stateId))
      .where(and(eq(ticketLinks.sourceTicketId, ticketId), visibleOther(actor))),
    db
      .select({ ...columns, type: ticketLinks.type })
      .from(ticketLinks)
      .innerJoin(other, eq(other.id, ticketLinks.sourceTicketId))
      .innerJoin(states, eq(states.id, other.stateId))
      .where(and(eq(ticketLinks.targetTicketId, ticketId), visibleOther(actor))),
    db.select(columns).from(other).innerJoin(states, eq(states.id, other.stateId)).where(and(eq(other.mergedIntoId, ticketId), visibleOther(actor))),
    ticket.mergedIntoId
      ? db.select({ id: other.id, number: other.number, title: other.title }).from(other).where(and(eq(other.id, ticket.mergedIntoId), visibleOther(actor))).limit(1)
      : Promise.resolve([]),
    db.select({ minutes: sql<number>`coalesce(sum(${timeAccounting.minutes}), 0)::int` }).from(timeAccounting).where(eq(timeAccounting.ticketId, ticketId)),
  ]);
  const [responsible] = ticket.responsibleId
    ? await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, ticket.responsibleId)).limit(1)
    : [];
  return {
    links: [
      ...outgoing.map((l) => ({ ...l, role: l.type === "parent_child" ? ("child" as const) : ("normal" as const) })),
      ...incoming.map((l) => ({ ...l, role: l.type === "parent_child" ? ("parent" as const) : ("normal" as const) })),
    ],
    mergedInto: mergedInto[0] ?? null,
    mergedFrom,
    minutesAccounted: time?.minutes ?? 0,
    responsible: responsible ?? null,
  };
}

function visibleOther(actor: Actor) {
  // visibleTickets() is written against `tickets`; the alias needs the same rule spelled for it.
  return sql`${other.id} in (select ${tickets.id} from ${tickets} where ${visibleTickets(actor)})`;
}
