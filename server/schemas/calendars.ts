import { z } from "zod";
import { knownTimeZone } from "@/server/time/wall-clock";

// Shared by the calendar admin procedures, their form and the working-time module: no server-only imports.

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The most intervals one weekday may hold, and the most holidays one calendar may hold. */
export const MAX_INTERVALS_PER_DAY = 12;
export const MAX_HOLIDAYS = 500;

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = z.string().trim().regex(HH_MM, "Use a time such as 08:00");
/** An end may also be 24:00 (midnight at the end of the day). */
const endTime = z.string().trim().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, "Use a time such as 16:00");

/** Minutes since midnight of "HH:MM" (24:00 → 1440). */
export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * One working interval of a weekday, ["08:00", "16:00"]. An end at or before the start runs past
 * midnight into the next day (["22:00", "06:00"] on Monday is Monday 22:00 to Tuesday 06:00).
 */
export const intervalSchema = z
  .tuple([time, endTime])
  .refine(([start, end]) => minutesOf(start) !== minutesOf(end) % 1440 || end === "24:00", "The start and the end of an interval must differ");

/** The interval as minutes from the start of its day: [start, end) with end > start (up to 2880). */
export function intervalMinutes([start, end]: readonly [string, string]): [number, number] {
  const s = minutesOf(start);
  const e = minutesOf(end);
  return [s, e > s ? e : e + 1440];
}

const daySchema = z
  .array(intervalSchema)
  .max(MAX_INTERVALS_PER_DAY, `Use at most ${MAX_INTERVALS_PER_DAY} intervals a day`)
  .default([])
  .refine((intervals) => !overlaps(intervals.map(intervalMinutes)), "The intervals of a day must not overlap");

export const workingHoursSchema = z
  .object(Object.fromEntries(WEEKDAYS.map((d) => [d, daySchema])) as Record<Weekday, typeof daySchema>)
  .strict()
  .refine((hours) => WEEKDAYS.some((d) => hours[d].length > 0), "Give at least one working interval");

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAY = /^(\d{2})-(\d{2})$/;

export const holidaySchema = z
  .object({
    /** "YYYY-MM-DD"; a yearly holiday may also be "MM-DD" (only its month and day count). */
    date: z.string().trim(),
    name: z.string().trim().min(1, "Enter the holiday's name").max(200, "Use at most 200 characters"),
    recurring: z.boolean().default(false),
  })
  .refine((h) => isCalendarDate(h.date) || (h.recurring && isMonthDay(h.date)), { message: "Use a date such as 2026-12-25", path: ["date"] });

export const holidaysSchema = z.array(holidaySchema).max(MAX_HOLIDAYS, `Use at most ${MAX_HOLIDAYS} holidays`).default([]);

export const timeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((zone) => knownTimeZone(zone) === zone, "Choose a time zone");

/** What the working-time arithmetic needs of a calendar (a `calendars` row fits). */
export const workingCalendarSchema = z.object({ timeZone: timeZoneSchema, workingHours: workingHoursSchema, holidays: holidaysSchema });

export type Holiday = z.input<typeof holidaySchema>;
export type WorkingHours = Partial<Record<Weekday, ReadonlyArray<readonly [string, string]>>>;

function overlaps(ranges: [number, number][]): boolean {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  return sorted.some((r, i) => i > 0 && r[0] < sorted[i - 1][1]);
}

function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function isMonthDay(value: string): boolean {
  const m = MONTH_DAY.exec(value);
  // 2000 is a leap year, so 02-29 is a month-day that exists.
  return !!m && isCalendarDate(`2000-${m[1]}-${m[2]}`);
}
