import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { CLIENT_OPTIONS, createDb } from "@/db";

/**
 * postgres.js 3.4 reserves a transaction's connection in a hook that runs only while the
 * connection still has pipeline room: when BEGIN is the statement that fills a busy connection's
 * pipeline (`max_pipeline`, 100 by default), BEGIN reaches PostgreSQL but the connection is not
 * reserved — the transaction fails with UNSAFE_TRANSACTION and later statements of other
 * requests may run inside it (porsager/postgres#823, #1189). Under load that happened to a ticket
 * search. db/index.ts lifts the pipeline limit so the hook always runs.
 */
const url = process.env.DATABASE_URL!;

/**
 * Two open connections: the first two statements take one each, the rest queue on one of them
 * in order; after 102 statements BEGIN arrives as its pipeline's 100th (found by trying 98–202).
 */
async function beginOnAFullPipeline(sql: postgres.Sql) {
  await Promise.all([sql`select pg_sleep(0.05)`, sql`select pg_sleep(0.05)`]);
  // execute() sends each now, in this order (a query otherwise starts when first awaited).
  const queued = Array.from({ length: 102 }, (_, i) => sql`select ${i}::int as i, pg_sleep(0.0005)`.execute());
  const tx = sql.begin((t) => t`select txid_current() as x`);
  const settled = await Promise.allSettled([...queued, tx]);
  return settled.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason?.code ?? (r as PromiseRejectedResult).reason));
}

describe("a transaction that starts when a connection's pipeline is full", () => {
  const clients: postgres.Sql[] = [];
  afterAll(() => Promise.all(clients.map((c) => c.end())));
  const client = (options: postgres.Options<Record<string, postgres.PostgresType>>) => {
    const c = postgres(url, options);
    clients.push(c);
    return c;
  };

  it("fails with the driver's default pipeline limit (the bug this guards against)", async () => {
    expect(await beginOnAFullPipeline(client({ max: 2, onnotice: () => {} }))).toContain("UNSAFE_TRANSACTION");
  });

  it("runs on its own connection with the desk's client options", async () => {
    expect(await beginOnAFullPipeline(client({ max: 2, ...CLIENT_OPTIONS }))).toEqual([]);
  });

  it("the desk's database handle is made with those options", async () => {
    const db = createDb(url, 2);
    expect((db.$client.options as { max_pipeline?: number }).max_pipeline).toBe(CLIENT_OPTIONS.max_pipeline);
    await db.$client.end();
  });
});
