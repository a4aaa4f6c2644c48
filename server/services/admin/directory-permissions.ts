import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db";
import { groups, queues, roleGroupPermissions, roles, userGroupPermissions, userRoles, users } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { grants, type Permission, PERMISSIONS } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";
import {
  groupPermissionsInput,
  type PermissionType,
  permissionMatrixInput,
  setRoleGroupPermissionsInput,
  setUserGroupPermissionsInput,
} from "@/server/schemas/admin-directory";
import { lockUser } from "./directory";
import { afterName, contains, nameCursor, page } from "@/server/services/keyset";
import { audit } from "./audit";

// The form schemas keep their own list (no server imports there); the two must not drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _listsAgree: Same<PermissionType, Permission> = true;

/**
 * Makes the agent's direct permissions on the group exactly `permissions`. Checks read the
 * tables on every request, so a removed permission is gone on the agent's next call.
 */
export async function setUserGroupPermissions(db: Tx, actor: Actor, raw: z.input<typeof setUserGroupPermissionsInput>) {
  const input = setUserGroupPermissionsInput.parse(raw);
  return db.transaction(async (tx) => {
    const agent = await lockUser(tx, input.userId, "agent");
    const group = await lockGroupShared(tx, input.groupId);
    const before = (
      await tx
        .select({ p: userGroupPermissions.permission })
        .from(userGroupPermissions)
        .where(and(eq(userGroupPermissions.userId, agent.id), eq(userGroupPermissions.groupId, group.id)))
    ).map((r) => r.p);
    await tx.delete(userGroupPermissions).where(and(eq(userGroupPermissions.userId, agent.id), eq(userGroupPermissions.groupId, group.id)));
    if (input.permissions.length) {
      await tx.insert(userGroupPermissions).values(input.permissions.map((permission) => ({ userId: agent.id, groupId: group.id, permission })));
    }
    const after = ordered(input.permissions);
    if (ordered(before).join() !== after.join()) {
      await audit(tx, {
        actorId: actor.id,
        action: "set_permissions",
        entity: "agent",
        entityId: agent.id,
        before: { group: group.name, groupId: group.id, permissions: ordered(before) },
        after: { group: group.name, groupId: group.id, permissions: after },
      });
    }
    return { userId: agent.id, groupId: group.id, permissions: after };
  });
}

/** Makes the role's permissions on the group exactly `permissions`; members feel it on their next request. */
export async function setRoleGroupPermissions(db: Tx, actor: Actor, raw: z.input<typeof setRoleGroupPermissionsInput>) {
  const input = setRoleGroupPermissionsInput.parse(raw);
  return db.transaction(async (tx) => {
    const [role] = await tx.select({ id: roles.id, name: roles.name }).from(roles).where(eq(roles.id, input.roleId)).for("update").limit(1);
    if (!role) throw new AppError("NOT_FOUND", "errors.notFoundRole");
    const group = await lockGroupShared(tx, input.groupId);
    const before = (
      await tx
        .select({ p: roleGroupPermissions.permission })
        .from(roleGroupPermissions)
        .where(and(eq(roleGroupPermissions.roleId, role.id), eq(roleGroupPermissions.groupId, group.id)))
    ).map((r) => r.p);
    await tx.delete(roleGroupPermissions).where(and(eq(roleGroupPermissions.roleId, role.id), eq(roleGroupPermissions.groupId, group.id)));
    if (input.permissions.length) {
      await tx.insert(roleGroupPermissions).values(input.permissions.map((permission) => ({ roleId: role.id, groupId: group.id, permission })));
    }
    const after = ordered(input.permissions);
    if (ordered(before).join() !== after.join()) {
      await audit(tx, {
        actorId: actor.id,
        action: "set_permissions",
        entity: "role",
        entityId: role.id,
        before: { group: group.name, groupId: group.id, permissions: ordered(before) },
        after: { group: group.name, groupId: group.id, permissions: after },
      });
    }
    return { roleId: role.id, groupId: group.id, permissions: after };
  });
}

export type MatrixCell = {
  direct: Permission[];
  viaRoles: { roleId: number; roleName: string; roleValid: boolean; permissions: Permission[] }[];
  /** What the agent may do in the group's queues now: valid roles and a valid group only; `rw` expanded. */
  effective: Permission[];
};

/**
 * Queues × agents: for a page of agents, their permissions on every group that has queues
 * (optionally one group), direct and through roles. Queues share their group's cell.
 */
