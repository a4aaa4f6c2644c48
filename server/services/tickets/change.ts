import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { tickets, users } from "@/db/schema";
import { type Actor } from "@/server/auth/actor";
import { hasQueuePermission, type TicketAction } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";
import { afterTicketChange } from "@/server/services/notifications-events";
import { type HistoryEntry, recordHistory } from "./history";
import { priorityById, queueById, stateById, stateByName } from "./lookups";
import { loadTicketFor, type TicketRow } from "./scope";

type Patch = Partial<Omit<typeof tickets.$inferInsert, "id" | "version" | "number">>;

export const STALE_MESSAGE = "errors.staleTicket";

/**
 * The one way a ticket row changes: permission-checked load under a row lock, `version`
 * compare, update with version + 1, and one history row per changed field, in one transaction.
 */
export async function changeTicket(
  db: Db,
  actor: Actor,
  opts: {
    ticketId: number;
    version?: number;
    action: TicketAction;
    needsLock?: boolean;
    plan: (ticket: TicketRow, tx: Tx) => Promise<{ patch: Patch; history: HistoryEntry[] }>;
  },
) {
  return db.transaction(async (tx) => {
    const ticket = await loadTicketFor(tx, actor, opts.ticketId, opts.action, { forUpdate: true });
    if (opts.version !== undefined && ticket.version !== opts.version) throw new AppError("CONFLICT", STALE_MESSAGE);
    if (opts.needsLock !== false) await assertNotLockedByOther(tx, actor, ticket);
    const { patch, history } = await opts.plan(ticket, tx);
    if (history.length === 0) return { id: ticket.id, version: ticket.version, changed: false };
    const [updated] = await tx
      .update(tickets)
      .set({ ...patch, version: sql`${tickets.version} + 1`, changedAt: new Date(), changedBy: actor.id })
      .where(and(eq(tickets.id, ticket.id), eq(tickets.version, ticket.version)))
      .returning({ id: tickets.id, version: tickets.version });
    if (!updated) throw new AppError("CONFLICT", STALE_MESSAGE);
    await recordHistory(tx, ticket.id, actor.id, history);
    const nowClosed = (patch.stateType ?? ticket.stateType) === "closed";
    await afterTicketChange(tx, actor, { ticketId: ticket.id, customerUserId: ticket.customerUserId, wasClosed: ticket.stateType === "closed", nowClosed, version: updated.version, history });
    return { ...updated, changed: true };
  });
}

export async function assertNotLockedByOther(tx: Tx, actor: Actor, ticket: TicketRow) {
  if (!ticket.locked || ticket.ownerId === actor.id || actor.role === "customer") return;
  const [holder] = await tx.select({ name: users.name }).from(users).where(eq(users.id, ticket.ownerId ?? 0)).limit(1);
  throw holder?.name ? new AppError("INVALID_STATE", "errors.lockedBy", { agent: holder.name }) : new AppError("INVALID_STATE", "errors.lockedByAnother");
}

/** Field changes that follow from entering a state (closing, pending, reopening). */
export async function stateTransition(tx: Tx, ticket: TicketRow, stateId: number, pendingUntil?: Date) {
  const state = await stateById(tx, stateId);
  const patch: Patch = { stateId: state.id, stateType: state.type };
  const history: HistoryEntry[] = [];
  if (state.id !== ticket.stateId) {
    history.push({ event: "state_changed", field: "state", oldId: ticket.stateId, newId: state.id, newValue: state.name });
  }
  const pending = state.type === "pending_reminder" || state.type === "pending_auto";
  if (pending) {
    if (!pendingUntil || pendingUntil.getTime() <= Date.now()) throw new AppError("BAD_INPUT", "errors.pendingNeedsFutureTime");
    patch.pendingUntil = pendingUntil;
    if (pendingUntil.getTime() !== ticket.pendingUntil?.getTime()) {
      history.push({ event: "pending_time_set", field: "pending_until", oldValue: ticket.pendingUntil?.toISOString() ?? null, newValue: pendingUntil.toISOString() });
    }
  } else {
    patch.pendingUntil = null;
  }
  const wasClosed = ticket.stateType === "closed";
  if (state.type === "closed" && !wasClosed) {
    patch.closedAt = new Date();
    patch.waitingSince = null;
    patch.locked = false;
  }
  if (wasClosed && state.type !== "closed") {
    patch.closedAt = null;
    patch.reopenCount = ticket.reopenCount + 1;
    history.push({ event: "reopened" });
  }
  return { patch, history };
}

export function setState(db: Db, actor: Actor, input: { ticketId: number; version: number; stateId: number; pendingUntil?: Date }) {
  return changeTicket(db, actor, {
    ticketId: input.ticketId,
    version: input.version,
    action: "state",
    plan: (ticket, tx) => stateTransition(tx, ticket, input.stateId, input.pendingUntil),
  });
}

