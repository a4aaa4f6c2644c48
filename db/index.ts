import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/server/env";
import * as schema from "./schema";
import { relations } from "./relations";

export type Schema = typeof schema;
export type Db = PostgresJsDatabase<Schema> & { $client: postgres.Sql };
/** A database handle or an open transaction: services take either. */
export type Tx = Pick<Db, "select" | "insert" | "update" | "delete" | "execute" | "transaction" | "query" | "selectDistinct" | "selectDistinctOn" | "$count">;

export function createDb(url: string, max = 10, applicationName?: string): Db {
  const client = postgres(url, {
    max,
    onnotice: () => {},
    connect_timeout: 10,
    idle_timeout: 30,
    connection: { application_name: applicationName ?? process.env.HELPDESK_PROCESS ?? "helpdesk" },
  });
  return drizzle({ client, schema: { ...schema, ...relations }, casing: "snake_case" }) as unknown as Db;
}

const globalForDb = globalThis as unknown as { helpdeskDb?: Db };

/** The process-wide pool, created on first use so that builds and imports never connect. */
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    globalForDb.helpdeskDb ??= createDb(env().DATABASE_URL, env().DB_POOL_SIZE);
    const value = Reflect.get(globalForDb.helpdeskDb, prop);
    // `$client` is postgres.js's tagged-template function with properties (end, …): hand it over as is.
    return typeof value === "function" && prop !== "$client" ? value.bind(globalForDb.helpdeskDb) : value;
  },
});

export { schema };
