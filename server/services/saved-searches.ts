import { and, asc, eq, or, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { savedSearches, users } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { AppError, notFound } from "@/server/errors";
import type { CreateSavedSearchInput, UpdateSavedSearchInput } from "@/server/schemas/workspace";

const columns = {
  id: savedSearches.id,
  name: savedSearches.name,
  shared: savedSearches.shared,
  filters: savedSearches.filters,
  columns: savedSearches.columns,
  userId: savedSearches.userId,
  ownerName: users.name,
  changedAt: savedSearches.changedAt,
};

/** What the agent may see: its own searches and every shared one. */
const visibleTo = (actor: Actor) => or(eq(savedSearches.userId, actor.id), eq(savedSearches.shared, true));

/** The agent's own searches first, then the shared ones of others; each says whether the agent may edit it. */
export async function listSavedSearches(db: Tx, actor: Actor) {
  const rows = await db
    .select(columns)
    .from(savedSearches)
    .innerJoin(users, eq(users.id, savedSearches.userId))
    .where(visibleTo(actor))
    .orderBy(sql`${savedSearches.userId} <> ${actor.id}`, asc(sql`lower(${savedSearches.name})`), asc(savedSearches.id))
    .limit(200);
  return rows.map((r) => ({ ...r, mine: r.userId === actor.id, editable: mayEdit(actor, r.userId) }));
}

export async function createSavedSearch(db: Tx, actor: Actor, input: CreateSavedSearchInput) {
  const [row] = await db
    .insert(savedSearches)
    .values({ userId: actor.id, name: input.name, shared: input.shared, filters: input.filters, columns: input.columns })
    .returning({ id: savedSearches.id });
  return row!;
}

/** Shared searches are visible to every agent but change only by their creator or an admin. */
export async function updateSavedSearch(db: Tx, actor: Actor, input: UpdateSavedSearchInput) {
  await editable(db, actor, input.id);
  const { id, ...patch } = input;
  const [row] = await db
    .update(savedSearches)
    .set({ ...patch, changedAt: new Date() })
    .where(eq(savedSearches.id, id))
    .returning({ id: savedSearches.id });
  return row!;
}

export async function deleteSavedSearch(db: Tx, actor: Actor, id: number) {
  await editable(db, actor, id);
  await db.delete(savedSearches).where(eq(savedSearches.id, id));
  return { id };
}

async function editable(db: Tx, actor: Actor, id: number) {
  const [row] = await db.select({ userId: savedSearches.userId }).from(savedSearches).where(and(eq(savedSearches.id, id), visibleTo(actor))).limit(1);
  if (!row) throw notFound("errors.notFoundSavedSearch");
  if (!mayEdit(actor, row.userId)) throw new AppError("FORBIDDEN", "errors.savedSearchOwnerOnly");
}

function mayEdit(actor: Actor, ownerId: number) {
  return ownerId === actor.id || actor.role === "admin";
}