export async function permissionMatrix(db: Tx, raw: z.input<typeof permissionMatrixInput>) {
  const input = permissionMatrixInput.parse(raw);
  const queueRows = await db
    .select({ id: queues.id, name: queues.name, valid: queues.valid, groupId: queues.groupId, groupName: groups.name, groupValid: groups.valid })
    .from(queues)
    .innerJoin(groups, eq(groups.id, queues.groupId))
    .where(input.groupId ? eq(queues.groupId, input.groupId) : undefined)
    .orderBy(sql`lower(${queues.name})`, asc(queues.id))
    .limit(500);
  const filters: (SQL | undefined)[] = [sql`${users.role} in ('agent', 'admin')`, contains(input.search, users.name, users.email), afterName(input.cursor, users.name, users.id)];
  const agentRows = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, enabled: users.enabled })
    .from(users)
    .where(and(...filters))
    .orderBy(sql`lower(${users.name})`, asc(users.id))
    .limit(input.limit + 1);
  const result = page(agentRows, input.limit, (last) => nameCursor(last.name, last.id));
  const ids = result.items.map((a) => a.id);
  const groupValid = new Map(queueRows.map((q) => [q.groupId, q.groupValid]));
  const cells = await cellsFor(db, ids, input.groupId);
  return {
    queues: queueRows,
    agents: result.items.map((agent) => {
      const byGroup: Record<number, MatrixCell> = {};
      for (const [groupId, cell] of cells.get(agent.id) ?? []) byGroup[groupId] = finish(cell, groupValid.get(groupId) ?? true);
      return { ...agent, groups: byGroup };
    }),
    nextCursor: result.nextCursor,
  };
}

/** One group's editable permissions: every role's set on it (agents' direct sets come from the matrix). */
export async function groupPermissions(db: Tx, raw: z.input<typeof groupPermissionsInput>) {
  const input = groupPermissionsInput.parse(raw);
  const [group] = await db.select({ id: groups.id, name: groups.name, valid: groups.valid }).from(groups).where(eq(groups.id, input.groupId)).limit(1);
  if (!group) throw new AppError("NOT_FOUND", "errors.notFoundGroup");
  const [roleRows, held, queueRows] = await Promise.all([
    db.select({ id: roles.id, name: roles.name, valid: roles.valid }).from(roles).orderBy(sql`lower(${roles.name})`, asc(roles.id)).limit(500),
    db.select({ roleId: roleGroupPermissions.roleId, permission: roleGroupPermissions.permission }).from(roleGroupPermissions).where(eq(roleGroupPermissions.groupId, group.id)),
    db.select({ id: queues.id, name: queues.name }).from(queues).where(eq(queues.groupId, group.id)).orderBy(sql`lower(${queues.name})`),
  ]);
  return {
    group,
    queues: queueRows,
    roles: roleRows.map((r) => ({ ...r, permissions: ordered(held.filter((h) => h.roleId === r.id).map((h) => h.permission)) })),
  };
}

type RawCell = { direct: Permission[]; viaRoles: Map<number, MatrixCell["viaRoles"][number]> };

async function cellsFor(db: Tx, userIds: number[], groupId: number | undefined) {
  const cells = new Map<number, Map<number, RawCell>>();
  if (userIds.length === 0) return cells;
  const cell = (userId: number, gid: number) => {
    const perUser = cells.get(userId) ?? new Map<number, RawCell>();
    cells.set(userId, perUser);
    const c: RawCell = perUser.get(gid) ?? { direct: [], viaRoles: new Map() };
    perUser.set(gid, c);
    return c;
  };
  const [direct, viaRoles] = await Promise.all([
    db
      .select({ userId: userGroupPermissions.userId, groupId: userGroupPermissions.groupId, permission: userGroupPermissions.permission })
      .from(userGroupPermissions)
      .where(and(inArray(userGroupPermissions.userId, userIds), groupId ? eq(userGroupPermissions.groupId, groupId) : undefined)),
    db
      .select({ userId: userRoles.userId, groupId: roleGroupPermissions.groupId, permission: roleGroupPermissions.permission, roleId: roles.id, roleName: roles.name, roleValid: roles.valid })
      .from(userRoles)
      .innerJoin(roles, eq(roles.id, userRoles.roleId))
      .innerJoin(roleGroupPermissions, eq(roleGroupPermissions.roleId, userRoles.roleId))
      .where(and(inArray(userRoles.userId, userIds), groupId ? eq(roleGroupPermissions.groupId, groupId) : undefined)),
  ]);
  for (const d of direct) cell(d.userId, d.groupId).direct.push(d.permission);
  for (const v of viaRoles) {
    const c = cell(v.userId, v.groupId);
    const entry = c.viaRoles.get(v.roleId) ?? { roleId: v.roleId, roleName: v.roleName, roleValid: v.roleValid, permissions: [] };
    entry.permissions.push(v.permission);
    c.viaRoles.set(v.roleId, entry);
  }
  return cells;
}

function finish(cell: RawCell, groupValid: boolean): MatrixCell {
  const viaRoles = [...cell.viaRoles.values()].map((r) => ({ ...r, permissions: ordered(r.permissions) })).sort((a, b) => a.roleName.localeCompare(b.roleName));
  const held = groupValid ? [...cell.direct, ...viaRoles.filter((r) => r.roleValid).flatMap((r) => r.permissions)] : [];
  return { direct: ordered(cell.direct), viaRoles, effective: PERMISSIONS.filter((p) => grants(held, p)) };
}

function ordered(list: readonly Permission[]): Permission[] {
  return PERMISSIONS.filter((p) => list.includes(p));
}

/** The group must exist; the shared lock keeps it from being deleted while we grant on it. */
async function lockGroupShared(tx: Tx, id: number) {
  const [row] = await tx.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.id, id)).for("share").limit(1);
  if (!row) throw new AppError("NOT_FOUND", "errors.notFoundGroup");
  return row;
}
