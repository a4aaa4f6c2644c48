import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db";
import { groups, roles, userGroupPermissions, userRoles, users } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { hashPassword } from "@/server/auth/password";
import { AppError } from "@/server/errors";
import {
  createAgentInput,
  listAgentsInput,
  type ListAgentsInput,
  resetPasswordInput,
  setAgentRolesInput,
  setEnabledInput,
  updateAgentInput,
} from "@/server/schemas/admin-directory";
import { disableUser, enableUser } from "@/server/services/users/approval";
import { EMAIL_TAKEN, lockUser, requireKind, userSnapshot } from "./directory";
import { afterName, contains, nameCursor, page } from "@/server/services/keyset";
import { adminChange, audit, changedOnly } from "./audit";

const agentColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  enabled: users.enabled,
  faqEditor: users.faqEditor,
  language: users.language,
  timeZone: users.timeZone,
  lastSignInAt: users.lastSignInAt,
  createdAt: users.createdAt,
};

const isAgentRow = sql`${users.role} in ('agent', 'admin')`;

/** Agents and admins by name, with the roles each holds. */
export async function listAgents(db: Tx, raw: ListAgentsInput) {
  const input = listAgentsInput.parse(raw);
  const filters: (SQL | undefined)[] = [isAgentRow, contains(input.search, users.name, users.email), afterName(input.cursor, users.name, users.id)];
  if (input.status !== "all") filters.push(eq(users.enabled, input.status === "enabled"));
  if (input.roleId) filters.push(sql`exists (select 1 from user_roles ur where ur.user_id = users.id and ur.role_id = ${input.roleId})`);
  const rows = await db
    .select(agentColumns)
    .from(users)
    .where(and(...filters))
    .orderBy(sql`lower(${users.name})`, asc(users.id))
    .limit(input.limit + 1);
  const result = page(rows, input.limit, (last) => nameCursor(last.name, last.id));
  const held = await rolesOf(db, result.items.map((r) => r.id));
  return { ...result, items: result.items.map((r) => ({ ...r, roles: held.get(r.id) ?? [] })) };
}

/** One agent with its roles and its direct group permissions. */
export async function getAgent(db: Tx, id: number) {
  const [row] = await db.select(agentColumns).from(users).where(and(eq(users.id, id), isAgentRow)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", "errors.notFoundAgent");
  const [held, direct] = await Promise.all([
    rolesOf(db, [id]),
    db
      .select({ groupId: userGroupPermissions.groupId, groupName: groups.name, permission: userGroupPermissions.permission })
      .from(userGroupPermissions)
      .innerJoin(groups, eq(groups.id, userGroupPermissions.groupId))
      .where(eq(userGroupPermissions.userId, id))
      .orderBy(sql`lower(${groups.name})`),
  ]);
  const byGroup = new Map<number, { groupId: number; groupName: string; permissions: (typeof direct)[number]["permission"][] }>();
  for (const p of direct) {
    const entry = byGroup.get(p.groupId) ?? { groupId: p.groupId, groupName: p.groupName, permissions: [] };
    entry.permissions.push(p.permission);
    byGroup.set(p.groupId, entry);
  }
  return { ...row, roles: held.get(id) ?? [], groupPermissions: [...byGroup.values()] };
}

export async function createAgent(db: Tx, actor: Actor, raw: z.input<typeof createAgentInput>) {
  const input = createAgentInput.parse(raw);
  const passwordHash = await hashPassword(input.password);
  return adminChange(db, { taken: EMAIL_TAKEN }, async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ name: input.name, email: input.email, role: input.role, passwordHash, approved: true, emailConfirmedAt: new Date(), faqEditor: input.faqEditor })
      .returning({ id: users.id, name: users.name, email: users.email, role: users.role, enabled: users.enabled, faqEditor: users.faqEditor });
    if (!row) throw new Error("insert returned nothing");
    const roleNames = await replaceRoles(tx, row.id, input.roleIds);
    await audit(tx, { actorId: actor.id, action: "create", entity: "agent", entityId: row.id, after: { ...userSnapshot(row), roles: roleNames } });
    return { id: row.id };
  });
}

