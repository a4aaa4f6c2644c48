import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { slas, tickets } from "@/db/schema";
import { getSetting } from "@/server/services/settings";
import { now } from "@/server/time/clock";
import { DEADLINES, type DeadlineKind, minutesBetween } from "./clock";
import { governingSla } from "./resolve";

export type SlaDeadline = { kind: DeadlineKind; dueAt: Date; workingMinutesLeft: number };
export type AgentSlaView = { name: string; paused: boolean; deadlines: SlaDeadline[] };

const DUE = { firstResponse: tickets.firstResponseDueAt, update: tickets.updateDueAt, solution: tickets.solutionDueAt } as const;

/**
 * What the zoom shows of a ticket's SLA: its name, each running deadline and the working time
 * left until it (negative once passed), in the SLA's calendar; null without an SLA.
 */
export async function agentSlaView(db: Tx, ticketId: number): Promise<AgentSlaView | null> {
  const [row] = await db
    .select({
      name: slas.name,
      paused: tickets.slaPaused,
      serviceId: tickets.serviceId,
      customerCompanyId: tickets.customerCompanyId,
      queueId: tickets.queueId,
      firstResponse: DUE.firstResponse,
      update: DUE.update,
      solution: DUE.solution,
    })
    .from(tickets)
    .innerJoin(slas, eq(slas.id, tickets.slaId))
    .where(eq(tickets.id, ticketId));
  if (!row) return null;
  const calendar = (await governingSla(db, row))?.calendar ?? null;
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
export async function customerSlaView(db: Tx, ticketId: number): Promise<{ expectedAnswerAt: Date } | null> {
  if (!(await getSetting(db, "portal.show_expected_answer_time"))) return null;
  const [row] = await db
    .select({ at: sql<Date | null>`coalesce(${tickets.firstResponseDueAt}, ${tickets.updateDueAt})`.mapWith(tickets.firstResponseDueAt) })
    .from(tickets)
    .where(eq(tickets.id, ticketId));
  return row?.at ? { expectedAnswerAt: row.at } : null;
}
