import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addWorkingMinutes, isWorkingTime, nextWorkingTime, workingMinutesBetween, WorkingCalendarError, type WorkingCalendar } from "@/server/services/sla/working-time";
import type { WorkingHours } from "@/server/schemas/calendars";

// Instants are written with explicit offsets (parsed by Date, not by Intl), so the expectations do
// not lean on the time-zone code under test.
const at = (iso: string) => new Date(iso);
type Iv = [string, string][];
const cal = (timeZone: string, workingHours: WorkingHours, holidays: WorkingCalendar["holidays"] = []): WorkingCalendar => ({ timeZone, workingHours, holidays });
const weekdays = (iv: Iv): WorkingHours => ({ mon: iv, tue: iv, wed: iv, thu: iv, fri: iv });
const everyDay = (iv: Iv): WorkingHours => ({ ...weekdays(iv), sat: iv, sun: iv });

const office = (zone: string) => cal(zone, weekdays([["08:00", "16:00"]]));
const allDay = (zone: string) => cal(zone, everyDay([["00:00", "24:00"]]));
const nights = (zone: string, holidays: WorkingCalendar["holidays"] = []) => cal(zone, everyDay([["22:00", "06:00"]]), holidays);
const sundays = (zone: string, iv: Iv) => cal(zone, { sun: iv });
const split = (zone: string) => cal(zone, weekdays([["08:00", "12:00"], ["13:00", "17:00"]]));
const tehran = cal("Asia/Tehran", { sat: [["08:00", "16:00"]], sun: [["08:00", "16:00"]], mon: [["08:00", "16:00"]], tue: [["08:00", "16:00"]], wed: [["08:00", "16:00"]] });
const holidays = cal("Europe/Warsaw", weekdays([["08:00", "16:00"]]), [
  { date: "2026-11-11", name: "Independence Day (this year only)", recurring: false },
  { date: "12-25", name: "Christmas", recurring: true },
  { date: "2020-12-26", name: "Boxing Day", recurring: true },
]);

type Case =
  | { name: string; cal: WorkingCalendar; add: [string, number]; expect: string }
  | { name: string; cal: WorkingCalendar; between: [string, string]; expect: number }
  | { name: string; cal: WorkingCalendar; working: string; expect: boolean }
  | { name: string; cal: WorkingCalendar; next: string; expect: string };

