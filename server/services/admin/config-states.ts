import { and, asc, eq, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { Tx } from "@/db";
import { priorities, states, ticketTypes } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import {
  byId,
  createPriorityInput,
  createStateInput,
  createTypeInput,
  listInput,
  setValidInput,
  updatePriorityInput,
  updateStateInput,
  updateTypeInput,
} from "@/server/schemas/admin-config";
import { byName, deleteUnused, exists, listWhere, lockById, namePage, setValidity } from "./config";
import { adminChange, audit, changedOnly } from "./audit";

/**
 * States the desk itself looks up by name (new tickets, replies, closing, merging, spam): they
 * keep their name and type and stay enabled. Every other state is the admin's.
 */
export const REQUIRED_STATES = ["new", "open", "closed successful", "merged", "removed"];
const isRequired = (name: string) => REQUIRED_STATES.includes(name.toLowerCase());

// States ----------------------------------------------------------------------------------

const nextState = alias(states, "next_state");

export async function listStates(db: Tx, raw: z.input<typeof listInput>) {
  const input = listInput.parse(raw);
  const rows = await db
    .select({ id: states.id, name: states.name, type: states.type, nextStateId: states.nextStateId, nextStateName: nextState.name, comment: states.comment, valid: states.valid })
    .from(states)
    .leftJoin(nextState, eq(nextState.id, states.nextStateId))
    .where(and(...listWhere(input, { name: states.name, id: states.id, valid: states.valid, search: [states.name, states.comment] })))
    .orderBy(byName(states.name), asc(states.id))
    .limit(input.limit + 1);
  return namePage(
    rows.map((r) => ({ ...r, required: isRequired(r.name) })),
    input.limit,
  );
}

export async function createState(db: Tx, actor: Actor, raw: z.input<typeof createStateInput>) {
  const input = createStateInput.parse(raw);
  return adminChange(db, { taken: "errors.stateNameTaken", config: true }, async (tx) => {
    await checkNextState(tx, input.type, input.nextStateId, null);
    const [row] = await tx.insert(states).values(input).returning({ id: states.id });
    await audit(tx, { actorId: actor.id, action: "create", entity: "state", entityId: row!.id, after: input });
    return { id: row!.id };
  });
}

export async function updateState(db: Tx, actor: Actor, raw: z.input<typeof updateStateInput>) {
  const input = updateStateInput.parse(raw);
  return adminChange(db, { taken: "errors.stateNameTaken", config: true }, async (tx) => {
    const current = await lockById(tx, states, input.id, "State");
    const { id, ...fields } = input;
    if (isRequired(current.name) && (fields.name !== current.name || fields.type !== current.type)) {
      throw new AppError("INVALID_STATE", "errors.stateRequiredRename", { name: current.name });
    }
    if (fields.type !== current.type) {
      const [used] = await tx.execute(sql`select 1 from tickets where state_id = ${id} limit 1`);
      if (used) throw new AppError("CONFLICT", "errors.stateTypeInUse");
    }
    await checkNextState(tx, fields.type, fields.nextStateId, id);
    const diff = changedOnly({ name: current.name, type: current.type, nextStateId: current.nextStateId, comment: current.comment }, fields);
    if (Object.keys(diff.after).length === 0) return { id };
    await tx
      .update(states)
      .set({ ...fields, changedAt: new Date() })
      .where(eq(states.id, id));
    await audit(tx, { actorId: actor.id, action: "update", entity: "state", entityId: id, ...diff });
    return { id };
  });
}

export function setStateValid(db: Tx, actor: Actor, raw: z.input<typeof setValidInput>) {
  const input = setValidInput.parse(raw);
  return setValidity(db, actor, {
    table: states,
    ...input,
    entity: "state",
    what: "State",
    guard: async (row, tx) => {
      if (isRequired(row.name)) throw new AppError("INVALID_STATE", "errors.stateRequiredDisable", { name: row.name });
      const [asDefault] = await tx.execute(sql`select 1 from queues where default_next_state_id = ${row.id} and valid limit 1`);
      if (asDefault) throw new AppError("CONFLICT", "errors.stateIsQueueDefault");
    },
  });
}

export function deleteState(db: Tx, actor: Actor, raw: z.input<typeof byId>) {
  const { id } = byId.parse(raw);
  return deleteUnused(db, actor, {
    table: states,
    id,
    entity: "state",
    what: "State",
    label: (row) => `The state “${row.name}”`,
    guard: (row) => {
      if (isRequired(row.name)) throw new AppError("CONFLICT", "errors.stateRequiredDelete", { name: row.name });
    },
    uses: () => [
      { query: exists(sql`select 1 from tickets where state_id = ${id}`), one: "tickets", many: "tickets", exact: false },
      { query: sql`select count(*) from queues where default_next_state_id = ${id}`, one: "queue's default next state", many: "queues' default next state" },
      { query: sql`select count(*) from states where next_state_id = ${id}`, one: "pending state's next state", many: "pending states' next state" },
    ],
  });
}

/** A pending-auto state needs the state its tickets move to (open or closed); other types take none. */
async function checkNextState(tx: Tx, type: string, nextStateId: number | null, selfId: number | null) {
  if (type !== "pending_auto") {
    if (nextStateId) throw new AppError("BAD_INPUT", "errors.nextStateOnlyAutoClose");
    return;
  }
  if (!nextStateId) throw new AppError("BAD_INPUT", "errors.nextStateNeeded");
  const [next] = await tx
    .select({ type: states.type, valid: states.valid })
    .from(states)
    .where(and(eq(states.id, nextStateId), selfId ? ne(states.id, selfId) : undefined))
    .limit(1);
  if (!next?.valid || (next.type !== "closed" && next.type !== "open")) throw new AppError("BAD_INPUT", "errors.nextStateInvalid");
}

// Priorities ------------------------------------------------------------------------------

export async function listPriorities(db: Tx, raw: z.input<typeof listInput>) {
  const input = listInput.parse(raw);
  const rows = await db
    .select({ id: priorities.id, name: priorities.name, level: priorities.level, color: priorities.color, valid: priorities.valid })
    .from(priorities)
    .where(and(...listWhere(input, { name: priorities.name, id: priorities.id, valid: priorities.valid, search: [priorities.name] })))
    .orderBy(byName(priorities.name), asc(priorities.id))
    .limit(input.limit + 1);
  return namePage(rows, input.limit);
}

const PRIORITY_TAKEN = "errors.priorityNameTaken";

export async function createPriority(db: Tx, actor: Actor, raw: z.input<typeof createPriorityInput>) {
  const input = createPriorityInput.parse(raw);
  return adminChange(db, { taken: PRIORITY_TAKEN, config: true }, async (tx) => {
    const [row] = await tx.insert(priorities).values(input).returning({ id: priorities.id });
    await audit(tx, { actorId: actor.id, action: "create", entity: "priority", entityId: row!.id, after: input });
    return { id: row!.id };
  });
}

export async function updatePriority(db: Tx, actor: Actor, raw: z.input<typeof updatePriorityInput>) {
  const input = updatePriorityInput.parse(raw);
  return adminChange(db, { taken: PRIORITY_TAKEN, config: true }, async (tx) => {
    const current = await lockById(tx, priorities, input.id, "Priority");
    const { id, ...fields } = input;
    if (current.level === 3 && fields.level !== 3) await keepNormalPriority(tx, id);
    const diff = changedOnly({ name: current.name, level: current.level, color: current.color }, fields);
    if (Object.keys(diff.after).length === 0) return { id };
    await tx
      .update(priorities)
      .set({ ...fields, changedAt: new Date() })
      .where(eq(priorities.id, id));
    await audit(tx, { actorId: actor.id, action: "update", entity: "priority", entityId: id, ...diff });
    return { id };
  });
}

export function setPriorityValid(db: Tx, actor: Actor, raw: z.input<typeof setValidInput>) {
  const input = setValidInput.parse(raw);
  return setValidity(db, actor, { table: priorities, ...input, entity: "priority", what: "Priority", guard: (row, tx) => (row.level === 3 ? keepNormalPriority(tx, row.id) : undefined) });
}

export function deletePriority(db: Tx, actor: Actor, raw: z.input<typeof byId>) {
  const { id } = byId.parse(raw);
  return deleteUnused(db, actor, {
    table: priorities,
    id,
    entity: "priority",
    what: "Priority",
    label: (row) => `The priority “${row.name}”`,
    guard: (row, tx) => (row.level === 3 ? keepNormalPriority(tx, row.id) : undefined),
    uses: () => [
      { query: exists(sql`select 1 from tickets where priority_id = ${id}`), one: "tickets", many: "tickets", exact: false },
      { query: sql`select count(*) from postmaster_filters where (set->>'priorityId')::bigint = ${id}`, one: "postmaster filter", many: "postmaster filters" },
    ],
  });
}

/** New tickets without a chosen priority get the normal one (level 3): one must stay enabled. */
async function keepNormalPriority(tx: Tx, id: number) {
  const [other] = await tx.execute(sql`select 1 from priorities where level = 3 and valid and id <> ${id} limit 1`);
  if (!other) throw new AppError("INVALID_STATE", "errors.keepNormalPriority");
}

// Ticket types ----------------------------------------------------------------------------

export async function listTypes(db: Tx, raw: z.input<typeof listInput>) {
  const input = listInput.parse(raw);
  const rows = await db
    .select({ id: ticketTypes.id, name: ticketTypes.name, valid: ticketTypes.valid })
    .from(ticketTypes)
    .where(and(...listWhere(input, { name: ticketTypes.name, id: ticketTypes.id, valid: ticketTypes.valid, search: [ticketTypes.name] })))
    .orderBy(byName(ticketTypes.name), asc(ticketTypes.id))
    .limit(input.limit + 1);
  return namePage(rows, input.limit);
}

const TYPE_TAKEN = "errors.ticketTypeNameTaken";

export async function createType(db: Tx, actor: Actor, raw: z.input<typeof createTypeInput>) {
  const input = createTypeInput.parse(raw);
  return adminChange(db, { taken: TYPE_TAKEN, config: true }, async (tx) => {
    const [row] = await tx.insert(ticketTypes).values(input).returning({ id: ticketTypes.id });
    await audit(tx, { actorId: actor.id, action: "create", entity: "ticket_type", entityId: row!.id, after: input });
    return { id: row!.id };
  });
}

export async function updateType(db: Tx, actor: Actor, raw: z.input<typeof updateTypeInput>) {
  const input = updateTypeInput.parse(raw);
  return adminChange(db, { taken: TYPE_TAKEN, config: true }, async (tx) => {
    const current = await lockById(tx, ticketTypes, input.id, "Ticket type");
    if (current.name === input.name) return { id: input.id };
    await tx.update(ticketTypes).set({ name: input.name, changedAt: new Date() }).where(eq(ticketTypes.id, input.id));
    await audit(tx, { actorId: actor.id, action: "update", entity: "ticket_type", entityId: input.id, before: { name: current.name }, after: { name: input.name } });
    return { id: input.id };
  });
}

export function setTypeValid(db: Tx, actor: Actor, raw: z.input<typeof setValidInput>) {
  const input = setValidInput.parse(raw);
  return setValidity(db, actor, { table: ticketTypes, ...input, entity: "ticket_type", what: "Ticket type" });
}

export function deleteType(db: Tx, actor: Actor, raw: z.input<typeof byId>) {
  const { id } = byId.parse(raw);
  return deleteUnused(db, actor, {
    table: ticketTypes,
    id,
    entity: "ticket_type",
    what: "Ticket type",
    label: (row) => `The ticket type “${row.name}”`,
    uses: () => [
      { query: exists(sql`select 1 from tickets where type_id = ${id}`), one: "tickets", many: "tickets", exact: false },
      { query: sql`select count(*) from postmaster_filters where (set->>'typeId')::bigint = ${id}`, one: "postmaster filter", many: "postmaster filters" },
    ],
  });
}
