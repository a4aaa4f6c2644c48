import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db";
import { calendars, slaServices, slas } from "@/db/schema";
import { slaRecompute } from "@/jobs/definitions/sla-recompute";
import { enqueue } from "@/jobs/enqueue";
import type { Actor } from "@/server/auth/actor";
import { byId, listInput, setValidInput } from "@/server/schemas/admin-config";
import { createSlaInput, updateSlaInput } from "@/server/schemas/admin-sla";
import { byName, deleteUnused, listWhere, lockById, namePage, requireRef, setValidity } from "./config";
import { adminChange, audit, changedOnly } from "./audit";

const NAME_TAKEN = "errors.slaNameTaken";

/** SLAs by name, each with its calendar's name and the services it applies to. */
export async function listSlas(db: Tx, raw: z.input<typeof listInput>) {
  const input = listInput.parse(raw);
  const rows = await db
    .select({
      id: slas.id,
      name: slas.name,
      calendarId: slas.calendarId,
      calendarName: calendars.name,
      firstResponseMinutes: slas.firstResponseMinutes,
      updateMinutes: slas.updateMinutes,
      solutionMinutes: slas.solutionMinutes,
      warnPercent: slas.warnPercent,
      pauseWhenPending: slas.pauseWhenPending,
      valid: slas.valid,
      serviceIds: sql<number[]>`coalesce((select array_agg(ss.service_id::int order by ss.service_id) from sla_services ss where ss.sla_id = ${slas.id}), '{}')`,
    })
    .from(slas)
    .leftJoin(calendars, eq(calendars.id, slas.calendarId))
    .where(and(...listWhere(input, { name: slas.name, id: slas.id, valid: slas.valid, search: [slas.name] })))
    .orderBy(byName(slas.name), asc(slas.id))
    .limit(input.limit + 1);
  return namePage(rows, input.limit);
}

export async function createSla(db: Tx, actor: Actor, raw: z.input<typeof createSlaInput>) {
  const { serviceIds, ...fields } = createSlaInput.parse(raw);
  return adminChange(db, { taken: NAME_TAKEN, config: true }, async (tx) => {
    await requireRef(tx, calendars, fields.calendarId, "errors.slaCalendar");
    const [row] = await tx.insert(slas).values(fields).returning({ id: slas.id });
    const id = row!.id;
    if (serviceIds.length) await tx.insert(slaServices).values(serviceIds.map((serviceId) => ({ slaId: id, serviceId })));
    await audit(tx, { actorId: actor.id, action: "create", entity: "sla", entityId: id, after: { ...fields, serviceIds } });
    await enqueue(tx, slaRecompute, { slaId: id });
    return { id };
  });
}

/** Saves an SLA and its services; the open tickets it governed or now governs get new deadlines (a job). */
export async function updateSla(db: Tx, actor: Actor, raw: z.input<typeof updateSlaInput>) {
  const { id, serviceIds, ...fields } = updateSlaInput.parse(raw);
  return adminChange(db, { taken: NAME_TAKEN, config: true }, async (tx) => {
    const current = await lockById(tx, slas, id, "SLA");
    await requireRef(tx, calendars, fields.calendarId, "errors.slaCalendar", fields.calendarId === current.calendarId);
    const before = (await tx.select({ serviceId: slaServices.serviceId }).from(slaServices).where(eq(slaServices.slaId, id)).orderBy(asc(slaServices.serviceId))).map((r) => r.serviceId);
    const wanted = [...new Set(serviceIds)].sort((a, b) => a - b);
    const { name, calendarId, firstResponseMinutes, updateMinutes, solutionMinutes, warnPercent, pauseWhenPending } = current;
    const diff = changedOnly({ name, calendarId, firstResponseMinutes, updateMinutes, solutionMinutes, warnPercent, pauseWhenPending, serviceIds: before }, { ...fields, serviceIds: wanted });
    if (Object.keys(diff.after).length === 0) return { id };
    await tx
      .update(slas)
      .set({ ...fields, changedAt: new Date() })
      .where(eq(slas.id, id));
    const dropped = before.filter((s) => !wanted.includes(s));
    if (dropped.length) await tx.delete(slaServices).where(and(eq(slaServices.slaId, id), inArray(slaServices.serviceId, dropped)));
    const added = wanted.filter((s) => !before.includes(s));
    if (added.length) await tx.insert(slaServices).values(added.map((serviceId) => ({ slaId: id, serviceId })));
    await audit(tx, { actorId: actor.id, action: "update", entity: "sla", entityId: id, ...diff });
    await enqueue(tx, slaRecompute, { slaId: id, serviceIds: dropped });
    return { id };
  });
}

/** Enabling or disabling an SLA changes which tickets it governs: their deadlines follow (a job). */
export async function setSlaValid(db: Tx, actor: Actor, raw: z.input<typeof setValidInput>) {
  const input = setValidInput.parse(raw);
  const result = await setValidity(db, actor, { table: slas, ...input, entity: "sla", what: "SLA" });
  await enqueue(db, slaRecompute, { slaId: input.id });
  return result;
}

export function deleteSla(db: Tx, actor: Actor, raw: z.input<typeof byId>) {
  const { id } = byId.parse(raw);
  return deleteUnused(db, actor, {
    table: slas,
    id,
    entity: "sla",
    what: "SLA",
    label: (row) => `The SLA “${row.name}”`,
    uses: () => [
      { query: sql`exists (select 1 from tickets where sla_id = ${id})`, one: "tickets", many: "tickets", exact: false },
      { query: sql`select count(*) from customer_companies where sla_id = ${id}`, one: "company", many: "companies" },
      { query: sql`select count(*) from queues where sla_id = ${id}`, one: "queue", many: "queues" },
    ],
  });
}

/** The choice an SLA picker offers (company and queue forms): every SLA, disabled ones flagged. */
export async function slaOptions(db: Tx) {
  return db.select({ id: slas.id, name: slas.name, valid: slas.valid }).from(slas).orderBy(byName(slas.name)).limit(1000);
}

export function requireSla(tx: Tx, id: number | null | undefined, keep: number | null) {
  if (id !== null && id !== undefined && id === keep) return Promise.resolve(id);
  return requireRef(tx, slas, id, "errors.slaChoice");
}
