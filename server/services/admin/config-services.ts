import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { Tx } from "@/db";
import { services } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { byId, createServiceInput, listInput, setValidInput, updateServiceInput } from "@/server/schemas/admin-config";
import { byName, deleteUnused, exists, listWhere, lockById, namePage, setValidity } from "./config";
import { adminChange, audit, changedOnly } from "./audit";

const NAME_TAKEN = "errors.serviceNameTaken";
const parent = alias(services, "parent_service");

/** Services by name, each with its parent's name (services nest, e.g. "E-mail" under "IT"). */
export async function listServices(db: Tx, raw: z.input<typeof listInput>) {
  const input = listInput.parse(raw);
  const rows = await db
    .select({ id: services.id, name: services.name, parentId: services.parentId, parentName: parent.name, comment: services.comment, customerVisible: services.customerVisible, valid: services.valid })
    .from(services)
    .leftJoin(parent, eq(parent.id, services.parentId))
    .where(and(...listWhere(input, { name: services.name, id: services.id, valid: services.valid, search: [services.name, services.comment] })))
    .orderBy(byName(services.name), asc(services.id))
    .limit(input.limit + 1);
  return namePage(rows, input.limit);
}

export async function createService(db: Tx, actor: Actor, raw: z.input<typeof createServiceInput>) {
  const input = createServiceInput.parse(raw);
  return adminChange(db, { taken: NAME_TAKEN, config: true }, async (tx) => {
    if (input.parentId) await requireParent(tx, input.parentId);
    const [row] = await tx.insert(services).values(input).returning({ id: services.id });
    await audit(tx, { actorId: actor.id, action: "create", entity: "service", entityId: row!.id, after: input });
    return { id: row!.id };
  });
}

export async function updateService(db: Tx, actor: Actor, raw: z.input<typeof updateServiceInput>) {
  const input = updateServiceInput.parse(raw);
  return adminChange(db, { taken: NAME_TAKEN, config: true }, async (tx) => {
    const current = await lockById(tx, services, input.id, "Service");
    const { id, ...fields } = input;
    if (fields.parentId) {
      if (fields.parentId === id) throw new AppError("BAD_INPUT", "errors.serviceOwnParent");
      const [loop] = await tx.execute(sql`
        with recursive sub(id) as (select ${id}::bigint union select s.id from services s join sub on s.parent_id = sub.id)
        select 1 from sub where id = ${fields.parentId} limit 1`);
      if (loop) throw new AppError("BAD_INPUT", "errors.serviceLoop");
      await requireParent(tx, fields.parentId);
    }
    const diff = changedOnly({ name: current.name, parentId: current.parentId, comment: current.comment, customerVisible: current.customerVisible }, fields);
    if (Object.keys(diff.after).length === 0) return { id };
    await tx
      .update(services)
      .set({ ...fields, changedAt: new Date() })
      .where(eq(services.id, id));
    await audit(tx, { actorId: actor.id, action: "update", entity: "service", entityId: id, ...diff });
    return { id };
  });
}

export function setServiceValid(db: Tx, actor: Actor, raw: z.input<typeof setValidInput>) {
  const input = setValidInput.parse(raw);
  return setValidity(db, actor, { table: services, ...input, entity: "service", what: "Service" });
}

export function deleteService(db: Tx, actor: Actor, raw: z.input<typeof byId>) {
  const { id } = byId.parse(raw);
  return deleteUnused(db, actor, {
    table: services,
    id,
    entity: "service",
    what: "Service",
    label: (row) => `The service “${row.name}”`,
    uses: () => [
      { query: exists(sql`select 1 from tickets where service_id = ${id}`), one: "tickets", many: "tickets", exact: false },
      { query: sql`select count(*) from services where parent_id = ${id}`, one: "sub-service", many: "sub-services" },
      { query: sql`select count(*) from sla_services where service_id = ${id}`, one: "SLA", many: "SLAs" },
    ],
  });
}

async function requireParent(tx: Tx, id: number) {
  const [row] = await tx.select({ id: services.id }).from(services).where(eq(services.id, id)).limit(1);
  if (!row) throw new AppError("BAD_INPUT", "errors.serviceParentGone");
}
