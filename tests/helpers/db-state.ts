import { count, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { articles, ticketHistory, tickets } from "@/db/schema";

let tableNames: string[] | undefined;

/**
 * Row counts of every table in the desk's schema (and pg-boss's job table when installed),
 * in one round trip: a refused call must leave every one of them unchanged.
 */
export async function tableCounts(): Promise<Record<string, number>> {
  tableNames ??= (
    await db.execute<{ name: string }>(sql`
      select format('%I.%I', table_schema, table_name) as name from information_schema.tables
      where table_type = 'BASE TABLE' and (table_schema = 'public' or (table_schema = 'pgboss' and table_name = 'job'))
      order by 1`)
  ).map((r) => r.name);
  const selects = tableNames.map((name, i) => `(select count(*) from ${name})::int as c${i}`).join(", ");
  const [row] = await db.execute<Record<string, number>>(sql.raw(`select ${selects}`));
  return Object.fromEntries(tableNames.map((name, i) => [name, Number(row?.[`c${i}`])]));
}

/** What a change to one ticket leaves behind: its row's version and its articles and history. */
export async function ticketFootprint(ticketId: number) {
  const [[ticket], [a], [h]] = await Promise.all([
    db.select({ version: tickets.version, changedAt: tickets.changedAt, stateId: tickets.stateId, queueId: tickets.queueId, ownerId: tickets.ownerId, locked: tickets.locked, priorityId: tickets.priorityId }).from(tickets).where(eq(tickets.id, ticketId)),
    db.select({ n: count() }).from(articles).where(eq(articles.ticketId, ticketId)),
    db.select({ n: count() }).from(ticketHistory).where(eq(ticketHistory.ticketId, ticketId)),
  ]);
  return { ticket, articles: a?.n ?? 0, history: h?.n ?? 0 };
}
