import { describe, expect, it } from "vitest";
import { calendarProblem, workingCalendarSchema } from "@/server/schemas/calendars";

type Cal = Parameters<typeof calendarProblem>[0];
const base = { timeZone: "Europe/Warsaw", workingHours: { mon: [["08:00", "16:00"]] as [string, string][] }, holidays: [] as { date: string; name: string; recurring: boolean }[] };

const cases: [string, Cal, string | null][] = [
  ["a good calendar", base, null],
  ["a night shift and 24:00", { ...base, workingHours: { mon: [["22:00", "06:00"]], tue: [["18:00", "24:00"]] } }, null],
  ["a whole day, 00:00–24:00", { ...base, workingHours: { sun: [["00:00", "24:00"]] } }, null],
  ["yearly 02-29 and a one-off full date", { ...base, holidays: [{ date: "02-29", name: "Leap", recurring: true }, { date: "2026-11-11", name: "Once", recurring: false }] }, null],
  ["an unknown zone", { ...base, timeZone: "Mars/Olympus" }, "errors.calendarTimeZone"],
  ["start = end", { ...base, workingHours: { tue: [["09:00", "09:00"]] } }, "errors.calendarEmptyInterval"],
  ["00:00–00:00", { ...base, workingHours: { tue: [["00:00", "00:00"]] } }, "errors.calendarEmptyInterval"],
  ["two intervals of a day overlap", { ...base, workingHours: { wed: [["13:00", "17:00"], ["08:00", "13:30"]] } }, "errors.calendarOverlap"],
  ["touching intervals are fine", { ...base, workingHours: { wed: [["08:00", "12:00"], ["12:00", "16:00"]] } }, null],
  ["a night shift runs into the next day's hours", { ...base, workingHours: { sun: [["20:00", "02:00"]], mon: [["01:00", "05:00"]] } }, "errors.calendarOverlapNight"],
  ["no working hours", { ...base, workingHours: {} }, "errors.calendarNoHours"],
  ["30 February", { ...base, holidays: [{ date: "2026-02-30", name: "Nope", recurring: false }] }, "errors.calendarHolidayDate"],
  ["a month-day that is not yearly", { ...base, holidays: [{ date: "12-25", name: "Christmas", recurring: false }] }, "errors.calendarHolidayDate"],
];

describe("what makes a calendar unusable", () => {
  it.each(cases)("%s", (_, cal, key) => {
    expect(calendarProblem(cal)?.key ?? null).toBe(key);
  });

  it("the zod schema refuses malformed times and reports a problem by its catalog key", () => {
    expect(workingCalendarSchema.safeParse({ ...base, workingHours: { mon: [["8:00", "16:00"]] } }).success).toBe(false);
    expect(workingCalendarSchema.safeParse({ ...base, workingHours: { mon: [["08:00", "24:30"]] } }).success).toBe(false);
    expect(workingCalendarSchema.safeParse({ ...base, workingHours: { monday: [["08:00", "16:00"]] } }).success).toBe(false);
    const result = workingCalendarSchema.safeParse({ ...base, workingHours: {} });
    expect(result.success ? null : result.error.issues[0]?.message).toBe("errors.calendarNoHours");
    expect(workingCalendarSchema.parse(base)).toMatchObject({ workingHours: { mon: [["08:00", "16:00"]], sun: [] }, holidays: [] });
  });
});
