import type { SlaTimer } from "@/db/schema/tickets";
import type { TicketRow } from "@/server/services/tickets/scope";
import { type WorkingCalendar, WorkingCalendarError, addWorkingMinutes, workingMinutesBetween } from "./working-time";

/**
 * The SLA clock of one ticket, as pure arithmetic. The clock counts the SLA's working minutes
 * since the ticket opened; it stands still while the ticket is closed, or pending when the SLA
 * says so. It is stored as a reading (`slaClockMinutes` at `slaClockAt`) that is folded only when
 * the clock stops, so a running clock's reading at any instant is the stored minutes plus the
 * working minutes since `slaClockAt`. Each deadline is a target on this clock (first response
 * and solution from 0, the update from the reading at the customer's last article), and its
 * instant is `slaClockAt` plus the working minutes still to go: exact under pauses, and cheap
 * (one working-time addition per deadline, no history to replay).
 */

export type SlaTerms = {
  id: number;
  firstResponseMinutes: number | null;
  updateMinutes: number | null;
  solutionMinutes: number | null;
  warnPercent: number;
  pauseWhenPending: boolean;
};

/** A calendar, or null for 24/7. */
export type SlaCalendar = WorkingCalendar | null;

export const DEADLINES = ["firstResponse", "update", "solution"] as const;
export type DeadlineKind = (typeof DEADLINES)[number];

export type SlaState = Pick<
  TicketRow,
  | "slaId"
  | "slaClockMinutes"
  | "slaClockAt"
  | "slaPaused"
  | "slaUpdateFrom"
  | "firstResponseDueAt"
  | "updateDueAt"
  | "solutionDueAt"
  | "escalationAt"
  | "slaTimers"
  | "slaTimerAt"
>;

export type ClockInput = Pick<
  TicketRow,
  | keyof SlaState
  | "stateType"
  | "createdAt"
  | "firstResponseAt"
  | "waitingSince"
  | "archived"
>;

const DUE_COLUMN = { firstResponse: "firstResponseDueAt", update: "updateDueAt", solution: "solutionDueAt" } as const;

export function addMinutes(cal: SlaCalendar, from: Date, minutes: number): Date {
  if (minutes <= 0) return from;
  if (cal) {
    try {
      return addWorkingMinutes(cal, from, minutes);
    } catch (error) {
      // A calendar without working hours has no deadline to give: the SLA counts round the clock.
      if (!(error instanceof WorkingCalendarError)) throw error;
    }
  }
  return new Date(from.getTime() + minutes * 60_000);
}

export function minutesBetween(cal: SlaCalendar, from: Date, to: Date): number {
  if (to <= from) return 0;
  return cal ? workingMinutesBetween(cal, from, to) : (to.getTime() - from.getTime()) / 60_000;
}

/** The clock's reading at `at`. */
export function reading(t: Pick<SlaState, "slaClockMinutes" | "slaClockAt" | "slaPaused">, cal: SlaCalendar, at: Date): number {
  if (!t.slaClockAt || t.slaPaused) return t.slaClockMinutes;
  return t.slaClockMinutes + minutesBetween(cal, t.slaClockAt, at);
}

/**
 * The ticket's SLA columns after an event at `at`. `customerWrote`: the event is a customer's
 * article (the update deadline restarts from it).
 */
