import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { AppError } from "@/server/errors";

/**
 * Keyset paging for lists sorted newest first by (timestamp, id) or by (lower(name), id).
 * Cursors are opaque to clients: base64url of the last row's key.
 */

export function timeCursor(at: Date, id: number): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");
}

export function nameCursor(name: string, id: number): string {
  return Buffer.from(JSON.stringify([name.toLowerCase(), id])).toString("base64url");
}

/** Rows older than the cursor in `(at desc, id desc)` order. */
export function olderThan(cursor: string | null | undefined, at: SQLWrapper, id: SQLWrapper): SQL | undefined {
  if (!cursor) return undefined;
  const [iso, n] = decode(cursor, "string");
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) throw stale();
  return sql`(${at}, ${id}) < (${when.toISOString()}::timestamptz, ${n})`;
}

/** Rows after the cursor in `(lower(name) asc, id asc)` order. */
export function afterName(cursor: string | null | undefined, name: SQLWrapper, id: SQLWrapper): SQL | undefined {
  if (!cursor) return undefined;
  const [key, n] = decode(cursor, "string");
  return sql`(lower(${name}), ${id}) > (${key}, ${n})`;
}

/** `limit` rows of a query that fetched `limit + 1`, and the cursor for the next page when there is one. */
export function page<T>(rows: T[], limit: number, cursorOf: (last: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}

/** `lower(column) like '%search%'` for any of the columns (wildcards in the search taken literally). */
export function contains(search: string | undefined, ...columns: SQLWrapper[]): SQL | undefined {
  if (!search) return undefined;
  const pattern = `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`(${sql.join(
    columns.map((c) => sql`lower(coalesce(${c}, '')) like ${pattern}`),
    sql` or `,
  )})`;
}

function decode(cursor: string, kind: "string"): [string, number] {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString()) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === kind && Number.isSafeInteger(value[1])) return value as [string, number];
  } catch {
    // reported below
  }
  throw stale();
}

const stale = () => new AppError("BAD_INPUT", "errors.listPositionStale");
