import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "@/db";

/** OTRS date-checksum check digit: weights 1,2,1,2… from the left, 10 - sum mod 10, 10 written as 1. */
export function checkDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 2);
  const d = 10 - (sum % 10);
  return d === 10 ? 1 : d;
}

export function formatTicketNumber(day: string, systemId: string, counter: number): string {
  const base = `${day.replaceAll("-", "")}${systemId.padStart(2, "0").slice(-2)}${String(counter).padStart(5, "0")}`;
  return base + checkDigit(base);
}

export function isValidTicketNumber(value: string): boolean {
  return /^\d{16,}$/.test(value) && checkDigit(value.slice(0, -1)) === Number(value.slice(-1));
}

/**
 * Next number for today (UTC). The counter row is bumped by one statement on the pool,
 * not inside the caller's transaction, so ingest never holds this row locked; a rolled-back
 * ticket leaves a gap, which is fine.
 */
export async function nextTicketNumber(db: Tx, systemId: string, now = new Date()): Promise<string> {
  const number = await nextTicketNumberIf(db, systemId, null, now);
  if (number === null) throw new Error("ticket counter returned no row");
  return number;
}

/**
 * The next number, drawn only when `admit` (a statement returning a row when it admits the new
 * ticket, such as a rate limit's slot) returns one, in the same statement; null when refused.
 */
export async function nextTicketNumberIf(db: Tx, systemId: string, admit: SQL | null, now = new Date()): Promise<string | null> {
  const day = now.toISOString().slice(0, 10);
  const draw = admit
    ? sql`with admitted as (${admit}) insert into ticket_number_counters (day, counter) select ${day}, 1 where exists (select 1 from admitted)`
    : sql`insert into ticket_number_counters (day, counter) values (${day}, 1)`;
  const [row] = await db.execute<{ counter: number }>(sql`
    ${draw}
    on conflict (day) do update set counter = ticket_number_counters.counter + 1
    returning counter`);
  return row ? formatTicketNumber(day, systemId, Number(row.counter)) : null;
}
