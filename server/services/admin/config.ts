import { eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "@/db";
import type { Actor } from "@/server/auth/actor";
import { AppError, type ErrorKey } from "@/server/errors";
import { afterName, contains, nameCursor, page } from "@/server/services/keyset";
import { adminChange, audit } from "./audit";

/**
 * Shared pieces of the admin configuration services (queues, states, texts, mail, filters,
 * settings). Every change runs in one transaction with its audit row; the configuration cache
 * is dropped after the commit, so no other request can re-cache the old value in between.
 */

/** Conditions of a list: search over `searchColumns`, validity, and the keyset position by name. */
export function listWhere(input: { search?: string; status: "all" | "valid" | "invalid"; cursor?: string | null }, columns: { name: SQLWrapper; id: SQLWrapper; valid?: AnyPgColumn; search: SQLWrapper[] }): (SQL | undefined)[] {
  return [
    contains(input.search, ...columns.search),
    input.status === "all" || !columns.valid ? undefined : eq(columns.valid, input.status === "valid"),
    afterName(input.cursor, columns.name, columns.id),
  ];
}

/** A page of rows fetched as `limit + 1`, ordered by (lower(name), id). */
export function namePage<T extends { id: number; name: string }>(rows: T[], limit: number) {
  return page(rows, limit, (last) => nameCursor(last.name, last.id));
}

export const byName = (name: SQLWrapper) => sql`lower(${name})`;

/** The row, locked for the change; NOT_FOUND when there is none. */
export async function lockById<T extends PgTable & { id: AnyPgColumn }>(tx: Tx, table: T, id: number, what: string): Promise<T["$inferSelect"]> {
  const [row] = await tx
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id))
    .for("update")
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", "errors.notFoundRecord", { what });
  return row as T["$inferSelect"];
}

/** A referenced row must exist (and, unless `allowInvalid`, be valid) — with a message for the field. */
export async function requireRef(tx: Tx, table: PgTable & { id: AnyPgColumn; valid?: AnyPgColumn }, id: number | null | undefined, message: ErrorKey, allowInvalid = false) {
  if (id === null || id === undefined) return null;
  const [row] = await tx
    .select({ id: table.id, valid: table.valid ?? sql<boolean>`true` })
    .from(table as PgTable)
    .where(eq(table.id, id))
    .limit(1);
  if (!row || (!allowInvalid && row.valid === false)) throw new AppError("BAD_INPUT", message);
  return row.id as number;
}

/**
 * One usage check for "in use": `query` counts rows (or, for big tables, is 0/1 from an
 * `exists`); `exact: false` says the number is only "some".
 */
export type Usage = { query: SQL; one: string; many: string; exact?: boolean };

/** What uses a record, in words ("2 queues, tickets"); empty when nothing does. */
export async function usageOf(tx: Tx, checks: Usage[]): Promise<string[]> {
  if (checks.length === 0) return [];
  const [row] = await tx.execute<Record<string, number>>(sql`select ${sql.join(
    checks.map((c, i) => sql`(${c.query})::int as ${sql.identifier(`c${i}`)}`),
    sql`, `,
  )}`);
  return checks.flatMap((c, i) => {
    const n = Number(row?.[`c${i}`] ?? 0);
    if (n === 0) return [];
    if (c.exact === false) return [c.many];
    return [`${n} ${n === 1 ? c.one : c.many}`];
  });
}

/** Usage checks for a table that is too big to count: "some rows" or none. */
export const exists = (query: SQL) => sql`exists (${query})`;

/** Refuses deleting something in use, saying by what and what to do instead. */
export function inUse(what: string, uses: string[]): AppError {
  return new AppError("CONFLICT", "errors.recordInUse", { what, uses: uses.join(", ") });
}

/** `row` without its bookkeeping columns, for audit snapshots. */
export function snapshot<T extends Record<string, unknown>>(row: T, ...omit: string[]): Record<string, unknown> {
  const drop = new Set(["createdAt", "changedAt", "id", ...omit]);
  return Object.fromEntries(Object.entries(row).filter(([k]) => !drop.has(k)));
}

/** Enables or disables a record and audits it; a no-op when it already is. */
export async function setValidity<T extends PgTable & { id: AnyPgColumn; valid: AnyPgColumn; changedAt?: AnyPgColumn }>(
  db: Tx,
  actor: Actor,
  o: { table: T; id: number; valid: boolean; entity: string; what: string; guard?: (row: T["$inferSelect"], tx: Tx) => Promise<void> | void },
) {
  return adminChange(db, { taken: "errors.alreadyExistsDot", config: true }, async (tx) => {
    const row = (await lockById(tx, o.table, o.id, o.what)) as { valid: boolean };
    if (row.valid === o.valid) return { id: o.id, valid: o.valid };
    if (!o.valid) await o.guard?.(row as T["$inferSelect"], tx);
    await tx
      .update(o.table as PgTable)
      .set({ valid: o.valid, ...(o.table.changedAt ? { changedAt: new Date() } : {}) } as never)
      .where(eq(o.table.id, o.id));
    await audit(tx, { actorId: actor.id, action: o.valid ? "enable" : "disable", entity: o.entity, entityId: o.id, before: { valid: row.valid }, after: { valid: o.valid } });
    return { id: o.id, valid: o.valid };
  });
}

/** Deletes a record nothing uses, after `uses` found no reference; audits what it was. */
export async function deleteUnused<T extends PgTable & { id: AnyPgColumn }>(
  db: Tx,
  actor: Actor,
  o: { table: T; id: number; entity: string; what: string; label: (row: T["$inferSelect"]) => string; uses: (row: T["$inferSelect"], tx: Tx) => Usage[]; guard?: (row: T["$inferSelect"], tx: Tx) => Promise<void> | void; omit?: string[] },
) {
  return adminChange(db, { taken: "errors.alreadyExistsDot", config: true }, async (tx) => {
    // The row lock also makes new references wait until we commit (their key-share lock conflicts).
    const row = await lockById(tx, o.table, o.id, o.what);
    await o.guard?.(row, tx);
    const uses = await usageOf(tx, o.uses(row, tx));
    if (uses.length > 0) throw inUse(o.label(row), uses);
    await tx.delete(o.table as PgTable).where(eq(o.table.id, o.id));
    await audit(tx, { actorId: actor.id, action: "delete", entity: o.entity, entityId: o.id, before: snapshot(row as Record<string, unknown>, ...(o.omit ?? [])) });
    return { id: o.id };
  });
}
