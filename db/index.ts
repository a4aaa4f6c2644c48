import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/server/env";
import * as schema from "./schema";
import { relations } from "./relations";

export type Schema = typeof schema;
export type Db = PostgresJsDatabase<Schema> & { $client: postgres.Sql };
/** A database handle or an open transaction: services take either. */
export type Tx = Pick<Db, "select" | "insert" | "update" | "delete" | "execute" | "transaction" | "query" | "selectDistinct" | "selectDistinctOn" | "$count">;

/**
 * `max_pipeline` lifted: postgres.js 3.4 reserves a transaction's connection in a hook it skips
 * when BEGIN is the statement that fills a connection's pipeline (100 by default), so under load
 * a transaction failed with UNSAFE_TRANSACTION and its connection went back to the pool with the
 * transaction open (porsager/postgres#823, #1189; 3.4.10 still has it). Without a limit the hook
 * always runs (tests/integration/transaction-pipeline.test.ts). Connections idle for 10 s close:
 * a burst (the worker's batches, a report's parallel queries) opens up to the pool size, and each
 * idle backend holds 5–6 MB of PostgreSQL's memory; a busy desk keeps its connections.
 */
export const CLIENT_OPTIONS = { onnotice: () => {}, connect_timeout: 10, idle_timeout: 10, max_pipeline: Number.MAX_SAFE_INTEGER } as const;

export function createDb(url: string, max = 10, applicationName?: string): Db {
  const client = preparing(postgres(url, {
    max,
    ...CLIENT_OPTIONS,
    connection: { application_name: applicationName ?? process.env.HELPDESK_PROCESS ?? "helpdesk" },
  }));
  return drizzle({ client, schema: { ...schema, ...relations }, casing: "snake_case" }) as unknown as Db;
}

/**
 * Drizzle sends every statement unnamed (prepare: false), so PostgreSQL plans it on every call; for
 * the workspace's queries planning costs far more than running them (the queue view: 7.6 ms
 * against 0.4 ms). Sent as named prepared statements (postgres.js keeps one per statement text and
 * connection), each is parsed once per connection, and PostgreSQL switches to a generic plan
 * after five calls where that plan is not costlier. Forcing generic plans everywhere
 * (plan_cache_mode=force_generic_plan) was measured and rejected: the dashboard sends
 * `archived = false` as a parameter, so its generic plans cannot use the partial indexes, and its
 * statements took 1.3–2 s each on the 1M desk. Drizzle's statement
 * texts are stable (values are parameters; the few literals, such as state types, come from fixed
 * lists), so the number of statements per connection stays bounded. Statements without
 * parameters keep the simple protocol (several statements in one string, as migrations send).
 */
function preparing(sql: postgres.Sql): postgres.Sql {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === "unsafe") {
        return (query: string, args?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, args, { ...options, prepare: true });
      }
      // Transactions and savepoints hand their callback a connection-bound `sql` of their own.
      if (prop === "begin" || prop === "savepoint") {
        return (...args: unknown[]) => {
          const callback = args.pop() as (tx: postgres.Sql) => unknown;
          return (Reflect.get(target, prop) as (...a: unknown[]) => unknown)(...args, (tx: postgres.Sql) => callback(preparing(tx)));
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

const builtOn = new WeakMap<object, Map<string, unknown>>();

/**
 * A statement built once per database handle (Drizzle's `.prepare()` with placeholders), for the
 * few that run on nearly every request: building a select with its columns and joins costs the
 * web process more than PostgreSQL spends running it. A transaction is a new handle each time,
 * so there the statement is simply built again.
 */
export function builtOnce<T>(db: Tx, name: string, build: () => T): T {
  let statements = builtOn.get(db);
  if (!statements) builtOn.set(db, (statements = new Map()));
  if (!statements.has(name)) statements.set(name, build());
  return statements.get(name) as T;
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
