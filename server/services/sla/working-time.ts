import { intervalMinutes, WEEKDAYS, type WorkingHours } from "@/server/schemas/calendars";
import { offsetAt } from "@/server/time/wall-clock";

/**
 * Working-time arithmetic over a calendar: pure functions, no database, no "now".
 *
 * Meaning of a calendar (what the tests pin down):
 * - Working hours are wall-clock intervals per weekday in the calendar's time zone. An interval
 *   ["22:00", "06:00"] (end at or before start) runs past midnight: Monday's runs Monday 22:00 to
 *   Tuesday 06:00. "24:00" is allowed as an end. Overlapping intervals count once.
 * - An interval starts at the first instant the zone's clock reads its start, and ends at the
 *   first instant after that when the clock reads its end. So on a spring-forward night
 *   02:00–04:00 is one real hour (the clock skips 02:00–03:00), on a fall-back night 01:00–04:00
 *   is four real hours (02:00–03:00 happens twice); a time that is skipped begins at the change.
 * - A holiday cancels the intervals that START on that day (a night shift begun the evening
 *   before still ends normally). One-off holidays match "YYYY-MM-DD"; recurring ones match month
 *   and day every year (date "MM-DD" or any "YYYY-MM-DD").
 * - Instants are half-open: an interval [start, end) includes its start, not its end.
 * - Minutes are exact real elapsed minutes (ms / 60 000), so results may be fractional.
 */

export type WorkingCalendar = {
  timeZone: string;
  workingHours: WorkingHours;
  holidays: ReadonlyArray<{ readonly date: string; readonly name?: string; readonly recurring?: boolean }>;
};

/** The calendar cannot answer: no working hours at all, none within a long search, or a malformed interval. */
export class WorkingCalendarError extends Error {
  override name = "WorkingCalendarError";
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Consecutive days without any working interval after which a search gives up (covers a year of holidays twice). */
const MAX_IDLE_DAYS = 800;
/** The most minutes one call adds: ten years of round-the-clock work. */
const MAX_MINUTES = 10 * 366 * 1440;

/**
 * `from` plus `minutes` working minutes: the instant at which that much working time has passed.
 * 0 returns `from` unchanged (even outside working time); for n > 0 the result lies inside
 * working time or is the end of an interval (the moment the time runs out), never the start of
 * the next one. Negative or non-finite minutes throw a RangeError.
 */
export function addWorkingMinutes(cal: WorkingCalendar, from: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0 || minutes > MAX_MINUTES) throw new RangeError(`working minutes must be between 0 and ${MAX_MINUTES}, got ${minutes}`);
  const start = from.getTime();
  let left = Math.round(minutes * MINUTE);
  if (left === 0) return new Date(start);
  let result = start;
  scan(compile(cal), start, Infinity, (s, e) => {
    if (left <= e - s) {
      result = s + left;
      return true;
    }
    left -= e - s;
    return false;
  });
  return new Date(result);
}

/**
 * Working minutes between two instants. Antisymmetric: between(a, b) = -between(b, a), so it is
 * additive over any split point, in any order. A calendar without working hours gives 0.
 */
export function workingMinutesBetween(cal: WorkingCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b < a) return -workingMinutesBetween(cal, to, from);
  const c = compile(cal);
  if (a === b || c.empty) return 0;
  let total = 0;
  scan(c, a, b, (s, e) => {
    if (s >= b) return true;
    total += Math.min(e, b) - s;
    return false;
  });
  return total / MINUTE;
}

/** Whether `at` lies in working time (interval starts count, interval ends do not). */
export function isWorkingTime(cal: WorkingCalendar, at: Date): boolean {
  const c = compile(cal);
  if (c.empty) return false;
  const t = at.getTime();
  const today = localDay(c.zone, t);
  // Intervals that can contain `at` start today or yesterday (a night shift).
  return [today - 1, today].some((dn) => dayIntervals(c, dn).some(([s, e]) => s <= t && t < e));
}

/** The first working instant at or after `at` (`at` itself when it is working time). */
export function nextWorkingTime(cal: WorkingCalendar, at: Date): Date {
  const t = at.getTime();
  let result = t;
  scan(compile(cal), t, Infinity, (s) => {
    result = s;
    return true;
  });
  return new Date(result);
}

type Compiled = {
  zone: string;
  /** Per JS weekday (0 = Sunday): [start, end) minutes from the day's midnight, end up to 2880, by start. */
  byWeekday: [number, number][][];
  oneOff: Set<string>;
  yearly: Set<string>;
  empty: boolean;
};

const TIME = /^\d{2}:\d{2}$/;

