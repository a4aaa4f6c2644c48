import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db";
import { customerCompanies, slas } from "@/db/schema";
import { slaRecompute } from "@/jobs/definitions/sla-recompute";
import { enqueue } from "@/jobs/enqueue";
import type { Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { createCompanyInput, listCompaniesInput, setValidInput, updateCompanyInput } from "@/server/schemas/admin-directory";
import { afterName, contains, nameCursor, page } from "@/server/services/keyset";
import { adminChange, audit, changedOnly } from "./audit";
import { requireRef } from "./config";


const NAME_TAKEN = "errors.companyNameTaken";

const companyColumns = {
  id: customerCompanies.id,
  name: customerCompanies.name,
  customerNumber: customerCompanies.customerNumber,
  street: customerCompanies.street,
  city: customerCompanies.city,
  country: customerCompanies.country,
  comment: customerCompanies.comment,
  slaId: customerCompanies.slaId,
  valid: customerCompanies.valid,
  createdAt: customerCompanies.createdAt,
};

/** Companies by name (the unique lower(name) index serves the order), with their number of customers. */
export async function listCompanies(db: Tx, raw: z.input<typeof listCompaniesInput>) {
  const input = listCompaniesInput.parse(raw);
  const filters: (SQL | undefined)[] = [
    contains(input.search, customerCompanies.name, customerCompanies.customerNumber),
    afterName(input.cursor, customerCompanies.name, customerCompanies.id),
  ];
  if (input.status !== "all") filters.push(eq(customerCompanies.valid, input.status === "valid"));
  const rows = await db
    .select({ ...companyColumns, customerCount: sql<number>`(select count(*) from users u where u.company_id = customer_companies.id)::int` })
    .from(customerCompanies)
    .where(and(...filters))
    .orderBy(sql`lower(${customerCompanies.name})`, asc(customerCompanies.id))
    .limit(input.limit + 1);
  return page(rows, input.limit, (last) => nameCursor(last.name, last.id));
}

export async function createCompany(db: Tx, actor: Actor, raw: z.input<typeof createCompanyInput>) {
  const input = createCompanyInput.parse(raw);
  return adminChange(db, { taken: NAME_TAKEN }, async (tx) => {
    await requireRef(tx, slas, input.slaId, "errors.slaChoice");
    const [row] = await tx.insert(customerCompanies).values(input).returning(companyColumns);
    if (!row) throw new Error("insert returned nothing");
    await audit(tx, { actorId: actor.id, action: "create", entity: "company", entityId: row.id, after: snapshot(row) });
    return { id: row.id };
  });
}

export async function updateCompany(db: Tx, actor: Actor, raw: z.input<typeof updateCompanyInput>) {
  const input = updateCompanyInput.parse(raw);
  return adminChange(db, { taken: NAME_TAKEN }, async (tx) => {
    const current = await lockCompany(tx, input.id);
    const { id, ...fields } = input;
    const diff = changedOnly(snapshot(current), snapshot({ ...current, ...fields }));
    if (Object.keys(diff.after).length === 0) return { id };
    if (fields.slaId !== current.slaId) await requireRef(tx, slas, fields.slaId, "errors.slaChoice");
    await tx.update(customerCompanies).set({ ...fields, changedAt: new Date() }).where(eq(customerCompanies.id, id));
    await audit(tx, { actorId: actor.id, action: "update", entity: "company", entityId: id, ...diff });
    // The company's tickets' deadlines follow its new SLA.
    if ("slaId" in diff.after) await enqueue(tx, slaRecompute, { companyId: id });
    return { id };
  });
}

/** Companies are never deleted (tickets keep pointing at them); they are marked invalid. */
export async function setCompanyValid(db: Tx, actor: Actor, raw: z.input<typeof setValidInput>) {
  const input = setValidInput.parse(raw);
  return db.transaction(async (tx) => {
    const current = await lockCompany(tx, input.id);
    if (current.valid === input.valid) return { id: current.id, valid: current.valid };
    await tx.update(customerCompanies).set({ valid: input.valid, changedAt: new Date() }).where(eq(customerCompanies.id, current.id));
    await audit(tx, { actorId: actor.id, action: input.valid ? "enable" : "disable", entity: "company", entityId: current.id, before: { valid: current.valid }, after: { valid: input.valid } });
    return { id: current.id, valid: input.valid };
  });
}

async function lockCompany(tx: Tx, id: number) {
  const [row] = await tx.select(companyColumns).from(customerCompanies).where(eq(customerCompanies.id, id)).for("update").limit(1);
  if (!row) throw new AppError("NOT_FOUND", "errors.notFoundCompany");
  return row;
}

function snapshot(row: Pick<typeof customerCompanies.$inferSelect, "name" | "customerNumber" | "street" | "city" | "country" | "comment" | "slaId" | "valid">) {
  const { name, customerNumber, street, city, country, comment, slaId, valid } = row;
  return { name, customerNumber, street, city, country, comment, slaId, valid };
}
