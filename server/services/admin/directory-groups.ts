import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db";
import { groups } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { byId, createGroupInput, listNamedInput, setValidInput, updateGroupInput } from "@/server/schemas/admin-directory";
import { afterName, contains, nameCursor, page } from "@/server/services/keyset";
import { adminChange, audit, changedOnly } from "./audit";


const NAME_TAKEN = "errors.groupNameTaken";

const groupColumns = { id: groups.id, name: groups.name, comment: groups.comment, valid: groups.valid, createdAt: groups.createdAt };

// Spelled out: drizzle leaves columns unqualified in single-table selects, which would bind them to the subquery.
const usage = {
  queueCount: sql<number>`(select count(*) from queues q where q.group_id = groups.id)::int`,
  agentCount: sql<number>`(select count(distinct ugp.user_id) from user_group_permissions ugp where ugp.group_id = groups.id)::int`,
  roleCount: sql<number>`(select count(distinct rgp.role_id) from role_group_permissions rgp where rgp.group_id = groups.id)::int`,
};

/** Groups by name, with how many queues, agents (direct) and roles use each. */
export async function listGroups(db: Tx, raw: z.input<typeof listNamedInput>) {
  const input = listNamedInput.parse(raw);
  const filters: (SQL | undefined)[] = [contains(input.search, groups.name), afterName(input.cursor, groups.name, groups.id)];
  if (input.status !== "all") filters.push(eq(groups.valid, input.status === "valid"));
  const rows = await db
    .select({ ...groupColumns, ...usage })
    .from(groups)
    .where(and(...filters))
    .orderBy(sql`lower(${groups.name})`, asc(groups.id))
    .limit(input.limit + 1);
  return page(rows, input.limit, (last) => nameCursor(last.name, last.id));
}

export async function createGroup(db: Tx, actor: Actor, raw: z.input<typeof createGroupInput>) {
  const input = createGroupInput.parse(raw);
  return adminChange(db, { taken: NAME_TAKEN }, async (tx) => {
    const [row] = await tx.insert(groups).values(input).returning(groupColumns);
    if (!row) throw new Error("insert returned nothing");
    await audit(tx, { actorId: actor.id, action: "create", entity: "group", entityId: row.id, after: { name: row.name, comment: row.comment, valid: row.valid } });
    return { id: row.id };
  });
}

export async function updateGroup(db: Tx, actor: Actor, raw: z.input<typeof updateGroupInput>) {
  const input = updateGroupInput.parse(raw);
  return adminChange(db, { taken: NAME_TAKEN }, async (tx) => {
    const current = await lockGroup(tx, input.id);
    const diff = changedOnly({ name: current.name, comment: current.comment }, { name: input.name, comment: input.comment });
    if (Object.keys(diff.after).length === 0) return { id: current.id };
    await tx.update(groups).set({ name: input.name, comment: input.comment, changedAt: new Date() }).where(eq(groups.id, current.id));
    await audit(tx, { actorId: actor.id, action: "update", entity: "group", entityId: current.id, ...diff });
    return { id: current.id };
  });
}

/** An invalid group grants nothing: its queues' tickets disappear for everyone on their next request. */
export async function setGroupValid(db: Tx, actor: Actor, raw: z.input<typeof setValidInput>) {
  const input = setValidInput.parse(raw);
  return db.transaction(async (tx) => {
    const current = await lockGroup(tx, input.id);
    if (current.valid === input.valid) return { id: current.id, valid: current.valid };
    await tx.update(groups).set({ valid: input.valid, changedAt: new Date() }).where(eq(groups.id, current.id));
    await audit(tx, { actorId: actor.id, action: input.valid ? "enable" : "disable", entity: "group", entityId: current.id, before: { valid: current.valid }, after: { valid: input.valid } });
    return { id: current.id, valid: input.valid };
  });
}

/** Deletes a group nothing uses; a group with queues or permissions can only be disabled. */
export async function deleteGroup(db: Tx, actor: Actor, raw: z.input<typeof byId>) {
  const input = byId.parse(raw);
  return db.transaction(async (tx) => {
    // The row lock also blocks new queues and permissions pointing at the group until we commit.
    const current = await lockGroup(tx, input.id);
    const [use] = await tx.select(usage).from(groups).where(eq(groups.id, current.id));
    if (use && (use.queueCount || use.agentCount || use.roleCount)) {
      throw new AppError("INVALID_STATE", "errors.groupInUse", { use: describeUse(use) });
    }
    await tx.delete(groups).where(eq(groups.id, current.id));
    await audit(tx, { actorId: actor.id, action: "delete", entity: "group", entityId: current.id, before: { name: current.name, comment: current.comment, valid: current.valid } });
    return { id: current.id };
  });
}

async function lockGroup(tx: Tx, id: number) {
  const [row] = await tx.select(groupColumns).from(groups).where(eq(groups.id, id)).for("update").limit(1);
  if (!row) throw new AppError("NOT_FOUND", "errors.notFoundGroup");
  return row;
}

function describeUse(use: { queueCount: number; agentCount: number; roleCount: number }) {
  const parts: string[] = [];
  if (use.queueCount) parts.push(`${use.queueCount} ${use.queueCount === 1 ? "queue" : "queues"}`);
  if (use.agentCount) parts.push(`${use.agentCount} ${use.agentCount === 1 ? "agent" : "agents"}`);
  if (use.roleCount) parts.push(`${use.roleCount} ${use.roleCount === 1 ? "role" : "roles"}`);
  return parts.join(", ");
}