function compile(cal: WorkingCalendar): Compiled {
  const byWeekday: [number, number][][] = [[], [], [], [], [], [], []];
  WEEKDAYS.forEach((day, i) => {
    const list = (cal.workingHours[day] ?? []).map((iv) => {
      if (!Array.isArray(iv) || iv.length !== 2 || !TIME.test(iv[0]) || !TIME.test(iv[1])) throw new WorkingCalendarError(`malformed working interval on ${day}: ${JSON.stringify(iv)}`);
      const [s, e] = intervalMinutes(iv);
      if (s >= 1440 || e > 2880) throw new WorkingCalendarError(`working interval out of range on ${day}: ${JSON.stringify(iv)}`);
      return [s, e] as [number, number];
    });
    byWeekday[(i + 1) % 7] = list.sort((x, y) => x[0] - y[0]);
  });
  const oneOff = new Set<string>();
  const yearly = new Set<string>();
  for (const h of cal.holidays) {
    if (h.recurring) yearly.add(h.date.slice(-5));
    else oneOff.add(h.date);
  }
  return { zone: cal.timeZone, byWeekday, oneOff, yearly, empty: byWeekday.every((d) => d.length === 0) };
}

/**
 * Calls `visit(start, end)` for each working interval that ends after `fromMs`, cut to begin no
 * earlier than `fromMs`, in order and without overlaps (an interval overlapping the previous one is clipped; touching ones stay
 * separate, which no caller can tell apart), until `visit` returns true or the next day begins at
 * or after `stopAt`. Works day by day, never minute by minute.
 */
function scan(c: Compiled, fromMs: number, stopAt: number, visit: (s: number, e: number) => boolean): void {
  if (c.empty) throw new WorkingCalendarError("the calendar has no working hours");
  let lastEnd = fromMs;
  let idle = 0;
  for (let dn = localDay(c.zone, fromMs) - 1; ; dn++) {
    const toInstant = converter(c.zone, dn);
    if (toInstant(dn * DAY) >= stopAt) return;
    const intervals = dayIntervals(c, dn, toInstant);
    if (intervals.length === 0 && ++idle > MAX_IDLE_DAYS) throw new WorkingCalendarError(`no working time within ${MAX_IDLE_DAYS} days`);
    if (intervals.length > 0) idle = 0;
    for (const [s, e] of intervals) {
      if (e <= lastEnd) continue;
      if (visit(Math.max(s, lastEnd), e)) return;
      lastEnd = e;
    }
  }
}

/** The non-empty intervals that start on local day `dn` (days since 1970-01-01), as instants. */
function dayIntervals(c: Compiled, dn: number, toInstant = converter(c.zone, dn)): [number, number][] {
  const list = c.byWeekday[(((dn + 4) % 7) + 7) % 7] ?? [];
  if (list.length === 0) return [];
  if (c.oneOff.size > 0 || c.yearly.size > 0) {
    const date = new Date(dn * DAY).toISOString().slice(0, 10);
    if (c.oneOff.has(date) || c.yearly.has(date.slice(5))) return [];
  }
  const out: [number, number][] = [];
  for (const [s, e] of list) {
    const start = toInstant(dn * DAY + s * MINUTE);
    const end = toInstant(dn * DAY + e * MINUTE);
    if (end > start) out.push([start, end]);
  }
  return out;
}

/** The local day number of an instant in `zone`. */
function localDay(zone: string, ms: number): number {
  return Math.floor((ms + offsetAt(ms, zone)) / DAY);
}

/**
 * Wall-clock ms (as if UTC) → instant, for wall times on local days dn..dn+2. When the zone's
 * offset is the same a day before and three days after, nothing changes in between and the
 * offset applies directly (the common case: one cached offset lookup per day).
 */
function converter(zone: string, dn: number): (wall: number) => number {
  const before = cachedOffset(zone, (dn - 1) * DAY);
  if (before === cachedOffset(zone, (dn + 3) * DAY)) return (wall) => wall - before;
  return (wall) => firstInstantReading(zone, wall);
}

/** The first instant at which the clock in `zone` reads `wall` or later: the earlier of a repeated time, the change itself for a skipped one. */
function firstInstantReading(zone: string, wall: number): number {
  const a = offsetAt(wall - DAY, zone);
  const b = offsetAt(wall + DAY, zone);
  const exact = [...new Set([a, b])].map((o) => wall - o).filter((t) => offsetAt(t, zone) === wall - t);
  if (exact.length > 0) return Math.min(...exact);
  // Skipped: the clock jumps over `wall` at the change, which lies between these two.
  let lo = wall - Math.max(a, b);
  let hi = wall - Math.min(a, b);
  const early = offsetAt(lo, zone);
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetAt(mid, zone) === early) lo = mid;
    else hi = mid;
  }
  return hi;
}

const offsets = new Map<string, number>();

function cachedOffset(zone: string, epochMs: number): number {
  const key = `${zone}|${epochMs}`;
  let o = offsets.get(key);
  if (o === undefined) {
    if (offsets.size > 50_000) offsets.clear();
    o = offsetAt(epochMs, zone);
    offsets.set(key, o);
  }
  return o;
}
