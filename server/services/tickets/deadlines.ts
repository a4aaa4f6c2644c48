import type { Tx } from "@/db";
import { nextSlaState, sameSlaState, type SlaState } from "@/server/services/sla/clock";
import { governingSla } from "@/server/services/sla/resolve";
import { now } from "@/server/time/clock";
import type { TicketRow } from "./scope";

/** What just happened to a ticket, as the lifecycle saw it (or "sla": its SLA or calendar was edited). */
export type LifecycleEvent =
  | { kind: "opened"; articleId: number }
  | { kind: "article"; articleId: number; senderType: "customer" | "agent" | "system"; isInternal: boolean }
  | { kind: "changed"; fields: string[] }
  | { kind: "sla" };

/**
 * Every lifecycle write ends here, in its own transaction, with the row as written: the SLA that
 * governs the ticket is looked up (one query), and the deadlines, `escalation_at` and the warning
 * and breach timers follow from the SLA clock (`server/services/sla/clock.ts`). Returns the SLA
 * columns when they changed (the lifecycle writes them), else null.
 */
export async function recomputeDeadlines(tx: Tx, ticket: TicketRow, event: LifecycleEvent): Promise<SlaState | null> {
  const sla = await governingSla(tx, ticket);
  if (!sla && ticket.slaId === null && ticket.slaClockAt === null && ticket.escalationAt === null && ticket.slaTimerAt === null) return null;
  const customerWrote = event.kind === "opened" ? ticket.waitingSince !== null : event.kind === "article" && event.senderType === "customer";
  const next = nextSlaState(ticket, sla?.terms ?? null, sla?.calendar ?? null, now(), customerWrote);
  return sameSlaState(ticket, next) ? null : next;
}
