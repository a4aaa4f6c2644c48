import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/db";
import { tickets } from "@/db/schema";

/**
 * Every Drizzle statement goes to PostgreSQL as a named prepared statement, parsed once per
 * connection (db/index.ts); transactions use them too. One connection, so the session's
 * pg_prepared_statements shows all of them.
 */
const db = createDb(process.env.DATABASE_URL!, 1);
afterAll(() => db.$client.end());

const prepared = () => db.execute<{ statement: string; calls: string }>(sql`select statement, generic_plans + custom_plans as calls from pg_prepared_statements`);

describe("named prepared statements", () => {
  it("reuses one prepared statement per statement text, inside and outside transactions", async () => {
    for (let id = 1; id <= 3; id++) await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, id));
    await db.transaction(async (tx) => {
      await tx.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, 4));
      await tx.transaction((inner) => inner.select({ number: tickets.number }).from(tickets).where(eq(tickets.id, 5)));
    });
    const rows = await prepared();
    const byId = rows.filter((r) => r.statement === 'select "id" from "tickets" where "tickets"."id" = $1');
    expect(byId).toHaveLength(1);
    expect(Number(byId[0]!.calls)).toBe(4);
    expect(rows.filter((r) => r.statement === 'select "number" from "tickets" where "tickets"."id" = $1')).toHaveLength(1);
  });

  it("keeps the simple protocol for statements without parameters (several in one string)", async () => {
    await db.execute(sql.raw("select 1; select 2"));
    expect((await prepared()).some((r) => r.statement.includes("select 1; select 2"))).toBe(false);
  });
});
