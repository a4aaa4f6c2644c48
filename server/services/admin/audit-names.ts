import { inArray } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "@/db";
import { calendars, customerCompanies, groups, priorities, queues, roles, salutations, services, signatures, slas, states, ticketTypes, users } from "@/db/schema";

type Named = PgTable & { id: PgColumn; name: PgColumn };

/** Which table an id-valued field of an audit snapshot points into (`groupId: 5` → groups). */
const REFERENCES: Record<string, Named> = {
  groupId: groups,
  groupIds: groups,
  roleId: roles,
  roleIds: roles,
  queueId: queues,
  queueIds: queues,
  defaultQueueId: queues,
  companyId: customerCompanies,
  customerCompanyId: customerCompanies,
  stateId: states,
  nextStateId: states,
  defaultNextStateId: states,
  priorityId: priorities,
  typeId: ticketTypes,
  serviceId: services,
  slaId: slas,
  calendarId: calendars,
  salutationId: salutations,
  signatureId: signatures,
  userId: users,
  userIds: users,
  agentId: users,
  agentIds: users,
  ownerId: users,
};

/**
 * Names for the ids in audit snapshots, keyed `field:id` ("groupId:5" → "support"), so the log
 * reads "group: support" instead of "groupId: 5". Deleted rows keep their id.
 */
export async function auditNames(db: Tx, snapshots: unknown[]): Promise<Record<string, string>> {
  const wanted = new Map<Named, Set<number>>();
  const fields: [string, number][] = [];
  for (const snapshot of snapshots) {
    if (!snapshot || typeof snapshot !== "object" || Array.isArray(snapshot)) continue;
    for (const [field, value] of Object.entries(snapshot)) {
      const table = REFERENCES[field];
      if (!table) continue;
      for (const id of Array.isArray(value) ? value : [value]) {
        if (!Number.isSafeInteger(id)) continue;
        fields.push([field, id as number]);
        wanted.set(table, (wanted.get(table) ?? new Set()).add(id as number));
      }
    }
  }
  const found = new Map<Named, Map<number, string>>();
  await Promise.all(
    [...wanted].map(async ([table, ids]) => {
      const rows = (await db.select({ id: table.id, name: table.name }).from(table).where(inArray(table.id, [...ids]))) as { id: number; name: string }[];
      found.set(table, new Map(rows.map((r) => [r.id, r.name])));
    }),
  );
  const names: Record<string, string> = {};
  for (const [field, id] of fields) {
    const name = found.get(REFERENCES[field]!)?.get(id);
    if (name !== undefined) names[`${field}:${id}`] = name;
  }
  return names;
}
