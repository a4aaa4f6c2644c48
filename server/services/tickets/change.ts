import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { tickets, users } from "@/db/schema";
import { type Actor } from "@/server/auth/actor";
import { hasQueuePermission, type TicketAction } from "@/server/auth/permissions";
import { AppError, notFound } from "@/server/errors";
import { afterTicketChange } from "@/server/services/notifications-events";
import { now } from "@/server/time/clock";
import type { HistoryEntry } from "./history";
import { commitChange, STALE_MESSAGE, type TicketPatch } from "./lifecycle";
import { priorityById, queueById, stateById, stateByName } from "./lookups";
import { type LoadedTicket, loadTicketFor, type TicketRow } from "./scope";

type Patch = TicketPatch;

type ChangeOpts = {
  ticketId: number;
  version?: number;
  action: TicketAction;
  needsLock?: boolean;
  /** The row the ticket procedure already loaded and permission-checked for `action`. */
  loaded?: TicketRow;
};

/**
 * Opens the transaction a ticket write runs in: the row under `FOR UPDATE` (permission-checked
 * unless the procedure already did), the `version` compare and the lock check.
 */
export async function withTicket<T>(db: Db, actor: Actor, opts: ChangeOpts, fn: (ticket: TicketRow, tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const ticket = (await rereadLoaded(tx, opts)) ?? (await loadTicketFor(tx, actor, opts.ticketId, opts.action, { forUpdate: true }));
    // A merged ticket only points at its target; agents work there (the customer's reply keeps its own message).
    if (ticket.stateType === "merged" && actor.role !== "customer" && opts.action !== "merge" && opts.action !== "reply") {
      throw new AppError("INVALID_STATE", "errors.ticketMergedReadOnly");
    }
    if (opts.version !== undefined && ticket.version !== opts.version) throw new AppError("CONFLICT", STALE_MESSAGE);
    if (opts.needsLock !== false) await assertNotLockedByOther(tx, actor, ticket);
    return fn(ticket, tx);
  });
}

/**
 * A change of ticket fields: `plan` says what changes and which history rows tell it; the
 * lifecycle's `commitChange` writes it (version + 1, derived columns, history).
 */
export async function changeTicket(
  db: Db,
  actor: Actor,
  opts: ChangeOpts & { plan: (ticket: TicketRow, tx: Tx) => Promise<{ patch: Patch; history: HistoryEntry[] }> },
) {
  return withTicket(db, actor, opts, async (ticket, tx) => {
    const { patch, history } = await opts.plan(ticket, tx);
    if (history.length === 0) return { id: ticket.id, version: ticket.version, changed: false };
    const updated = await commitChange(tx, actor, ticket, patch, history);
    await notifyChange(tx, actor, ticket, updated, history);
    return { id: updated.id, version: updated.version, changed: true };
  });
}

/** Who hears of a committed change (the closed notice to the customer). */
export async function notifyChange(tx: Tx, actor: Actor, before: TicketRow, after: TicketRow, history: HistoryEntry[]) {
  await afterTicketChange(tx, actor, { ticketId: after.id, customerUserId: before.customerUserId, wasClosed: before.stateType === "closed", nowClosed: after.stateType === "closed", version: after.version, history });
}

/**
 * The procedure's row, re-read `FOR UPDATE` by id. Its permission check stands unless the ticket
 * changed queue or customer in between; then (null) the caller checks again from scratch.
 */
async function rereadLoaded(tx: Tx, opts: ChangeOpts): Promise<TicketRow | null> {
  if (!opts.loaded || opts.loaded.id !== opts.ticketId) return null;
  const [row] = await tx.select().from(tickets).where(eq(tickets.id, opts.ticketId)).for("update");
  if (!row) throw notFound();
  const sameScope = row.queueId === opts.loaded.queueId && row.customerUserId === opts.loaded.customerUserId && row.customerCompanyId === opts.loaded.customerCompanyId && row.isInternal === opts.loaded.isInternal;
  return sameScope ? row : null;
}

