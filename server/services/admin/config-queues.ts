import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db";
import { autoResponses, calendars, groups, queueAutoResponses, queues, salutations, signatures, slas, states, systemAddresses } from "@/db/schema";
import { slaRecompute } from "@/jobs/definitions/sla-recompute";
import { enqueue } from "@/jobs/enqueue";
import type { Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { AUTO_RESPONSE_TYPES, byId, createQueueInput, listInput, queueTreeInput, setValidInput, updateQueueInput } from "@/server/schemas/admin-config";
import { byName, deleteUnused, exists, listWhere, lockById, namePage, requireRef, setValidity } from "./config";
import { adminChange, audit, changedOnly } from "./audit";

const NAME_TAKEN = "errors.queueNameTaken";
const SEPARATOR = "::";
/** States an agent's reply may leave a ticket in by default. */
const NEXT_STATE_TYPES = ["open", "closed", "pending_reminder", "pending_auto"] as const;

const listColumns = {
  id: queues.id,
  name: queues.name,
  parentId: queues.parentId,
  groupId: queues.groupId,
  groupName: groups.name,
  followUp: queues.followUp,
  customerVisible: queues.customerVisible,
  customerMayChoosePriority: queues.customerMayChoosePriority,
  unlockTimeoutMinutes: queues.unlockTimeoutMinutes,
  isDefault: queues.isDefault,
  systemAddress: systemAddresses.address,
  comment: queues.comment,
  valid: queues.valid,
};

/** Queues by full name, searched and paged (the flat view of search results). */
export async function listQueues(db: Tx, raw: z.input<typeof listInput>) {
  const input = listInput.parse(raw);
  const rows = await db
    .select(listColumns)
    .from(queues)
    .innerJoin(groups, eq(groups.id, queues.groupId))
    .leftJoin(systemAddresses, eq(systemAddresses.id, queues.systemAddressId))
    .where(and(...listWhere(input, { name: queues.name, id: queues.id, valid: queues.valid, search: [queues.name, queues.comment] })))
    .orderBy(byName(queues.name), asc(queues.id))
    .limit(input.limit + 1);
  return namePage(rows, input.limit);
}

/** Every queue (desks have tens, not thousands), for the tree: the client nests them by parentId. */
export async function queueTree(db: Tx, raw: z.input<typeof queueTreeInput>) {
  const input = queueTreeInput.parse(raw);
  const rows = await db
    .select(listColumns)
    .from(queues)
    .innerJoin(groups, eq(groups.id, queues.groupId))
    .leftJoin(systemAddresses, eq(systemAddresses.id, queues.systemAddressId))
    .where(input.status === "all" ? undefined : eq(queues.valid, input.status === "valid"))
    .orderBy(byName(queues.name), asc(queues.id))
    .limit(5000);
  return rows.map((r) => ({ ...r, leafName: leaf(r.name) }));
}

/** One queue with everything its form edits. */
export async function getQueue(db: Tx, id: number) {
  const [row] = await db.select().from(queues).where(eq(queues.id, id)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", "errors.notFoundQueue");
  const links = await db.select({ type: queueAutoResponses.type, autoResponseId: queueAutoResponses.autoResponseId }).from(queueAutoResponses).where(eq(queueAutoResponses.queueId, id));
  return {
    id: row.id,
    name: row.name,
    leafName: leaf(row.name),
    parentId: row.parentId,
    groupId: row.groupId,
    followUp: row.followUp,
    unverifiedFollowUp: row.unverifiedFollowUp,
    defaultNextStateId: row.defaultNextStateId,
    calendarId: row.calendarId,
    slaId: row.slaId,
    salutationId: row.salutationId,
    signatureId: row.signatureId,
    systemAddressId: row.systemAddressId,
    customerVisible: row.customerVisible,
    customerMayChoosePriority: row.customerMayChoosePriority,
    unlockTimeoutMinutes: row.unlockTimeoutMinutes,
    isDefault: row.isDefault,
    comment: row.comment,
    valid: row.valid,
    autoResponses: Object.fromEntries(AUTO_RESPONSE_TYPES.map((type) => [type, links.find((l) => l.type === type)?.autoResponseId ?? null])) as Record<(typeof AUTO_RESPONSE_TYPES)[number], number | null>,
  };
}

export async function createQueue(db: Tx, actor: Actor, raw: z.input<typeof createQueueInput>) {
  const input = createQueueInput.parse(raw);
  return adminChange(db, { taken: NAME_TAKEN, config: true }, async (tx) => {
    const parent = input.parentId ? await parentRow(tx, input.parentId) : null;
    await checkReferences(tx, input);
    const { autoResponses: links, name, ...fields } = input;
    const fullName = parent ? `${parent.name}${SEPARATOR}${name}` : name;
    const [row] = await tx.insert(queues).values({ ...fields, name: fullName }).returning({ id: queues.id });
    if (!row) throw new Error("insert returned nothing");
    await setAutoResponses(tx, row.id, links);
    await audit(tx, { actorId: actor.id, action: "create", entity: "queue", entityId: row.id, after: { ...fields, name: fullName, autoResponses: links } });
    return { id: row.id, name: fullName };
  });
}

/** Edits a queue; a new name or parent renames the whole subtree, whose names are paths. */
export async function updateQueue(db: Tx, actor: Actor, raw: z.input<typeof updateQueueInput>) {
  const input = updateQueueInput.parse(raw);
  return adminChange(db, { taken: NAME_TAKEN, config: true }, async (tx) => {
    const current = await lockById(tx, queues, input.id, "Queue");
    const before = await getQueue(tx, input.id);
    if (input.parentId !== null) {
      if (input.parentId === current.id) throw new AppError("BAD_INPUT", "errors.queueOwnParent");
      const [loop] = await tx.execute<{ id: number }>(sql`
        with recursive sub(id) as (select ${current.id}::bigint union select q.id from queues q join sub on q.parent_id = sub.id)
        select id from sub where id = ${input.parentId} limit 1`);
      if (loop) throw new AppError("BAD_INPUT", "errors.queueLoop");
    }
    const parent = input.parentId ? await parentRow(tx, input.parentId) : null;
    await checkReferences(tx, input);
    const { autoResponses: links, name, id, ...fields } = input;
    const fullName = parent ? `${parent.name}${SEPARATOR}${name}` : name;
    await tx
      .update(queues)
      .set({ ...fields, name: fullName, changedAt: new Date() })
      .where(eq(queues.id, id));
    if (fullName !== current.name) await renameSubtree(tx, id, fullName);
    await setAutoResponses(tx, id, links);
    // Only the keys of `after` are compared: what the form edits.
    const diff = changedOnly(before as Record<string, unknown>, { ...fields, name: fullName, autoResponses: links });
    if (Object.keys(diff.after).length > 0) await audit(tx, { actorId: actor.id, action: "update", entity: "queue", entityId: id, ...diff });
    // Its tickets' deadlines follow a new SLA or calendar.
    if ("slaId" in diff.after || "calendarId" in diff.after) await enqueue(tx, slaRecompute, { queueId: id });
    return { id, name: fullName };
  });
}

/** Makes a queue the one where mail nothing else claims lands (there is always exactly one). */
export async function makeDefaultQueue(db: Tx, actor: Actor, raw: z.input<typeof byId>) {
  const { id } = byId.parse(raw);
  return adminChange(db, { taken: "errors.queueDefaultRace", config: true }, async (tx) => {
    const row = await lockById(tx, queues, id, "Queue");
    if (row.isDefault) return { id };
    if (!row.valid) throw new AppError("INVALID_STATE", "errors.queueDisabledDefault");
    const [previous] = await tx.update(queues).set({ isDefault: false, changedAt: new Date() }).where(eq(queues.isDefault, true)).returning({ id: queues.id, name: queues.name });
    await tx.update(queues).set({ isDefault: true, changedAt: new Date() }).where(eq(queues.id, id));
    await audit(tx, { actorId: actor.id, action: "update", entity: "queue", entityId: id, before: { isDefault: false, previousDefault: previous?.name ?? null }, after: { isDefault: true } });
    return { id };
  });
}

export function setQueueValid(db: Tx, actor: Actor, raw: z.input<typeof setValidInput>) {
  const input = setValidInput.parse(raw);
  return setValidity(db, actor, {
    table: queues,
    ...input,
    entity: "queue",
    what: "Queue",
    guard: (row) => {
      if (row.isDefault) throw new AppError("INVALID_STATE", "errors.queueDefaultDisable");
    },
  });
}

/** Deletes a queue nothing refers to; one with tickets, sub-queues, addresses or accounts can only be disabled. */
export function deleteQueue(db: Tx, actor: Actor, raw: z.input<typeof byId>) {
  const { id } = byId.parse(raw);
  return deleteUnused(db, actor, {
    table: queues,
    id,
    entity: "queue",
    what: "Queue",
    label: (row) => `The queue “${row.name}”`,
    guard: (row) => {
      if (row.isDefault) throw new AppError("CONFLICT", "errors.queueDefaultDelete");
    },
    uses: () => [
      { query: exists(sql`select 1 from tickets where queue_id = ${id}`), one: "tickets", many: "tickets", exact: false },
      { query: sql`select count(*) from queues where parent_id = ${id}`, one: "sub-queue", many: "sub-queues" },
      { query: sql`select count(*) from system_addresses where queue_id = ${id}`, one: "system address", many: "system addresses" },
      { query: sql`select count(*) from mail_accounts where queue_id = ${id}`, one: "mail account", many: "mail accounts" },
      { query: sql`select count(*) from users where default_queue_id = ${id}`, one: "customer default", many: "customer defaults" },
      { query: sql`select count(*) from postmaster_filters where (set->>'queueId')::bigint = ${id}`, one: "postmaster filter", many: "postmaster filters" },
      { query: sql`select count(*) from notification_rules where queue_ids @> ${JSON.stringify([id])}::jsonb`, one: "notification rule", many: "notification rules" },
    ],
  });
}

function leaf(name: string): string {
  const at = name.lastIndexOf(SEPARATOR);
  return at < 0 ? name : name.slice(at + SEPARATOR.length);
}

async function parentRow(tx: Tx, id: number) {
  const [row] = await tx.select({ id: queues.id, name: queues.name }).from(queues).where(eq(queues.id, id)).limit(1);
  if (!row) throw new AppError("BAD_INPUT", "errors.queueParentGone");
  return row;
}

/** Every id the form refers to exists and fits: the group, a sensible next state, the texts, the address. */
async function checkReferences(tx: Tx, input: z.output<typeof createQueueInput>) {
  await requireRef(tx, groups, input.groupId, "errors.queueGroup");
  if (input.defaultNextStateId) {
    const [state] = await tx.select({ type: states.type, valid: states.valid }).from(states).where(eq(states.id, input.defaultNextStateId)).limit(1);
    if (!state?.valid || !(NEXT_STATE_TYPES as readonly string[]).includes(state.type)) {
      throw new AppError("BAD_INPUT", "errors.queueNextState");
    }
  }
  await requireRef(tx, calendars, input.calendarId, "errors.queueCalendar");
  await requireRef(tx, slas, input.slaId, "errors.slaChoice");
  await requireRef(tx, salutations, input.salutationId, "errors.queueSalutation");
  await requireRef(tx, signatures, input.signatureId, "errors.queueSignature");
  await requireRef(tx, systemAddresses, input.systemAddressId, "errors.queueSystemAddress");
  const chosen = AUTO_RESPONSE_TYPES.flatMap((type) => (input.autoResponses[type] ? [{ type, id: input.autoResponses[type] }] : []));
  if (chosen.length === 0) return;
  const rows = await tx
    .select({ id: autoResponses.id, type: autoResponses.type })
    .from(autoResponses)
    .where(inArray(
      autoResponses.id,
      chosen.map((c) => c.id),
    ));
  for (const c of chosen) {
    if (rows.find((r) => r.id === c.id)?.type !== c.type) throw new AppError("BAD_INPUT", "errors.queueAutoResponseKind");
  }
}

async function setAutoResponses(tx: Tx, queueId: number, links: z.output<typeof createQueueInput>["autoResponses"]) {
  await tx.delete(queueAutoResponses).where(eq(queueAutoResponses.queueId, queueId));
  const rows = AUTO_RESPONSE_TYPES.flatMap((type) => (links[type] ? [{ queueId, type, autoResponseId: links[type] }] : []));
  if (rows.length) await tx.insert(queueAutoResponses).values(rows);
}

/** Rebuilds the path names below a renamed or moved queue from each one's own last segment. */
async function renameSubtree(tx: Tx, id: number, fullName: string) {
  await tx.execute(sql`
    with recursive sub(id, path) as (
      select q.id, ${fullName} || ${SEPARATOR} || regexp_replace(q.name, '^.*::', '') from queues q where q.parent_id = ${id}
      union all
      select q.id, sub.path || ${SEPARATOR} || regexp_replace(q.name, '^.*::', '') from queues q join sub on q.parent_id = sub.id
    )
    update queues q set name = sub.path, changed_at = now() from sub where q.id = sub.id`);
}