const cases: Case[] = [
  // Europe/Warsaw: spring forward 29 Mar 2026 02:00→03:00, fall back 25 Oct 2026 03:00→02:00.
  { name: "Warsaw office: Friday's last 30 minutes, then Monday after spring forward", cal: office("Europe/Warsaw"), add: ["2026-03-27T15:30+01:00", 60], expect: "2026-03-30T08:30+02:00" },
  { name: "Warsaw office: between across spring forward", cal: office("Europe/Warsaw"), between: ["2026-03-27T12:00+01:00", "2026-03-30T12:00+02:00"], expect: 480 },
  { name: "Warsaw office: Friday to Monday across fall back", cal: office("Europe/Warsaw"), add: ["2026-10-23T15:00+02:00", 120], expect: "2026-10-26T09:00+01:00" },
  { name: "Warsaw office: two whole days across fall back", cal: office("Europe/Warsaw"), between: ["2026-10-23T08:00+02:00", "2026-10-26T16:00+01:00"], expect: 960 },
  { name: "Warsaw round the clock: the spring-forward day has 23 hours", cal: allDay("Europe/Warsaw"), between: ["2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00"], expect: 1380 },
  { name: "Warsaw round the clock: the fall-back day has 25 hours", cal: allDay("Europe/Warsaw"), between: ["2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00"], expect: 1500 },
  { name: "Warsaw 02:00–04:00 on the spring-forward night is one real hour", cal: sundays("Europe/Warsaw", [["02:00", "04:00"]]), between: ["2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00"], expect: 60 },
  { name: "Warsaw: a skipped start time begins at the change (03:00 CEST)", cal: sundays("Europe/Warsaw", [["02:00", "04:00"]]), next: "2026-03-29T01:30+01:00", expect: "2026-03-29T03:00+02:00" },
  { name: "Warsaw: not working just before the skipped hour", cal: sundays("Europe/Warsaw", [["02:00", "04:00"]]), working: "2026-03-29T01:59:59+01:00", expect: false },
  { name: "Warsaw: working from the instant of the change", cal: sundays("Europe/Warsaw", [["02:00", "04:00"]]), working: "2026-03-29T03:00+02:00", expect: true },
  { name: "Warsaw: a skipped 02:30 start, 30 minutes in", cal: sundays("Europe/Warsaw", [["02:30", "05:00"]]), add: ["2026-03-28T12:00+01:00", 30], expect: "2026-03-29T03:30+02:00" },
  { name: "Warsaw 01:00–04:00 on the fall-back night is four real hours", cal: sundays("Europe/Warsaw", [["01:00", "04:00"]]), between: ["2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00"], expect: 240 },
  { name: "Warsaw 02:30–03:00 on the fall-back night runs from the first 02:30 to 03:00", cal: sundays("Europe/Warsaw", [["02:30", "03:00"]]), between: ["2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00"], expect: 90 },

  // Europe/Berlin: the same EU dates.
  { name: "Berlin office: Friday 14:00 plus four hours ends Monday 10:00 CEST", cal: office("Europe/Berlin"), add: ["2026-03-27T14:00+01:00", 240], expect: "2026-03-30T10:00+02:00" },
  { name: "Berlin round the clock: 23 hours fill the spring-forward day", cal: allDay("Europe/Berlin"), add: ["2026-03-29T00:00+01:00", 1380], expect: "2026-03-30T00:00+02:00" },
  { name: "Berlin round the clock: 24 hours end at 23:00 on the fall-back day", cal: allDay("Europe/Berlin"), add: ["2026-10-25T00:00+02:00", 1440], expect: "2026-10-25T23:00+01:00" },
  { name: "Berlin night shift over fall back lasts nine hours", cal: nights("Europe/Berlin"), between: ["2026-10-24T22:00+02:00", "2026-10-25T06:00+01:00"], expect: 540 },
  { name: "Berlin night shift over spring forward lasts seven hours", cal: nights("Europe/Berlin"), between: ["2026-03-28T22:00+01:00", "2026-03-29T06:00+02:00"], expect: 420 },
  { name: "Berlin night shift: the repeated 02:30 is working time", cal: nights("Europe/Berlin"), working: "2026-10-25T02:30+01:00", expect: true },

  // America/New_York: spring forward 8 Mar 2026 02:00→03:00, fall back 1 Nov 2026 02:00→01:00.
  { name: "New York office: Friday to Monday across spring forward", cal: office("America/New_York"), add: ["2026-03-06T15:00-05:00", 120], expect: "2026-03-09T09:00-04:00" },
  { name: "New York round the clock: 8 March has 23 hours", cal: allDay("America/New_York"), between: ["2026-03-08T00:00-05:00", "2026-03-09T00:00-04:00"], expect: 1380 },
  { name: "New York round the clock: 1 November has 25 hours", cal: allDay("America/New_York"), between: ["2026-11-01T00:00-04:00", "2026-11-02T00:00-05:00"], expect: 1500 },
  { name: "New York: an interval wholly inside the skipped hour is empty", cal: sundays("America/New_York", [["02:00", "03:00"]]), between: ["2026-03-08T00:00-05:00", "2026-03-09T00:00-04:00"], expect: 0 },
  { name: "New York: so the next working time is the following Sunday", cal: sundays("America/New_York", [["02:00", "03:00"]]), next: "2026-03-08T00:00-05:00", expect: "2026-03-15T02:00-04:00" },
  { name: "New York 01:00–02:00 on the fall-back night is two real hours", cal: sundays("America/New_York", [["01:00", "02:00"]]), between: ["2026-11-01T00:00-04:00", "2026-11-02T00:00-05:00"], expect: 120 },
  { name: "New York 01:30–01:45 on the fall-back night counts once (the first)", cal: sundays("America/New_York", [["01:30", "01:45"]]), between: ["2026-11-01T00:00-04:00", "2026-11-02T00:00-05:00"], expect: 15 },
  { name: "New York office: Saturday is not working time", cal: office("America/New_York"), working: "2026-11-07T10:00-05:00", expect: false },

  // Asia/Tehran: +03:30 all year, no DST since 2022; weekend Thursday and Friday here.
  { name: "Tehran: Wednesday's last hour, then Saturday", cal: tehran, add: ["2026-03-25T15:00+03:30", 120], expect: "2026-03-28T09:00+03:30" },
  { name: "Tehran: a working week is five days", cal: tehran, between: ["2026-06-20T08:00+03:30", "2026-06-25T08:00+03:30"], expect: 2400 },
  { name: "Tehran round the clock: no change around the former March switch", cal: allDay("Asia/Tehran"), between: ["2026-03-21T00:00+03:30", "2026-03-23T00:00+03:30"], expect: 2880 },
  { name: "Tehran round the clock: no change around the former September switch", cal: allDay("Asia/Tehran"), between: ["2026-09-21T00:00+03:30", "2026-09-23T00:00+03:30"], expect: 2880 },

  // Holidays: one-off and yearly ("MM-DD" and a full date marked recurring).
  { name: "one-off holiday 11 Nov 2026 is skipped", cal: holidays, add: ["2026-11-10T15:00+01:00", 120], expect: "2026-11-12T09:00+01:00" },
  { name: "one-off holiday: not working on the day", cal: holidays, working: "2026-11-11T10:00+01:00", expect: false },
  { name: "one-off holiday: the next year's 11 Nov is a normal Thursday", cal: holidays, working: "2027-11-11T10:00+01:00", expect: true },
  { name: "yearly 12-25 (a Friday in 2026): Thursday to Monday", cal: holidays, add: ["2026-12-24T15:00+01:00", 120], expect: "2026-12-28T09:00+01:00" },
  { name: "yearly 12-25 and 2020-12-26 recur on Monday and Tuesday in 2028", cal: holidays, between: ["2028-12-25T00:00+01:00", "2028-12-27T00:00+01:00"], expect: 0 },
  { name: "yearly holidays: the next working time after Christmas 2028", cal: holidays, next: "2028-12-25T08:00+01:00", expect: "2028-12-27T08:00+01:00" },
  { name: "holiday: the night shift begun the evening before still counts", cal: nights("Europe/Berlin", [{ date: "2026-12-25", name: "Christmas", recurring: false }]), between: ["2026-12-24T22:00+01:00", "2026-12-25T06:00+01:00"], expect: 480 },
  { name: "holiday: the night shift starting on it is cancelled", cal: nights("Europe/Berlin", [{ date: "2026-12-25", name: "Christmas", recurring: false }]), between: ["2026-12-25T22:00+01:00", "2026-12-26T06:00+01:00"], expect: 0 },

  // Weekends and interval edges.
  { name: "weekend: Saturday noon waits for Monday 08:00", cal: office("Europe/Warsaw"), next: "2026-06-13T12:00+02:00", expect: "2026-06-15T08:00+02:00" },
  { name: "weekend: Sunday is not working time", cal: office("Europe/Warsaw"), working: "2026-06-14T10:00+02:00", expect: false },
  { name: "an interval's start is working time", cal: office("Europe/Warsaw"), working: "2026-06-15T08:00+02:00", expect: true },
  { name: "an interval's end is not", cal: office("Europe/Warsaw"), working: "2026-06-15T16:00+02:00", expect: false },
  { name: "a full day's minutes end at 16:00, not at the next morning", cal: office("Europe/Warsaw"), add: ["2026-06-15T08:00+02:00", 480], expect: "2026-06-15T16:00+02:00" },
  { name: "adding 0 minutes outside working time returns the instant itself", cal: office("Europe/Warsaw"), add: ["2026-06-13T12:00+02:00", 0], expect: "2026-06-13T12:00+02:00" },
  { name: "between backwards is negative", cal: office("Europe/Warsaw"), between: ["2026-06-15T16:00+02:00", "2026-06-15T08:00+02:00"], expect: -480 },

  // Intervals that cross midnight.
  { name: "Monday 22:00–06:00 covers Tuesday 03:00", cal: cal("Europe/Warsaw", { mon: [["22:00", "06:00"]] }), working: "2026-06-16T03:00+02:00", expect: true },
  { name: "Monday 22:00–06:00 does not cover Monday 03:00", cal: cal("Europe/Warsaw", { mon: [["22:00", "06:00"]] }), working: "2026-06-15T03:00+02:00", expect: false },
  { name: "Monday 22:00–06:00: 600 minutes run into the next week's shift", cal: cal("Europe/Warsaw", { mon: [["22:00", "06:00"]] }), add: ["2026-06-15T12:00+02:00", 600], expect: "2026-06-23T00:00+02:00" },
  { name: "Monday 22:00–06:00 gives 480 minutes a week", cal: cal("Europe/Warsaw", { mon: [["22:00", "06:00"]] }), between: ["2026-06-15T00:00+02:00", "2026-06-22T00:00+02:00"], expect: 480 },
  { name: "Friday 20:00–24:00 then Saturday 00:00–02:00 run on", cal: cal("Europe/Warsaw", { fri: [["20:00", "24:00"]], sat: [["00:00", "02:00"]] }), add: ["2026-06-19T20:00+02:00", 360], expect: "2026-06-20T02:00+02:00" },
  { name: "a night shift overlapping the next day's hours counts once", cal: cal("Europe/Warsaw", { mon: [["22:00", "06:00"]], tue: [["00:00", "08:00"]] }), between: ["2026-06-15T00:00+02:00", "2026-06-17T00:00+02:00"], expect: 600 },

  // Several intervals a day.
  { name: "split day: the lunch break is skipped", cal: split("Europe/Warsaw"), add: ["2026-06-15T11:00+02:00", 90], expect: "2026-06-15T13:30+02:00" },
  { name: "split day: between across the break", cal: split("Europe/Warsaw"), between: ["2026-06-15T10:00+02:00", "2026-06-15T14:00+02:00"], expect: 180 },
  { name: "split day: the break is not working time", cal: split("Europe/Warsaw"), working: "2026-06-15T12:30+02:00", expect: false },
  { name: "split day: the next working time after the break starts", cal: split("Europe/Warsaw"), next: "2026-06-15T12:30+02:00", expect: "2026-06-15T13:00+02:00" },
  { name: "overlapping intervals of one day count once", cal: cal("Europe/Warsaw", { mon: [["08:00", "12:00"], ["10:00", "14:00"]] }), between: ["2026-06-15T00:00+02:00", "2026-06-16T00:00+02:00"], expect: 360 },
];