export function nextSlaState(t: ClockInput, terms: SlaTerms | null, cal: SlaCalendar, at: Date, customerWrote: boolean): SlaState {
  if (!terms) return cleared(null);
  const stopped = t.archived || t.stateType === "closed" || t.stateType === "merged" || t.stateType === "removed" || (terms.pauseWhenPending && (t.stateType === "pending_reminder" || t.stateType === "pending_auto"));
  // Another SLA, or the first one: its clock counts from the ticket's opening.
  const fresh = t.slaId !== terms.id || !t.slaClockAt;
  let clock = fresh ? { slaClockMinutes: 0, slaClockAt: t.createdAt, slaPaused: false } : { slaClockMinutes: t.slaClockMinutes, slaClockAt: t.slaClockAt!, slaPaused: t.slaPaused };
  if (stopped && !clock.slaPaused) clock = { slaClockMinutes: reading(clock, cal, at), slaClockAt: at, slaPaused: true };
  else if (!stopped && clock.slaPaused) clock = { ...clock, slaClockAt: at, slaPaused: false };

  let slaUpdateFrom = t.waitingSince ? (fresh ? 0 : t.slaUpdateFrom) : null;
  if (customerWrote && t.waitingSince) slaUpdateFrom = reading(clock, cal, at);
  const base = { slaId: terms.id, ...clock, slaUpdateFrom };
  if (stopped) return { ...cleared(terms.id), ...base };

  const targets: Record<DeadlineKind, { from: number; minutes: number } | null> = {
    firstResponse: terms.firstResponseMinutes && !t.firstResponseAt ? { from: 0, minutes: terms.firstResponseMinutes } : null,
    update: terms.updateMinutes && t.firstResponseAt && slaUpdateFrom !== null ? { from: slaUpdateFrom, minutes: terms.updateMinutes } : null,
    solution: terms.solutionMinutes ? { from: 0, minutes: terms.solutionMinutes } : null,
  };
  const instantOf = (target: number, previous: Date | null) =>
    target >= clock.slaClockMinutes ? addMinutes(cal, clock.slaClockAt, target - clock.slaClockMinutes) : (previous ?? clock.slaClockAt);

  const fired = new Set(t.slaTimers.filter((x) => x.fired).map((x) => x.key));
  const timers: SlaTimer[] = [];
  const due: Record<DeadlineKind, Date | null> = { firstResponse: null, update: null, solution: null };
  for (const kind of DEADLINES) {
    const target = targets[kind];
    if (!target) continue;
    const warnAfter = (target.minutes * terms.warnPercent) / 100;
    const warnTarget = target.from + warnAfter;
    const warns = warnAfter > 0 && warnAfter < target.minutes;
    const warnAt = warns ? instantOf(warnTarget, null) : null;
    // The deadline counts on from the warning (add(t, a + b) = add(add(t, a), b)): one scan of the calendar, not two.
    const at = warnAt && warnTarget >= clock.slaClockMinutes ? addMinutes(cal, warnAt, target.minutes - warnAfter) : instantOf(target.from + target.minutes, fresh ? null : t[DUE_COLUMN[kind]]);
    due[kind] = at;
    if (warnAt) {
      const key = timerKey(kind, "warning", at);
      timers.push({ key, at: warnAt.toISOString(), fired: fired.has(key) });
    }
    const key = timerKey(kind, "breach", at);
    timers.push({ key, at: at.toISOString(), fired: fired.has(key) });
  }
  const dues = DEADLINES.map((k) => due[k]).filter((d): d is Date => d !== null);
  const pending = timers.filter((x) => !x.fired).map((x) => x.at).sort();
  return {
    ...base,
    firstResponseDueAt: due.firstResponse,
    updateDueAt: due.update,
    solutionDueAt: due.solution,
    escalationAt: dues.length ? new Date(Math.min(...dues.map((d) => d.getTime()))) : null,
    slaTimers: timers,
    slaTimerAt: pending[0] ? new Date(pending[0]) : null,
  };
}

/** A timer's key names its deadline's instant: a moved deadline is a new timer, a repeated run is not. */
export function timerKey(kind: DeadlineKind, stage: "warning" | "breach", due: Date): string {
  return `${kind}:${stage}:${due.toISOString()}`;
}

export function parseTimerKey(key: string): { kind: DeadlineKind; stage: "warning" | "breach"; due: string } {
  const [kind, stage, ...rest] = key.split(":");
  return { kind: kind as DeadlineKind, stage: stage as "warning" | "breach", due: rest.join(":") };
}

export function sameSlaState(a: SlaState, b: SlaState): boolean {
  const keys = Object.keys(b) as (keyof SlaState)[];
  return keys.every((k) => {
    const x = a[k];
    const y = b[k];
    if (x instanceof Date || y instanceof Date) return (x as Date | null)?.getTime() === (y as Date | null)?.getTime();
    if (Array.isArray(x) || Array.isArray(y)) return JSON.stringify(x) === JSON.stringify(y);
    return x === y;
  });
}

function cleared(slaId: number | null): SlaState {
  return {
    slaId,
    slaClockMinutes: 0,
    slaClockAt: null,
    slaPaused: false,
    slaUpdateFrom: null,
    firstResponseDueAt: null,
    updateDueAt: null,
    solutionDueAt: null,
    escalationAt: null,
    slaTimers: [],
    slaTimerAt: null,
  };
}
