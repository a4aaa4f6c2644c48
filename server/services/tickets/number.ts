import { sql } from "drizzle-orm";
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
  const day = now.toISOString().slice(0, 10);
  const [row] = await db.execute<{ counter: number }>(sql`
    insert into ticket_number_counters (day, counter) values (${day}, 1)
    on conflict (day) do update set counter = ticket_number_counters.counter + 1
    returning counter`);
  if (!row) throw new Error("ticket counter returned no row");
  return formatTicketNumber(day, systemId, Number(row.counter));
}
