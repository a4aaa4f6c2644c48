import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import * as s from "@/db/schema";
import { callerFor } from "../helpers/caller";
import { createService } from "../helpers/sla";
import { createAgent, createCompany, createQueue } from "../factories";

async function auditOf(entityId: number) {
  return db.select().from(s.auditLog).where(and(eq(s.auditLog.entity, "sla"), eq(s.auditLog.entityId, String(entityId)))).orderBy(desc(s.auditLog.id));
}

describe("SLA administration", () => {
  it("an admin creates an SLA for services, edits it, and each change leaves an audit row with what changed", async () => {
    const admin = callerFor(await createAgent({ admin: true }));
    const [a, b] = [await createService(), await createService()];
    const { id } = await admin.adminSla.slaCreate({ name: `Gold ${a.id}`, firstResponseMinutes: 30, solutionMinutes: 600, serviceIds: [a.id] });
    const listed = (await admin.adminSla.slaList({ search: `Gold ${a.id}` })).items;
    expect(listed).toEqual([expect.objectContaining({ id, firstResponseMinutes: 30, updateMinutes: null, solutionMinutes: 600, warnPercent: 80, pauseWhenPending: true, serviceIds: [a.id] })]);

    await admin.adminSla.slaUpdate({ id, name: `Gold ${a.id}`, firstResponseMinutes: 45, solutionMinutes: 600, serviceIds: [b.id] });
    const rows = await auditOf(id);
    expect(rows.map((r) => r.action)).toEqual(["update", "create"]);
    expect(rows[0]!.before).toMatchObject({ firstResponseMinutes: 30, serviceIds: [a.id] });
    expect(rows[0]!.after).toMatchObject({ firstResponseMinutes: 45, serviceIds: [b.id] });
    expect(await db.select().from(s.slaServices).where(eq(s.slaServices.slaId, id))).toEqual([{ slaId: id, serviceId: b.id }]);
  });

  it("an SLA that a company or queue uses cannot be deleted, only disabled; a disabled one cannot be chosen", async () => {
    const admin = callerFor(await createAgent({ admin: true }));
    const { id } = await admin.adminSla.slaCreate({ name: `Silver ${Date.now()}`, firstResponseMinutes: 60 });
    const company = await createCompany();
    await admin.adminDirectory.companyUpdate({ id: company.id, name: company.name, slaId: id });
    expect((await db.select().from(s.customerCompanies).where(eq(s.customerCompanies.id, company.id)))[0]!.slaId).toBe(id);
    await expect(admin.adminSla.slaDelete({ id })).rejects.toMatchObject({ code: "CONFLICT" });
    await admin.adminSla.slaSetValid({ id, valid: false });
    const queue = await createQueue();
    await expect(admin.adminConfig.queueUpdate({ id: queue.id, name: queue.name, groupId: queue.groupId, slaId: id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
