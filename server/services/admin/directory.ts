import { and, eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Tx } from "@/db";
import { users } from "@/db/schema";
import { AppError, type ErrorKey } from "@/server/errors";

/**
 * Shared pieces of the admin directory services (agents, customers, companies, groups, roles,
 * permissions, audit). Every change runs in one transaction together with its audit row.
 */

/** A `like` pattern matching `search` anywhere, with the wildcards in it taken literally. */
export function containsPattern(search: string): string {
  return `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `lower(column) like '%search%'` for any of the columns; undefined when there is no search. */
export function matches(search: string | undefined, ...columns: SQLWrapper[]): SQL | undefined {
  if (!search) return undefined;
  const pattern = containsPattern(search);
  return sql`(${sql.join(
    columns.map((c) => sql`lower(${c}) like ${pattern}`),
    sql` or `,
  )})`;
}

/** Keyset cursors are opaque to clients: a key (text or number) and the row id. */
export function encodeCursor(key: string | number, id: number): string {
  return Buffer.from(JSON.stringify([key, id])).toString("base64url");
}

export function decodeCursor<K extends string | number>(cursor: string, kind: K extends string ? "string" : "number"): [K, number] {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString()) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === kind && Number.isSafeInteger(value[1])) return value as [K, number];
  } catch {
    // fall through to the error below
  }
  throw new AppError("BAD_INPUT", "errors.listPositionStale");
}

/** Pages of `limit` rows from a query that fetched `limit + 1`. */
export function page<T>(rows: T[], limit: number, cursorOf: (last: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}

/** Rows after the cursor in `(lower(name), id)` order. */
export function afterName(cursor: string | null | undefined, nameColumn: SQLWrapper, idColumn: SQLWrapper): SQL | undefined {
  if (!cursor) return undefined;
  const [name, id] = decodeCursor<string>(cursor, "string");
  return sql`(lower(${nameColumn}), ${idColumn}) > (${name}, ${id})`;
}

/** Runs `fn` in a transaction, turning a unique violation into CONFLICT with `conflictMessage`. */
export async function change<T>(db: Tx, conflictMessage: ErrorKey, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction((tx) => fn(tx));
  } catch (error) {
    const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
    if (code === "23505") throw new AppError("CONFLICT", conflictMessage, undefined, { cause: error });
    throw error;
  }
}

export const EMAIL_TAKEN = "errors.emailTaken";

/** A user row of one kind, locked for the change; NOT_FOUND when there is none of that kind. */
export async function lockUser(tx: Tx, id: number, kind: "agent" | "customer") {
  const roles = kind === "agent" ? sql`${users.role} in ('agent', 'admin')` : eq(users.role, "customer");
  const [row] = await tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      enabled: users.enabled,
      approved: users.approved,
      companyId: users.companyId,
      seesCompanyTickets: users.seesCompanyTickets,
      phone: users.phone,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(and(eq(users.id, id), roles))
    .for("update")
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", kind === "agent" ? "errors.notFoundAgent" : "errors.notFoundCustomer");
  return row;
}

/** NOT_FOUND unless the user exists and is of this kind (agent procedures never touch customers, and back). */
export async function requireKind(db: Tx, id: number, kind: "agent" | "customer") {
  const roles = kind === "agent" ? sql`${users.role} in ('agent', 'admin')` : eq(users.role, "customer");
  const [row] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, id), roles)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", kind === "agent" ? "errors.notFoundAgent" : "errors.notFoundCustomer");
}

/** Fields of a user that go into audit snapshots (never the password hash). */
export function userSnapshot(row: { name: string; email: string; role: string; enabled: boolean; approved?: boolean; companyId?: number | null; seesCompanyTickets?: boolean; phone?: string | null }) {
  const { name, email, role, enabled, approved, companyId, seesCompanyTickets, phone } = row;
  return role === "customer" ? { name, email, role, enabled, approved, companyId, seesCompanyTickets, phone } : { name, email, role, enabled };
}

/** The keys whose values differ, for compact audit rows. */
export function changedOnly<T extends Record<string, unknown>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const keys = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return { before: Object.fromEntries(keys.map((k) => [k, before[k]])) as Partial<T>, after: Object.fromEntries(keys.map((k) => [k, after[k]])) as Partial<T> };
}
