import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { slas } from "@/db/schema";
import type { TicketRow } from "@/server/services/tickets/scope";
import { getSetting } from "@/server/services/settings";
import { now } from "@/server/time/clock";
import { DEADLINES, type DeadlineKind, minutesBetween } from "./clock";
import { governingSla } from "./resolve";

export type SlaDeadline = { kind: DeadlineKind; dueAt: Date; workingMinutesLeft: number };
export type AgentSlaView = { name: string; paused: boolean; deadlines: SlaDeadline[] };

type SlaFields = Pick<TicketRow, "slaId" | "slaPaused" | "serviceId" | "customerCompanyId" | "queueId" | "firstResponseDueAt" | "updateDueAt" | "solutionDueAt">;

/**
 * What the zoom shows of a ticket's SLA: its name, each running deadline and the working time
 * left until it (negative once passed), in the SLA's calendar; null without an SLA. Takes the
 * ticket row the procedure already loaded.
 */
export async function agentSlaView(db: Tx, ticket: SlaFields): Promise<AgentSlaView | null> {
  if (ticket.slaId === null) return null;
  const [sla] = await db.select({ name: slas.name }).from(slas).where(eq(slas.id, ticket.slaId));
  if (!sla) return null;
  const row = { name: sla.name, paused: ticket.slaPaused, firstResponse: ticket.firstResponseDueAt, update: ticket.updateDueAt, solution: ticket.solutionDueAt };
  const calendar = (await governingSla(db, ticket))?.calendar ?? null;
  const at = now();
  const deadlines = DEADLINES.flatMap((kind) => {
    const dueAt = row[kind];
    if (!dueAt) return [];
    const left = dueAt >= at ? minutesBetween(calendar, at, dueAt) : -minutesBetween(calendar, dueAt, at);
    return [{ kind, dueAt, workingMinutesLeft: Math.round(left) }];
  });
  return { name: row.name, paused: row.paused, deadlines };
}

/** The customer's view: the time the desk promises an answer by, when the admin allows showing it. */
export async function customerSlaView(db: Tx, ticket: Pick<TicketRow, "firstResponseDueAt" | "updateDueAt">): Promise<{ expectedAnswerAt: Date } | null> {
  if (!(await getSetting(db, "portal.show_expected_answer_time"))) return null;
  const at = ticket.firstResponseDueAt ?? ticket.updateDueAt;
  return at ? { expectedAnswerAt: at } : null;
}
