import { asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db";
import { faqCategories } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { faqCategoryInput, faqCategoryListInput, faqSetValidInput } from "@/server/schemas/faq";
import { adminChange, audit, changedOnly } from "@/server/services/admin/audit";
import { now } from "@/server/time/clock";
import { languageOrder } from "./scope";
import { pickName } from "./read";

/** Every category for the editors (invalid ones too), in tree order, with the name in the editor's language. */
export async function listFaqCategories(db: Tx, actor: Actor, raw: z.input<typeof faqCategoryListInput> = {}) {
  const input = faqCategoryListInput.parse(raw);
  const langs = await languageOrder(db, actor.language);
  const rows = await db
    .select({
      id: faqCategories.id,
      parentId: faqCategories.parentId,
      names: faqCategories.names,
      position: faqCategories.position,
      valid: faqCategories.valid,
      articles: sql<number>`(select count(*)::int from faq_articles a where a.category_id = ${faqCategories.id})`,
    })
    .from(faqCategories)
    .orderBy(asc(faqCategories.position), asc(faqCategories.id));
  const needle = input.search?.toLowerCase();
  const items = treeOrder(rows.map((r) => ({ ...r, name: pickName(r.names, langs) }))).filter(
    (r) => (input.status === "all" || r.valid === (input.status === "valid")) && (!needle || Object.values(r.names).some((n) => n.toLowerCase().includes(needle))),
  );
  return { items, nextCursor: null };
}

export async function saveFaqCategory(db: Tx, actor: Actor, raw: z.input<typeof faqCategoryInput>) {
  const input = faqCategoryInput.parse(raw);
  if (Object.keys(input.names).length === 0) throw new AppError("BAD_INPUT", "errors.faqCategoryNameMissing");
  return adminChange(db, { taken: "errors.alreadyExists" }, async (tx) => {
    if (input.parentId && input.id) await refuseCycle(tx, input.id, input.parentId);
    const values = { parentId: input.parentId, names: input.names, position: input.position };
    if (!input.id) {
      const [row] = await tx.insert(faqCategories).values(values).returning({ id: faqCategories.id });
      await audit(tx, { actorId: actor.id, action: "create", entity: "faq_category", entityId: row!.id, after: values });
      return { id: row!.id };
    }
    const [current] = await tx.select().from(faqCategories).where(eq(faqCategories.id, input.id)).for("update").limit(1);
    if (!current) throw new AppError("NOT_FOUND", "errors.faqCategoryNotFound");
    const diff = changedOnly({ parentId: current.parentId, names: current.names, position: current.position }, values);
    if (Object.keys(diff.after).length === 0) return { id: current.id };
    await tx.update(faqCategories).set({ ...values, changedAt: now() }).where(eq(faqCategories.id, current.id));
    await audit(tx, { actorId: actor.id, action: "update", entity: "faq_category", entityId: current.id, ...diff });
    return { id: current.id };
  });
}

/** Categories are disabled, not deleted: their articles keep their place. */
export async function setFaqCategoryValid(db: Tx, actor: Actor, raw: z.input<typeof faqSetValidInput>) {
  const input = faqSetValidInput.parse(raw);
  return adminChange(db, { taken: "errors.alreadyExists" }, async (tx) => {
    const [row] = await tx.update(faqCategories).set({ valid: input.valid, changedAt: now() }).where(eq(faqCategories.id, input.id)).returning({ id: faqCategories.id });
    if (!row) throw new AppError("NOT_FOUND", "errors.faqCategoryNotFound");
    await audit(tx, { actorId: actor.id, action: input.valid ? "enable" : "disable", entity: "faq_category", entityId: row.id });
    return { id: row.id, valid: input.valid };
  });
}

async function refuseCycle(tx: Tx, id: number, parentId: number) {
  const rows = await tx.execute<{ id: string }>(sql`
    with recursive up as (select id, parent_id from faq_categories where id = ${parentId}
      union select c.id, c.parent_id from faq_categories c join up on c.id = up.parent_id)
    select id from up where id = ${id} limit 1`);
  if (rows.length > 0) throw new AppError("INVALID_STATE", "errors.faqCategoryCycle");
}

/** Parents before their children, each with its depth, siblings by position. */
function treeOrder<T extends { id: number; parentId: number | null }>(rows: T[]): (T & { depth: number })[] {
  const out: (T & { depth: number })[] = [];
  const ids = new Set(rows.map((r) => r.id));
  const walk = (parent: number | null, depth: number) => {
    for (const r of rows.filter((x) => (parent === null ? x.parentId === null || !ids.has(x.parentId) : x.parentId === parent))) {
      out.push({ ...r, depth });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
