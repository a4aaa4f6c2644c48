import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { AppError } from "@/server/errors";

/**
 * The one keyset-paging codec of every list (admin, workspace, search, notifications). A cursor
 * is opaque to clients: base64url of `[key, id]` of the last row shown, where the key is the
 * sort value (a name, a time, a number, or null for "no value" sorts).
 */

export type CursorKey = string | number | Date | null;
/** What a decoded key must be: text, an integer, any finite number, a time; `nullable` also admits null. */
export type KeyKind = "string" | "integer" | "number" | "time";
type Decoded<K extends KeyKind> = K extends "string" ? string : K extends "time" ? Date : number;

export function encodeCursor(key: CursorKey, id: number): string {
  return Buffer.from(JSON.stringify([key instanceof Date ? key.toISOString() : key, id])).toString("base64url");
}

export function decodeCursor<K extends KeyKind>(cursor: string, kind: K): [Decoded<K>, number];
export function decodeCursor<K extends KeyKind>(cursor: string, kind: K, nullable: true): [Decoded<K> | null, number];
export function decodeCursor(cursor: string, kind: KeyKind, nullable = false): [CursorKey, number] {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString());
  } catch {
    value = undefined;
  }
  if (Array.isArray(value) && value.length === 2 && Number.isSafeInteger(value[1])) {
    const [key, id] = value as [unknown, number];
    if (key === null && nullable) return [null, id];
    if (kind === "string" && typeof key === "string") return [key, id];
    if (kind === "integer" && Number.isSafeInteger(key)) return [key as number, id];
    if (kind === "number" && typeof key === "number" && Number.isFinite(key)) return [key, id];
    if (kind === "time" && typeof key === "string" && !Number.isNaN(new Date(key).getTime())) return [new Date(key), id];
  }
  throw new AppError("BAD_INPUT", "errors.listPositionStale");
}

export const timeCursor = (at: Date, id: number) => encodeCursor(at, id);
export const nameCursor = (name: string, id: number) => encodeCursor(name.toLowerCase(), id);

/**
 * Rows after the cursor's `(key, id)` in a list ordered by `(key, id)` both ascending or both
 * descending: the row-value comparison an index on `(key, id)` serves.
 */
export function afterKey(cursor: string | null | undefined, kind: KeyKind, key: SQLWrapper, id: SQLWrapper, order: "asc" | "desc" = "asc"): SQL | undefined {
  if (!cursor) return undefined;
  const [value, n] = decodeCursor(cursor, kind);
  const v = value instanceof Date ? sql`${value.toISOString()}::timestamptz` : sql`${value}`;
  return order === "asc" ? sql`(${key}, ${id}) > (${v}, ${n})` : sql`(${key}, ${id}) < (${v}, ${n})`;
}

/** Rows older than the cursor in `(at desc, id desc)` order. */
export function olderThan(cursor: string | null | undefined, at: SQLWrapper, id: SQLWrapper): SQL | undefined {
  return afterKey(cursor, "time", at, id, "desc");
}

/** Rows after the cursor in `(lower(name) asc, id asc)` order. */
export function afterName(cursor: string | null | undefined, name: SQLWrapper, id: SQLWrapper): SQL | undefined {
  return afterKey(cursor, "string", sql`lower(${name})`, id);
}

/** `limit` rows of a query that fetched `limit + 1`, and the cursor for the next page when there is one. */
export function page<T>(rows: T[], limit: number, cursorOf: (last: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}

/** A `like` pattern matching `search` anywhere, with the wildcards in it taken literally. */
export function containsPattern(search: string): string {
  return `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `lower(column) like '%search%'` for any of the columns; undefined when there is no search. */
export function contains(search: string | undefined, ...columns: SQLWrapper[]): SQL | undefined {
  if (!search) return undefined;
  const pattern = containsPattern(search);
  return sql`(${sql.join(
    columns.map((c) => sql`lower(coalesce(${c}, '')) like ${pattern}`),
    sql` or `,
  )})`;
}
