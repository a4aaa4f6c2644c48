import { z } from "zod";
import { knownTimeZone } from "@/server/time/wall-clock";
import { latinDigits } from "@/server/i18n/digits";

// Shared by the calendar admin procedures, their form and the working-time module: no server-only imports.

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The most intervals one weekday may hold, and the most holidays one calendar may hold. */
export const MAX_INTERVALS_PER_DAY = 12;
export const MAX_HOLIDAYS = 500;

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = z.string().trim().overwrite(latinDigits).regex(HH_MM, "Use a time such as 08:00");
/** An end may also be 24:00 (midnight at the end of the day). */
const endTime = z.string().trim().overwrite(latinDigits).regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, "Use a time such as 16:00");

/** Minutes since midnight of "HH:MM" (24:00 → 1440). */
export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * One working interval of a weekday, ["08:00", "16:00"]. An end before the start runs past
 * midnight into the next day (["22:00", "06:00"] on Monday is Monday 22:00 to Tuesday 06:00).
 * The shape only: what makes an interval wrong (start = end, overlaps) is `calendarProblem`'s.
 */
export const intervalSchema = z.tuple([time, endTime]);

/** The interval as minutes from the start of its day: [start, end) with end > start (up to 2880). */
export function intervalMinutes([start, end]: readonly [string, string]): [number, number] {
  const s = minutesOf(start);
  const e = minutesOf(end);
  return [s, e > s ? e : e + 1440];
}

const daySchema = z.array(intervalSchema).max(MAX_INTERVALS_PER_DAY, `Use at most ${MAX_INTERVALS_PER_DAY} intervals a day`).default([]);

export const workingHoursSchema = z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, daySchema])) as Record<Weekday, typeof daySchema>).strict();

export const holidaySchema = z.object({
  /** "YYYY-MM-DD"; a yearly holiday may also be "MM-DD" (only its month and day count). */
  date: z
    .string()
    .trim()
    .overwrite(latinDigits)
    .regex(/^(\d{4}-)?\d{2}-\d{2}$/, "Use a date such as 2026-12-25"),
  name: z.string().trim().min(1, "Enter the holiday's name").max(200, "Use at most 200 characters"),
  recurring: z.boolean().default(false),
});

export const holidaysSchema = z.array(holidaySchema).max(MAX_HOLIDAYS, `Use at most ${MAX_HOLIDAYS} holidays`).default([]);

export const timeZoneSchema = z.string().trim().min(1, "Choose a time zone").max(100);

/** The calendar fields the admin edits; `calendarProblem` then says what is wrong in words the catalog has. */
export const calendarFields = { timeZone: timeZoneSchema, workingHours: workingHoursSchema, holidays: holidaysSchema };

/**
 * A calendar's working hours and holidays, fully checked: the shape, then `calendarProblem`
 * (its issue's message is the catalog key, its params the key's parameters).
 */
export const workingCalendarSchema = z.object(calendarFields).superRefine((cal, ctx) => {
  const problem = calendarProblem(cal);
  if (problem) ctx.addIssue({ code: "custom", message: problem.key, params: problem.params, path: problem.path });
});

/** What is wrong with a calendar, as an `errors.*` catalog key, its parameters and the field's path; null when nothing is. */
export type CalendarProblem = { key: "errors.calendarTimeZone" | "errors.calendarEmptyInterval" | "errors.calendarOverlap" | "errors.calendarOverlapNight" | "errors.calendarNoHours" | "errors.calendarHolidayDate"; params: Record<string, string>; path: (string | number)[] };

export function calendarProblem(cal: { timeZone: string; workingHours: Partial<Record<Weekday, ReadonlyArray<readonly [string, string]>>>; holidays: ReadonlyArray<{ date: string; name: string; recurring?: boolean }> }): CalendarProblem | null {
  if (knownTimeZone(cal.timeZone) !== cal.timeZone) return { key: "errors.calendarTimeZone", params: { zone: cal.timeZone }, path: ["timeZone"] };
  for (const day of WEEKDAYS) {
    const intervals = cal.workingHours[day] ?? [];
    for (const [i, [start, end]] of intervals.entries()) {
      if (minutesOf(start) === minutesOf(end) % 1440 && end !== "24:00") return { key: "errors.calendarEmptyInterval", params: { day, start }, path: ["workingHours", day, i] };
    }
    const ranges = intervals.map((iv) => ({ iv, r: intervalMinutes(iv) })).sort((a, b) => a.r[0] - b.r[0]);
    for (let i = 1; i < ranges.length; i++) {
      const [a, b] = [ranges[i - 1]!, ranges[i]!];
      if (b.r[0] < a.r[1]) return { key: "errors.calendarOverlap", params: { day, first: `${a.iv[0]}–${a.iv[1]}`, second: `${b.iv[0]}–${b.iv[1]}` }, path: ["workingHours", day] };
    }
  }
  for (const [i, day] of WEEKDAYS.entries()) {
    const next = WEEKDAYS[(i + 1) % 7]!;
    for (const night of cal.workingHours[day] ?? []) {
      const overflow = intervalMinutes(night)[1] - 1440;
      const hit = overflow > 0 && (cal.workingHours[next] ?? []).find((iv) => minutesOf(iv[0]) < overflow);
      if (hit) return { key: "errors.calendarOverlapNight", params: { day, next, first: `${night[0]}–${night[1]}`, second: `${hit[0]}–${hit[1]}` }, path: ["workingHours", next] };
    }
  }
  if (WEEKDAYS.every((d) => (cal.workingHours[d] ?? []).length === 0)) return { key: "errors.calendarNoHours", params: {}, path: ["workingHours"] };
  for (const [i, h] of cal.holidays.entries()) {
    if (!(isCalendarDate(h.date) || (h.recurring && isMonthDay(h.date)))) return { key: "errors.calendarHolidayDate", params: { name: h.name, date: h.date }, path: ["holidays", i, "date"] };
  }
  return null;
}

export type Holiday = z.input<typeof holidaySchema>;
export type WorkingCalendarInput = z.input<typeof workingCalendarSchema>;
export type WorkingHours = Partial<Record<Weekday, ReadonlyArray<readonly [string, string]>>>;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAY = /^(\d{2})-(\d{2})$/;

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

// The calendar admin's inputs --------------------------------------------------------------

const calendarName = z.string().trim().min(1, "Enter a name").max(200, "Use at most 200 characters");
const calendarId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const createCalendarInput = z.object({ name: calendarName, ...calendarFields });
export const updateCalendarInput = z.object({ id: calendarId, name: calendarName, ...calendarFields });
export type CalendarInput = z.input<typeof createCalendarInput>;

/** A country's public holidays of one year, from the holiday library. */
export const holidayImportInput = z.object({
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Choose a country"),
  year: z.coerce.number().int("Use a year such as 2026").min(1970, "Use a year from 1970 to 2200").max(2200, "Use a year from 1970 to 2200"),
});