export async function updateAgent(db: Tx, actor: Actor, raw: z.input<typeof updateAgentInput>) {
  const input = updateAgentInput.parse(raw);
  return adminChange(db, { taken: EMAIL_TAKEN }, async (tx) => {
    const current = await lockUser(tx, input.id, "agent");
    if (current.id === actor.id && input.role !== "admin") {
      throw new AppError("INVALID_STATE", "errors.ownAdminRole");
    }
    const faqEditor = input.faqEditor ?? current.faqEditor;
    const diff = changedOnly(userSnapshot(current), userSnapshot({ ...current, ...input, faqEditor }));
    if (Object.keys(diff.after).length === 0) return { id: current.id };
    await tx.update(users).set({ name: input.name, email: input.email, role: input.role, faqEditor, changedAt: new Date() }).where(eq(users.id, current.id));
    await audit(tx, { actorId: actor.id, action: "update", entity: "agent", entityId: current.id, ...diff });
    return { id: current.id };
  });
}

/** The account flows' service: audited; disabling bumps the session version, so the agent's next request is refused. */
export async function setAgentEnabled(db: Tx, actor: Actor, raw: z.input<typeof setEnabledInput>) {
  const input = setEnabledInput.parse(raw);
  await requireKind(db, input.id, "agent");
  const result = input.enabled ? await enableUser(db, actor.id, input.id) : await disableUser(db, actor.id, input.id);
  return { id: result.id, enabled: input.enabled, changed: result.changed };
}

/** Sets a new password and ends the agent's sessions. */
export async function resetAgentPassword(db: Tx, actor: Actor, raw: z.input<typeof resetPasswordInput>) {
  const input = resetPasswordInput.parse(raw);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const current = await lockUser(tx, input.id, "agent");
    await tx.update(users).set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, changedAt: new Date() }).where(eq(users.id, current.id));
    await audit(tx, { actorId: actor.id, action: "reset_password", entity: "agent", entityId: current.id, after: { sessionsEnded: true } });
    return { id: current.id, mode: "set" as const };
  });
}

/** Replaces the agent's roles; takes effect on the agent's next request. */
export async function setAgentRoles(db: Tx, actor: Actor, raw: z.input<typeof setAgentRolesInput>) {
  const input = setAgentRolesInput.parse(raw);
  return db.transaction(async (tx) => {
    const current = await lockUser(tx, input.id, "agent");
    const before = (await rolesOf(tx, [current.id])).get(current.id)?.map((r) => r.name) ?? [];
    const after = await replaceRoles(tx, current.id, input.roleIds);
    if (JSON.stringify([...before].sort()) !== JSON.stringify([...after].sort())) {
      await audit(tx, { actorId: actor.id, action: "set_roles", entity: "agent", entityId: current.id, before: { roles: before }, after: { roles: after } });
    }
    return { id: current.id, roles: after };
  });
}

/** Makes the user's roles exactly `roleIds`; returns the roles' names. */
async function replaceRoles(tx: Tx, userId: number, roleIds: number[]): Promise<string[]> {
  const found = roleIds.length ? await tx.select({ id: roles.id, name: roles.name }).from(roles).where(inArray(roles.id, roleIds)) : [];
  if (found.length !== roleIds.length) throw new AppError("NOT_FOUND", "errors.roleGone");
  await tx.delete(userRoles).where(eq(userRoles.userId, userId));
  if (roleIds.length) await tx.insert(userRoles).values(roleIds.map((roleId) => ({ userId, roleId })));
  return found.map((r) => r.name).sort();
}

async function rolesOf(db: Tx, userIds: number[]) {
  const map = new Map<number, { id: number; name: string; valid: boolean }[]>();
  if (userIds.length === 0) return map;
  const rows = await db
    .select({ userId: userRoles.userId, id: roles.id, name: roles.name, valid: roles.valid })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(inArray(userRoles.userId, userIds))
    .orderBy(sql`lower(${roles.name})`);
  for (const { userId, ...role } of rows) map.set(userId, [...(map.get(userId) ?? []), role]);
  return map;
}