export async function assertNotLockedByOther(tx: Tx, actor: Actor, ticket: TicketRow) {
  if (!ticket.locked || ticket.ownerId === actor.id || actor.role === "customer") return;
  const [holder] = await tx.select({ name: users.name }).from(users).where(eq(users.id, ticket.ownerId ?? 0)).limit(1);
  throw holder?.name ? new AppError("INVALID_STATE", "errors.lockedBy", { agent: holder.name }) : new AppError("INVALID_STATE", "errors.lockedByAnother");
}

/**
 * The state (and pending time) to enter; what follows from it (closed_at, reopen count, the lock
 * on close) is derived by the lifecycle when the change is committed.
 */
export async function stateTransition(tx: Tx, ticket: TicketRow, stateId: number, pendingUntil?: Date) {
  const state = await stateById(tx, stateId);
  const patch: Patch = { stateId: state.id, stateType: state.type };
  const history: HistoryEntry[] = [];
  if (state.id !== ticket.stateId) {
    history.push({ event: "state_changed", field: "state", oldId: ticket.stateId, newId: state.id, newValue: state.name });
  }
  const pending = state.type === "pending_reminder" || state.type === "pending_auto";
  if (pending) {
    if (!pendingUntil || pendingUntil.getTime() <= now().getTime()) throw new AppError("BAD_INPUT", "errors.pendingNeedsFutureTime");
    patch.pendingUntil = pendingUntil;
    if (pendingUntil.getTime() !== ticket.pendingUntil?.getTime()) {
      history.push({ event: "pending_time_set", field: "pending_until", oldValue: ticket.pendingUntil?.toISOString() ?? null, newValue: pendingUntil.toISOString() });
    }
  }
  return { patch, history };
}

export function setState(db: Db, actor: Actor, input: { ticketId: number; version: number; stateId: number; pendingUntil?: Date }, loaded?: LoadedTicket) {
  return changeTicket(db, actor, {
    ticketId: input.ticketId,
    loaded: loaded?.ticket,
    version: input.version,
    action: "state",
    plan: (ticket, tx) => stateTransition(tx, ticket, input.stateId, input.pendingUntil),
  });
}

/** Customers close their own tickets; agents close with `rw`. */
export function closeTicket(db: Db, actor: Actor, input: { ticketId: number; version?: number }, loaded?: LoadedTicket) {
  return changeTicket(db, actor, {
    ticketId: input.ticketId,
    loaded: loaded?.ticket,
    version: input.version,
    action: "close",
    plan: async (ticket, tx) => {
      if (ticket.stateType === "closed") return { patch: {}, history: [] };
      return stateTransition(tx, ticket, (await stateByName(tx, "closed successful")).id);
    },
  });
}

export function setPriority(db: Db, actor: Actor, input: { ticketId: number; version: number; priorityId: number }, loaded?: LoadedTicket) {
  return changeTicket(db, actor, {
    ticketId: input.ticketId,
    loaded: loaded?.ticket,
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

export function moveTicket(db: Db, actor: Actor, input: { ticketId: number; version: number; queueId: number }, loaded?: LoadedTicket) {
  return changeTicket(db, actor, {
    ticketId: input.ticketId,
    loaded: loaded?.ticket,
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

export function setOwner(db: Db, actor: Actor, input: { ticketId: number; version: number; ownerId: number }, loaded?: LoadedTicket) {
  return changeTicket(db, actor, {
    ticketId: input.ticketId,
    loaded: loaded?.ticket,
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

export function lockTicket(db: Db, actor: Actor, input: { ticketId: number; version: number }, loaded?: LoadedTicket) {
  return changeTicket(db, actor, {
    ticketId: input.ticketId,
    loaded: loaded?.ticket,
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
export function unlockTicket(db: Db, actor: Actor, input: { ticketId: number; version: number }, loaded?: LoadedTicket) {
  return changeTicket(db, actor, {
    ticketId: input.ticketId,
    loaded: loaded?.ticket,
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
export function setResponsible(db: Db, actor: Actor, input: { ticketId: number; version: number; responsibleId: number }, loaded?: LoadedTicket) {
  return changeTicket(db, actor, {
    ticketId: input.ticketId,
    loaded: loaded?.ticket,
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
