/**
 * Dates people type are wall-clock times in their profile's time zone, not in the browser's or
 * the server's. These helpers turn them into instants and back with Intl's zone data (no tables
 * of our own), the same in the browser and on the server.
 */

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const HOUR = 3_600_000;

/**
 * A wall-clock value ("2026-03-29T10:00", or a day "2026-03-29" for its first moment) in `timeZone`
 * as an instant; null when it is not one. DST: a time that occurs twice takes the earlier, one that
 * is skipped moves forward by the gap (02:30 on a spring-forward night is 03:30), as Temporal's
 * "compatible" disambiguation does.
 */
export function wallClockToInstant(value: string, timeZone: string): Date | null {
  const m = WALL_CLOCK.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // Date.UTC rolls over (Feb 30 → Mar 2); such a value was not a date.
  if (new Date(asUtc).getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59) return null;
  // Any transition near this time lies between the offset a day before and a day after.
  const offsets = [...new Set([offsetAt(asUtc - 24 * HOUR, timeZone), offsetAt(asUtc + 24 * HOUR, timeZone)])];
  const exact = offsets.map((o) => asUtc - o).filter((t) => offsetAt(t, timeZone) === asUtc - t);
  if (exact.length) return new Date(Math.min(...exact));
  // Skipped: read it with the offset before the change.
  return new Date(asUtc - offsetAt(asUtc - 24 * HOUR, timeZone));
}

/** The last moment of a day ("2026-03-29") in `timeZone`: "to" filters include their whole day. */
export function endOfDay(day: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (!m) return null;
  const next = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1)).toISOString().slice(0, 10);
  const start = wallClockToInstant(next, timeZone);
  return start && new Date(start.getTime() - 1);
}

/** An instant as the wall clock in `timeZone`, "YYYY-MM-DDTHH:mm" (what a datetime-local input shows). */
export function instantToWallClock(instant: Date, timeZone: string): string {
  const p = partsAt(instant.getTime(), timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** The day an instant falls on in `timeZone`, "YYYY-MM-DD". */
export function dayOf(instant: Date, timeZone: string): string {
  return instantToWallClock(instant, timeZone).slice(0, 10);
}

/** `timeZone` when Intl knows it, else UTC (a stored zone that a runtime no longer knows must not crash a page). */
export function knownTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return "UTC";
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

/** How far `timeZone`'s wall clock is ahead of UTC at `epochMs`, in ms. */
export function offsetAt(epochMs: number, timeZone: string): number {
  const p = partsAt(epochMs, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(epochMs / 1000) * 1000;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsAt(epochMs: number, timeZone: string) {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formatters.set(timeZone, format);
  }
  const out: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(epochMs))) if (part.type !== "literal") out[part.type] = Number(part.value);
  return out as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

const pad = (n: number) => String(n).padStart(2, "0");
