import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db";
import { groups, roleGroupPermissions, roles, userRoles, users } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { byId, createRoleInput, listNamedInput, setRoleMembersInput, setValidInput, updateRoleInput } from "@/server/schemas/admin-directory";
import { afterName, contains, nameCursor, page } from "@/server/services/keyset";
import { adminChange, audit, changedOnly } from "./audit";


const NAME_TAKEN = "errors.roleNameTaken";

const roleColumns = { id: roles.id, name: roles.name, comment: roles.comment, valid: roles.valid, createdAt: roles.createdAt };

// Spelled out: drizzle leaves columns unqualified in single-table selects, which would bind them to the subquery.
const usage = {
  memberCount: sql<number>`(select count(*) from user_roles ur where ur.role_id = roles.id)::int`,
  groupCount: sql<number>`(select count(distinct rgp.group_id) from role_group_permissions rgp where rgp.role_id = roles.id)::int`,
};

export async function listRoles(db: Tx, raw: z.input<typeof listNamedInput>) {
  const input = listNamedInput.parse(raw);
  const filters: (SQL | undefined)[] = [contains(input.search, roles.name), afterName(input.cursor, roles.name, roles.id)];
  if (input.status !== "all") filters.push(eq(roles.valid, input.status === "valid"));
  const rows = await db
    .select({ ...roleColumns, ...usage })
    .from(roles)
    .where(and(...filters))
    .orderBy(sql`lower(${roles.name})`, asc(roles.id))
    .limit(input.limit + 1);
  return page(rows, input.limit, (last) => nameCursor(last.name, last.id));
}

/** A role with its members and its permissions per group. */
export async function getRole(db: Tx, id: number) {
  const [row] = await db.select(roleColumns).from(roles).where(eq(roles.id, id)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", "errors.notFoundRole");
  const [members, perms] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, email: users.email, enabled: users.enabled })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(eq(userRoles.roleId, id))
      .orderBy(sql`lower(${users.name})`, asc(users.id)),
    db
      .select({ groupId: roleGroupPermissions.groupId, groupName: groups.name, groupValid: groups.valid, permission: roleGroupPermissions.permission })
      .from(roleGroupPermissions)
      .innerJoin(groups, eq(groups.id, roleGroupPermissions.groupId))
      .where(eq(roleGroupPermissions.roleId, id))
      .orderBy(sql`lower(${groups.name})`),
  ]);
  const byGroup = new Map<number, { groupId: number; groupName: string; groupValid: boolean; permissions: (typeof perms)[number]["permission"][] }>();
  for (const { permission, ...g } of perms) {
    const entry = byGroup.get(g.groupId) ?? { ...g, permissions: [] };
    entry.permissions.push(permission);
    byGroup.set(g.groupId, entry);
  }
  return { ...row, members, groupPermissions: [...byGroup.values()] };
}

export async function createRole(db: Tx, actor: Actor, raw: z.input<typeof createRoleInput>) {
  const input = createRoleInput.parse(raw);
  return adminChange(db, { taken: NAME_TAKEN }, async (tx) => {
    const [row] = await tx.insert(roles).values(input).returning(roleColumns);
    if (!row) throw new Error("insert returned nothing");
    await audit(tx, { actorId: actor.id, action: "create", entity: "role", entityId: row.id, after: { name: row.name, comment: row.comment, valid: row.valid } });
    return { id: row.id };
  });
}

export async function updateRole(db: Tx, actor: Actor, raw: z.input<typeof updateRoleInput>) {
  const input = updateRoleInput.parse(raw);
  return adminChange(db, { taken: NAME_TAKEN }, async (tx) => {
    const current = await lockRole(tx, input.id);
    const diff = changedOnly({ name: current.name, comment: current.comment }, { name: input.name, comment: input.comment });
    if (Object.keys(diff.after).length === 0) return { id: current.id };
    await tx.update(roles).set({ name: input.name, comment: input.comment, changedAt: new Date() }).where(eq(roles.id, current.id));
    await audit(tx, { actorId: actor.id, action: "update", entity: "role", entityId: current.id, ...diff });
    return { id: current.id };
  });
}

/** An invalid role grants nothing; its members lose what it gave them on their next request. */
export async function setRoleValid(db: Tx, actor: Actor, raw: z.input<typeof setValidInput>) {
  const input = setValidInput.parse(raw);
  return db.transaction(async (tx) => {
    const current = await lockRole(tx, input.id);
    if (current.valid === input.valid) return { id: current.id, valid: current.valid };
    await tx.update(roles).set({ valid: input.valid, changedAt: new Date() }).where(eq(roles.id, current.id));
    await audit(tx, { actorId: actor.id, action: input.valid ? "enable" : "disable", entity: "role", entityId: current.id, before: { valid: current.valid }, after: { valid: input.valid } });
    return { id: current.id, valid: input.valid };
  });
}

/** Deletes a role without members (its permissions go with it); a role in use can only be disabled. */
export async function deleteRole(db: Tx, actor: Actor, raw: z.input<typeof byId>) {
  const input = byId.parse(raw);
  return db.transaction(async (tx) => {
    const current = await lockRole(tx, input.id);
    const [use] = await tx.select(usage).from(roles).where(eq(roles.id, current.id));
    if (use?.memberCount) {
      throw new AppError("INVALID_STATE", "errors.roleInUse", { count: use.memberCount });
    }
    await tx.delete(roles).where(eq(roles.id, current.id));
    await audit(tx, { actorId: actor.id, action: "delete", entity: "role", entityId: current.id, before: { name: current.name, comment: current.comment, valid: current.valid, groups: use?.groupCount ?? 0 } });
    return { id: current.id };
  });
}

/** Makes the role's members exactly `userIds` (agents and admins only). */
export async function setRoleMembers(db: Tx, actor: Actor, raw: z.input<typeof setRoleMembersInput>) {
  const input = setRoleMembersInput.parse(raw);
  return db.transaction(async (tx) => {
    const current = await lockRole(tx, input.id);
    const agents = input.userIds.length
      ? await tx.select({ id: users.id, email: users.email }).from(users).where(and(inArray(users.id, input.userIds), sql`${users.role} in ('agent', 'admin')`))
      : [];
    if (agents.length !== input.userIds.length) throw new AppError("BAD_INPUT", "errors.roleMembersAgentsOnly");
    const before = await tx
      .select({ email: users.email })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(eq(userRoles.roleId, current.id));
    await tx.delete(userRoles).where(eq(userRoles.roleId, current.id));
    if (agents.length) await tx.insert(userRoles).values(agents.map((a) => ({ userId: a.id, roleId: current.id })));
    const was = before.map((m) => m.email).sort();
    const now = agents.map((a) => a.email).sort();
    if (JSON.stringify(was) !== JSON.stringify(now)) {
      await audit(tx, { actorId: actor.id, action: "set_members", entity: "role", entityId: current.id, before: { members: was }, after: { members: now } });
    }
    return { id: current.id, members: now.length };
  });
}

async function lockRole(tx: Tx, id: number) {
  const [row] = await tx.select(roleColumns).from(roles).where(eq(roles.id, id)).for("update").limit(1);
  if (!row) throw new AppError("NOT_FOUND", "errors.notFoundRole");
  return row;
}