describe("working-time arithmetic (table)", () => {
  it("has at least 40 cases", () => expect(cases.length).toBeGreaterThanOrEqual(40));

  it.each(cases)("$name", (c) => {
    if ("add" in c) expect(addWorkingMinutes(c.cal, at(c.add[0]), c.add[1]).toISOString()).toBe(at(c.expect).toISOString());
    else if ("between" in c) expect(workingMinutesBetween(c.cal, at(c.between[0]), at(c.between[1]))).toBe(c.expect);
    else if ("working" in c) expect(isWorkingTime(c.cal, at(c.working))).toBe(c.expect);
    else expect(nextWorkingTime(c.cal, at(c.next)).toISOString()).toBe(at(c.expect).toISOString());
  });
});

describe("calendars that cannot answer", () => {
  const empty = cal("Europe/Warsaw", {});
  const t = at("2026-06-15T10:00+02:00");

  it("no working hours at all: adding and searching throw, between is 0, nothing is working time", () => {
    expect(() => addWorkingMinutes(empty, t, 60)).toThrow(WorkingCalendarError);
    expect(() => nextWorkingTime(empty, t)).toThrow(WorkingCalendarError);
    expect(workingMinutesBetween(empty, t, at("2026-07-15T10:00+02:00"))).toBe(0);
    expect(isWorkingTime(empty, t)).toBe(false);
  });

  it("every day a holiday: the search is bounded and throws", () => {
    const days = Array.from({ length: 366 }, (_, i) => new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(5, 10));
    const blocked = cal("Europe/Warsaw", everyDay([["08:00", "16:00"]]), days.map((date) => ({ date, name: "off", recurring: true })));
    expect(() => addWorkingMinutes(blocked, t, 60)).toThrow(/no working time within/);
  });

  it("negative or non-finite minutes are refused", () => {
    expect(() => addWorkingMinutes(office("Europe/Warsaw"), t, -1)).toThrow(RangeError);
    expect(() => addWorkingMinutes(office("Europe/Warsaw"), t, Number.NaN)).toThrow(RangeError);
  });

  it("a malformed interval is named in the error", () => {
    const bad = cal("Europe/Warsaw", { mon: [["8am", "16:00"]] });
    expect(() => addWorkingMinutes(bad, t, 60)).toThrow(/malformed working interval on mon/);
  });

  it("a long addition works day by day (10,000 minutes: twenty whole days and 400 minutes)", () => {
    expect(addWorkingMinutes(office("Europe/Warsaw"), at("2026-06-15T08:00+02:00"), 10_000).toISOString()).toBe(at("2026-07-13T14:40+02:00").toISOString());
  });
});

