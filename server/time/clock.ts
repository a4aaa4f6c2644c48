import { readFileSync } from "node:fs";

/**
 * The desk's "now" for everything time-driven (deadlines, timers, reminders, auto-close, archive).
 * Production reads the system clock. Tests move time forward without waiting: in-process with
 * `setClockOffset`, and across processes (web, worker, test runner) through the file named by
 * DESK_CLOCK_FILE, which holds an offset in milliseconds. The variable is set only by the test
 * servers; without it the file is never read.
 */
const clockFile = process.env.DESK_CLOCK_FILE;
let offsetMs = 0;

function fileOffset(): number {
  try {
    const value = Number(readFileSync(clockFile!, "utf8").trim());
    return Number.isFinite(value) ? value : 0;
  } catch {
    return 0;
  }
}

export function clockOffset(): number {
  return offsetMs + (clockFile ? fileOffset() : 0);
}

export function now(): Date {
  return new Date(Date.now() + clockOffset());
}

/** In-process offset for tests (added to the file's offset when both are set). */
export function setClockOffset(ms: number): void {
  offsetMs = ms;
}
