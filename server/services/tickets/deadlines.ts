import type { Tx } from "@/db";
import { type SlaCalendar, type SlaState, minutesBetween, nextSlaState, reading, sameSlaState } from "@/server/services/sla/clock";
import { type GoverningSla, governingSla } from "@/server/services/sla/resolve";
import { now } from "@/server/time/clock";
import type { TicketRow } from "./scope";

/** What just happened to a ticket, as the lifecycle saw it (or "sla": its SLA or calendar was edited). */
export type LifecycleEvent =
  | { kind: "opened"; articleId: number }
  | { kind: "article"; articleId: number; senderType: "customer" | "agent" | "system"; isInternal: boolean }
  | { kind: "changed"; fields: string[] }
  | { kind: "sla" };

export type ReportFacts = Pick<TicketRow, "firstResponseMinutes" | "solutionMinutes" | "firstResponseBreached" | "solutionBreached">;

/**
 * Every lifecycle write ends here, in its own transaction, with the row as written: the SLA that
 * governs the ticket is looked up (one query), and the deadlines, `escalation_at` and the warning
 * and breach timers follow from the SLA clock (`server/services/sla/clock.ts`). The report facts
 * (time to first response and to solution, deadline missed) are fixed the moment they happen.
 * Returns the columns that changed (the lifecycle writes them), else null.
 */
export async function recomputeDeadlines(tx: Tx, ticket: TicketRow, event: LifecycleEvent): Promise<(Partial<SlaState> & Partial<ReportFacts>) | null> {
  const sla = await governingSla(tx, ticket);
  const facts = reportFacts(ticket, sla);
  if (!sla && ticket.slaId === null && ticket.slaClockAt === null && ticket.escalationAt === null && ticket.slaTimerAt === null) return facts;
  const customerWrote = event.kind === "opened" ? ticket.waitingSince !== null : event.kind === "article" && event.senderType === "customer";
  const next = nextSlaState(ticket, sla?.terms ?? null, sla?.calendar ?? null, now(), customerWrote);
  if (sameSlaState(ticket, next)) return facts;
  return { ...next, ...facts };
}

/**
 * Minutes to the first response and to the latest close, in the governing SLA's calendar (wall
 * time without one), taken when they happen; "breached": the SLA clock read past the target at
 * that moment (so pending pauses count as the SLA says), null when the SLA sets no such target.
 * A reopen forgets the solution until the next close.
 */
export function reportFacts(t: TicketRow, sla: GoverningSla | null): Partial<ReportFacts> | null {
  const cal: SlaCalendar = sla?.calendar ?? null;
  const out: Partial<ReportFacts> = {};
  const clock = sla && t.slaId === sla.terms.id && t.slaClockAt ? t : { slaClockMinutes: 0, slaClockAt: t.createdAt, slaPaused: false };
  if (t.firstResponseAt && t.firstResponseMinutes === null) {
    out.firstResponseMinutes = minutesBetween(cal, t.createdAt, t.firstResponseAt);
    const target = sla?.terms.firstResponseMinutes;
    out.firstResponseBreached = target ? reading(clock, cal, t.firstResponseAt) > target : null;
  }
  if (t.stateType === "closed" && t.closedAt && t.solutionMinutes === null) {
    out.solutionMinutes = minutesBetween(cal, t.createdAt, t.closedAt);
    const target = sla?.terms.solutionMinutes;
    out.solutionBreached = target ? reading(clock, cal, t.closedAt) > target : null;
  } else if (!t.closedAt && (t.solutionMinutes !== null || t.solutionBreached !== null)) {
    Object.assign(out, { solutionMinutes: null, solutionBreached: null });
  }
  return Object.keys(out).length ? out : null;
}
