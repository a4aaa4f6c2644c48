import { randomUUID } from "node:crypto";
import { db } from "@/db";
import * as s from "@/db/schema";

/** An SLA row (24/7 unless a calendar is given), optionally applying to services. */
export async function createSla(values: Partial<typeof s.slas.$inferInsert> = {}, serviceIds: number[] = []) {
  const [row] = await db.insert(s.slas).values({ name: `SLA ${randomUUID().slice(0, 8)}`, firstResponseMinutes: 60, updateMinutes: 120, solutionMinutes: 480, warnPercent: 80, ...values }).returning();
  if (serviceIds.length) await db.insert(s.slaServices).values(serviceIds.map((serviceId) => ({ slaId: row!.id, serviceId })));
  return row!;
}

/** Monday to Friday (or every day), these hours (08:00–16:00) in `timeZone`, no holidays. */
export async function createCalendar(timeZone = "UTC", hours: [string, string][] = [["08:00", "16:00"]], everyDay = false) {
  const day = hours;
  const weekend = everyDay ? day : [];
  const [row] = await db
    .insert(s.calendars)
    .values({ name: `Calendar ${randomUUID().slice(0, 8)}`, timeZone, workingHours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: weekend, sun: weekend }, holidays: [] })
    .returning();
  return row!;
}

export async function createService() {
  const [row] = await db.insert(s.services).values({ name: `Service ${randomUUID().slice(0, 8)}` }).returning();
  return row!;
}

export const minutes = (n: number) => n * 60_000;