/** Customers close their own tickets; agents close with `rw`. */
export function closeTicket(db: Db, actor: Actor, input: { ticketId: number; version?: number }) {
  return changeTicket(db, actor, {
    ticketId: input.ticketId,
    version: input.version,
    action: "close",
    plan: async (ticket, tx) => {
      if (ticket.stateType === "closed") return { patch: {}, history: [] };
      return stateTransition(tx, ticket, (await stateByName(tx, "closed successful")).id);
    },
  });
}

export function setPriority(db: Db, actor: Actor, input: { ticketId: number; version: number; priorityId: number }) {
  return changeTicket(db, actor, {
    ticketId: input.ticketId,
    version: input.version,
    action: "priority",
    needsLock: false,
    plan: async (ticket, tx) => {
      const priority = await priorityById(tx, input.priorityId);
      if (priority.id === ticket.priorityId) return { patch: {}, history: [] };
      return {
        patch: { priorityId: priority.id },
        history: [{ event: "priority_changed", field: "priority", oldId: ticket.priorityId, newId: priority.id, newValue: priority.name }],
      };
    },
  });
}

export function moveTicket(db: Db, actor: Actor, input: { ticketId: number; version: number; queueId: number }) {
  return changeTicket(db, actor, {
    ticketId: input.ticketId,
    version: input.version,
    action: "move",
    plan: async (ticket, tx) => {
      const queue = await queueById(tx, input.queueId);
      if (queue.id === ticket.queueId) return { patch: {}, history: [] };
      if (!(await hasQueuePermission(tx, actor.id, queue.id, "move_into"))) {
        throw new AppError("FORBIDDEN", "errors.needMoveIntoPermission");
      }
      return {
        patch: { queueId: queue.id },
        history: [{ event: "queue_changed", field: "queue", oldId: ticket.queueId, newId: queue.id, newValue: queue.name }],
      };
    },
  });
}

export function setOwner(db: Db, actor: Actor, input: { ticketId: number; version: number; ownerId: number }) {
  return changeTicket(db, actor, {
    ticketId: input.ticketId,
    version: input.version,
    action: "owner",
    plan: async (ticket, tx) => {
      if (input.ownerId === ticket.ownerId) return { patch: {}, history: [] };
      const [next] = await tx.select({ id: users.id, name: users.name, role: users.role, enabled: users.enabled }).from(users).where(eq(users.id, input.ownerId)).limit(1);
      if (!next || next.role === "customer" || !next.enabled || !(await hasQueuePermission(tx, next.id, ticket.queueId, "owner"))) {
        throw new AppError("BAD_INPUT", "errors.ownerNeedsPermission");
      }
      return {
        patch: { ownerId: next.id },
        history: [{ event: "owner_changed", field: "owner", oldId: ticket.ownerId, newId: next.id, newValue: next.name }],
      };
    },
  });
}

export function lockTicket(db: Db, actor: Actor, input: { ticketId: number; version: number }) {
  return changeTicket(db, actor, {
    ticketId: input.ticketId,
    version: input.version,
    action: "lock",
    plan: async (ticket) => {
      if (ticket.locked && ticket.ownerId === actor.id) return { patch: {}, history: [] };
      const history: HistoryEntry[] = [{ event: "locked", field: "lock", oldValue: "unlocked", newValue: "locked" }];
      if (ticket.ownerId !== actor.id) history.push({ event: "owner_changed", field: "owner", oldId: ticket.ownerId, newId: actor.id, newValue: actor.name });
      return { patch: { locked: true, lockedAt: new Date(), ownerId: actor.id }, history };
    },
  });
}

/** The owner unlocks; an admin may unlock anyone's lock. */
export function unlockTicket(db: Db, actor: Actor, input: { ticketId: number; version: number }) {
  return changeTicket(db, actor, {
    ticketId: input.ticketId,
    version: input.version,
    action: "unlock",
    needsLock: actor.role !== "admin",
    plan: async (ticket) => {
      if (!ticket.locked) return { patch: {}, history: [] };
      return { patch: { locked: false, lockedAt: null }, history: [{ event: "unlocked", field: "lock", oldValue: "locked", newValue: "unlocked" }] };
    },
  });
}

/** The responsible agent answers for the ticket alongside its owner; candidates need `owner` on the queue, as owners do. */
export function setResponsible(db: Db, actor: Actor, input: { ticketId: number; version: number; responsibleId: number }) {
  return changeTicket(db, actor, {
    ticketId: input.ticketId,
    version: input.version,
    action: "responsible",
    needsLock: false,
    plan: async (ticket, tx) => {
      if (input.responsibleId === ticket.responsibleId) return { patch: {}, history: [] };
      const [next] = await tx.select({ id: users.id, name: users.name, role: users.role, enabled: users.enabled }).from(users).where(eq(users.id, input.responsibleId)).limit(1);
      if (!next || next.role === "customer" || !next.enabled || !(await hasQueuePermission(tx, next.id, ticket.queueId, "owner"))) {
        throw new AppError("BAD_INPUT", "errors.responsibleNeedsPermission");
      }
      return {
        patch: { responsibleId: next.id },
        history: [{ event: "responsible_changed", field: "responsible", oldId: ticket.responsibleId, newId: next.id, newValue: next.name }],
      };
    },
  });
}
