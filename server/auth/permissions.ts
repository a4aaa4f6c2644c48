import { and, eq, inArray, type Placeholder, sql, type SQLWrapper } from "drizzle-orm";
import type { Tx } from "@/db";
import { queues, roleGroupPermissions, userGroupPermissions, userRoles } from "@/db/schema";

export const PERMISSIONS = ["ro", "move_into", "create", "note", "owner", "priority", "rw"] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Which queue permission each ticket action needs. Procedures and the UI both read this
 * table, so what a button shows and what the server allows cannot drift apart.
 */
export const ACTION_PERMISSION = {
  view: "ro",
  create: "create",
  note: "note",
  reply: "rw",
  forward: "rw",
  state: "rw",
  lock: "rw",
  unlock: "rw",
  close: "rw",
  owner: "rw",
  beOwner: "owner",
  priority: "priority",
  move: "move_into",
  merge: "rw",
  link: "rw",
  split: "rw",
  responsible: "rw",
  classify: "rw",
} as const satisfies Record<string, Permission>;
export type TicketAction = keyof typeof ACTION_PERMISSION;

/** `rw` implies every other permission. */
export function grants(held: Iterable<Permission>, needed: Permission): boolean {
  for (const p of held) if (p === needed || p === "rw") return true;
  return false;
}

/**
 * SQL for the group ids where a user holds `needed` (directly or through a role). Invalid roles
 * and invalid groups grant nothing: disabling either takes access away at once.
 */
function groupIdsWith(userId: number | SQLWrapper, needed: Permission) {
  const perms = needed === "rw" ? ["rw"] : [needed, "rw"];
  return sql`(
    select ${userGroupPermissions.groupId} from ${userGroupPermissions}
      join groups g on g.id = ${userGroupPermissions.groupId} and g.valid
      where ${userGroupPermissions.userId} = ${userId} and ${inArray(userGroupPermissions.permission, perms as Permission[])}
    union
    select ${roleGroupPermissions.groupId} from ${roleGroupPermissions}
      join ${userRoles} on ${userRoles.roleId} = ${roleGroupPermissions.roleId}
      join roles r on r.id = ${userRoles.roleId} and r.valid
      join groups g on g.id = ${roleGroupPermissions.groupId} and g.valid
      where ${userRoles.userId} = ${userId} and ${inArray(roleGroupPermissions.permission, perms as Permission[])}
  )`;
}

/** Queue ids where the agent holds `needed`; used in `where` clauses so scoping happens in the query. */
export function queueIdsWith(userId: number, needed: Permission) {
  return sql`(select ${queues.id} from ${queues} where ${queues.groupId} in ${groupIdsWith(userId, needed)})`;
}

/** True for each user row (`userId`: a column) that holds `needed` on the queue; for listing who may be assigned. */
export function holdsOnQueue(userId: SQLWrapper, queueId: number, needed: Permission) {
  return sql`exists (select 1 from ${queues} where ${queues.id} = ${queueId} and ${queues.groupId} in ${groupIdsWith(userId, needed)})`;
}

export async function hasQueuePermission(db: Tx, userId: number, queueId: number, needed: Permission): Promise<boolean> {
  const rows = await db
    .select({ id: queues.id })
    .from(queues)
    .where(and(eq(queues.id, queueId), sql`${queues.groupId} in ${groupIdsWith(userId, needed)}`))
    .limit(1);
  return rows.length > 0;
}

/** SQL listing the permissions (as granted, without expanding `rw`) the user holds on a queue. */
export function heldOnQueue(userId: number | Placeholder, queueId: number | SQLWrapper) {
  return sql`
    select distinct p.permission from (
      select group_id, permission from user_group_permissions where user_id = ${userId}
      union all
      select rgp.group_id, rgp.permission from role_group_permissions rgp
        join user_roles ur on ur.role_id = rgp.role_id join roles r on r.id = rgp.role_id and r.valid
        where ur.user_id = ${userId}
    ) p join queues q on q.group_id = p.group_id join groups g on g.id = p.group_id and g.valid where q.id = ${queueId}`;
}

/** Every permission the user holds per queue (for the UI to hide what it may not do). */
export async function queuePermissions(db: Tx, userId: number, queueId: number): Promise<Permission[]> {
  const result = await db.execute<{ permission: Permission }>(heldOnQueue(userId, queueId));
  const held = new Set(result.map((r) => r.permission));
  return PERMISSIONS.filter((p) => grants(held, p));
}