describe("working-time laws (property tests)", () => {
  const calendars = [holidays, nights("America/New_York"), tehran, split("Europe/Berlin"), allDay("America/New_York"), sundays("Europe/Warsaw", [["01:00", "04:00"]]), cal("Europe/Berlin", { mon: [["22:00", "06:00"]], tue: [["00:00", "08:00"], ["12:00", "13:00"]], fri: [["20:00", "24:00"]], sat: [["00:00", "02:00"]] })];
  // Instants from 2025 to 2028, so every DST change of those years is crossed.
  const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 11, 31) }).map((ms) => new Date(ms));
  const calendar = fc.constantFrom(...calendars);
  const minutes = fc.integer({ min: 0, max: 20_000 });
  const ms = (minutesValue: number) => Math.round(minutesValue * 60_000);
  const params = { numRuns: 300 };

  it("add(t, a + b) = add(add(t, a), b)", () => {
    fc.assert(fc.property(calendar, instant, minutes, minutes, (c, t, a, b) => addWorkingMinutes(c, t, a + b).getTime() === addWorkingMinutes(c, addWorkingMinutes(c, t, a), b).getTime()), params);
  });

  it("between(t, add(t, n)) = n", () => {
    fc.assert(fc.property(calendar, instant, minutes, (c, t, n) => workingMinutesBetween(c, t, addWorkingMinutes(c, t, n)) === n), params);
  });

  it("add is monotone in n", () => {
    fc.assert(fc.property(calendar, instant, minutes, minutes, (c, t, a, b) => addWorkingMinutes(c, t, Math.min(a, b)).getTime() <= addWorkingMinutes(c, t, Math.max(a, b)).getTime()), params);
  });

  it("between is additive over a split point, in any order", () => {
    fc.assert(
      fc.property(calendar, instant, instant, instant, (c, a, b, x) => ms(workingMinutesBetween(c, a, b)) === ms(workingMinutesBetween(c, a, x)) + ms(workingMinutesBetween(c, x, b))),
      { numRuns: 150 },
    );
  });

  it("for n > 0 the result is working time or the end of an interval (the millisecond before is working)", () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 1, max: 20_000 }), (c, t, n) => {
        const r = addWorkingMinutes(c, t, n);
        return r > t && isWorkingTime(c, new Date(r.getTime() - 1));
      }),
      params,
    );
  });

  it("nextWorkingTime is working time, reached without passing any working minute", () => {
    fc.assert(
      fc.property(calendar, instant, (c, t) => {
        const next = nextWorkingTime(c, t);
        return next >= t && isWorkingTime(c, next) && workingMinutesBetween(c, t, next) === 0 && isWorkingTime(c, t) === (next.getTime() === t.getTime());
      }),
      params,
    );
  });
});
