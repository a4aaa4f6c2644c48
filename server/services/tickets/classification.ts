import { and, asc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { services, ticketTypes } from "@/db/schema";
import { type Actor, isAgent } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { getSetting } from "@/server/services/settings";
import { changeTicket } from "./change";
import type { HistoryEntry } from "./history";
import type { LoadedTicket, TicketRow } from "./scope";

/** The services a customer may choose on the portal: none unless the admin allows it, then the valid customer-visible ones. */
export async function customerServices(db: Tx) {
  if (!(await getSetting(db, "portal.customer_may_choose_service"))) return [];
  return db
    .select({ id: services.id, name: services.name })
    .from(services)
    .where(and(eq(services.valid, true), eq(services.customerVisible, true)))
    .orderBy(asc(services.name));
}

/** `undefined` leaves a field as it is; `null` clears it. */
export type Classification = { typeId?: number | null; serviceId?: number | null };

async function validType(db: Tx, id: number) {
  const [row] = await db.select({ id: ticketTypes.id, name: ticketTypes.name }).from(ticketTypes).where(and(eq(ticketTypes.id, id), eq(ticketTypes.valid, true))).limit(1);
  if (!row) throw new AppError("BAD_INPUT", "errors.unknownTicketType");
  return row;
}

async function validService(db: Tx, id: number, customerFacing: boolean) {
  const [row] = await db
    .select({ id: services.id, name: services.name })
    .from(services)
    .where(and(eq(services.id, id), eq(services.valid, true), customerFacing ? eq(services.customerVisible, true) : undefined))
    .limit(1);
  if (!row) throw new AppError("BAD_INPUT", "errors.unknownService");
  return row;
}

/**
 * The type and service a new ticket starts with. Agents choose any valid ones; a customer never
 * sets the type, and sets the service only where the admin allows it (customer-visible ones).
 */
export async function initialClassification(db: Tx, actor: Actor, input: Classification): Promise<{ typeId: number | null; serviceId: number | null }> {
  const agent = isAgent(actor);
  if (!agent && input.typeId) throw new AppError("BAD_INPUT", "errors.customerNoType");
  if (!agent && input.serviceId && !(await getSetting(db, "portal.customer_may_choose_service"))) {
    throw new AppError("BAD_INPUT", "errors.serviceNotOffered");
  }
  return {
    typeId: input.typeId ? (await validType(db, input.typeId)).id : null,
    serviceId: input.serviceId ? (await validService(db, input.serviceId, !agent)).id : null,
  };
}

/** Patch and history rows for a change of type and/or service (nothing when both stay). */
export async function classificationPlan(tx: Tx, ticket: TicketRow, input: Classification) {
  const patch: { typeId?: number | null; serviceId?: number | null } = {};
  const history: HistoryEntry[] = [];
  if (input.typeId !== undefined && input.typeId !== ticket.typeId) {
    const type = input.typeId === null ? null : await validType(tx, input.typeId);
    patch.typeId = type?.id ?? null;
    history.push({ event: "type_changed", field: "type", oldId: ticket.typeId, newId: type?.id ?? null, newValue: type?.name ?? null });
  }
  if (input.serviceId !== undefined && input.serviceId !== ticket.serviceId) {
    const service = input.serviceId === null ? null : await validService(tx, input.serviceId, false);
    patch.serviceId = service?.id ?? null;
    history.push({ event: "service_changed", field: "service", oldId: ticket.serviceId, newId: service?.id ?? null, newValue: service?.name ?? null });
  }
  return { patch, history };
}

/** An agent sets (or clears) a ticket's type and service, with a history row for each change. */
export function setClassification(db: Db, actor: Actor, input: { ticketId: number; version: number } & Classification, loaded?: LoadedTicket) {
  return changeTicket(db, actor, {
    ticketId: input.ticketId,
    loaded: loaded?.ticket,
    version: input.version,
    action: "classify",
    plan: (ticket, tx) => classificationPlan(tx, ticket, input),
  });
}
