import { Column, is, Placeholder, SQL, Subquery } from "drizzle-orm";
import type { PgDialect } from "drizzle-orm/pg-core";
import type postgres from "postgres";
import type { Tx } from "@/db";

/**
 * A select whose shape varies with its filters (the queue view's), built by Drizzle once per
 * shape instead of on every request: Drizzle rendering the columns, joins and order of the list
 * statement, and mapping its rows field by field, cost the web process more than PostgreSQL
 * spends running it. Per request only the `where` is rendered (its text is the shape's key, its
 * parameters the request's values); the statement around it, and each column's decoder, come
 * from the first request of that shape. The statement's text and parameters are exactly what
 * Drizzle would send (tests/integration/list-statement.test.ts compares them over many inputs),
 * and the rows are decoded by the same decoders Drizzle uses.
 *
 * `name` must name everything `build` puts around the `where` (the list's sort and direction):
 * two calls with the same name and the same `where` text must build the same statement. `build`
 * ends in `.limit(sql.placeholder("limit"))`.
 */
export async function selectByShape<Q extends { prepare(name: string): { execute(values: { limit: number }): Promise<unknown[]> } }>(
  db: Tx,
  name: string,
  where: SQL,
  limit: number,
  build: (where: SQL) => Q,
): Promise<Awaited<ReturnType<ReturnType<Q["prepare"]>["execute"]>>> {
  type Rows = Awaited<ReturnType<ReturnType<Q["prepare"]>["execute"]>>;
  const { shape, params } = statementFor(db, name, where, build);
  // A statement this module cannot take apart safely: Drizzle builds and runs it as always.
  if (!shape) return (await build(where).prepare(name).execute({ limit })) as Rows;
  const { keys, decoders } = shape;
  const raw = await (db as unknown as Internals).session.client.unsafe(shape.text, [...(params as postgres.ParameterOrJSON<never>[]), limit], { prepare: true }).values();
  const rows = new Array<Record<string, unknown>>(raw.length);
  for (let r = 0; r < raw.length; r++) {
    const values = raw[r]!;
    const row: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const value = values[i];
      row[keys[i]!] = value === null ? null : decoders[i]!.mapFromDriverValue(value);
    }
    rows[r] = row;
  }
  return rows as Rows;
}

/** The statement of this `where`'s shape (null: Drizzle runs it as always) and the `where`'s parameters. */
export function statementFor(db: Tx, name: string, where: SQL, build: (where: SQL) => { prepare(name: string): unknown }): { shape: Shape; params: unknown[] } {
  const { sql: whereText, params } = (db as unknown as Internals).dialect.sqlToQuery(where);
  const key = `${name}\n${whereText}`;
  let shape = shapes.get(key);
  if (shape === undefined) {
    shape = describe(build(where).prepare(name) as Prepared, whereText, params);
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shapes.set(key, shape);
  }
  return { shape, params };
}

type Decoder = { mapFromDriverValue(value: unknown): unknown };
type Shape = { text: string; keys: string[]; decoders: Decoder[] } | null;
type Prepared = { queryString: string; params: unknown[]; fields?: { path: string[]; field: unknown }[] };
type Internals = { dialect: PgDialect; session: { client: postgres.Sql } };

/** Shapes seen by this process; a desk has a few dozen (sorts × directions × filter sets), the cap only guards against misuse. */
const shapes = new Map<string, Shape>();
const MAX_SHAPES = 500;

/**
 * The statement's text and its columns' keys and decoders, if the statement is the `where`
 * verbatim (no parameter before it, so its numbering is the same) followed by nothing but the
 * limit's placeholder, and every column is a flat key (no nested objects, which Drizzle
 * nullifies by join).
 */
function describe(prepared: Prepared, whereText: string, whereParams: unknown[]): Shape {
  const { queryString, params, fields } = prepared;
  if (!fields || !queryString.includes(` where ${whereText} `) || params.length !== whereParams.length + 1) return null;
  if (!isPlaceholder(params.at(-1), "limit") || params.some((p, i) => i < whereParams.length && p !== whereParams[i])) return null;
  if (fields.some((f) => f.path.length !== 1)) return null;
  return { text: queryString, keys: fields.map((f) => f.path[0]!), decoders: fields.map((f) => decoderOf(f.field)) };
}

/** As Drizzle's mapResultRow picks a field's decoder. */
function decoderOf(field: unknown): Decoder {
  const decoder = (sql: unknown) => (sql as { decoder: Decoder }).decoder;
  if (is(field, Column)) return field;
  if (is(field, SQL)) return decoder(field);
  if (is(field, Subquery)) return decoder((field._ as unknown as { sql: SQL }).sql);
  return decoder((field as SQL.Aliased).sql);
}

const isPlaceholder = (value: unknown, name: string) => is(value, Placeholder) && value.name === name;
