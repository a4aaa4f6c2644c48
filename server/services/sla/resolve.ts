import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import type { TicketRow } from "@/server/services/tickets/scope";
import type { SlaCalendar, SlaTerms } from "./clock";

export type GoverningSla = { terms: SlaTerms; calendar: SlaCalendar };

type Row = {
  id: number;
  first_response_minutes: number | null;
  update_minutes: number | null;
  solution_minutes: number | null;
  warn_percent: number;
  pause_when_pending: boolean;
  time_zone: string | null;
  working_hours: Record<string, [string, string][]> | null;
  holidays: { date: string; name: string; recurring: boolean }[] | null;
};

/**
 * The SLA that governs a ticket and the calendar it counts in, in one round trip: the SLA of the
 * ticket's service, else of its customer's company, else of its queue (valid ones only); the
 * SLA's calendar, else the queue's, else none (24/7).
 */
export async function governingSla(tx: Tx, t: Pick<TicketRow, "serviceId" | "customerCompanyId" | "queueId">): Promise<GoverningSla | null> {
  const [row] = await tx.execute<Row>(sql`
    with pick as (
      select coalesce(
        (select ss.sla_id from sla_services ss join slas s on s.id = ss.sla_id and s.valid where ss.service_id = ${t.serviceId} order by ss.sla_id limit 1),
        (select cc.sla_id from customer_companies cc join slas s on s.id = cc.sla_id and s.valid where cc.id = ${t.customerCompanyId}),
        (select q.sla_id from queues q join slas s on s.id = q.sla_id and s.valid where q.id = ${t.queueId})
      ) as sla_id
    )
    select s.id::int as id, s.first_response_minutes, s.update_minutes, s.solution_minutes, s.warn_percent, s.pause_when_pending,
           c.time_zone, c.working_hours, c.holidays
    from pick
    join slas s on s.id = pick.sla_id
    left join calendars c on c.id = coalesce(
      (select sc.id from calendars sc where sc.id = s.calendar_id and sc.valid),
      (select qc.id from queues q join calendars qc on qc.id = q.calendar_id and qc.valid where q.id = ${t.queueId}))`);
  if (!row) return null;
  return {
    terms: {
      id: Number(row.id),
      firstResponseMinutes: row.first_response_minutes,
      updateMinutes: row.update_minutes,
      solutionMinutes: row.solution_minutes,
      warnPercent: row.warn_percent,
      pauseWhenPending: row.pause_when_pending,
    },
    calendar: row.time_zone ? { timeZone: row.time_zone, workingHours: row.working_hours ?? {}, holidays: row.holidays ?? [] } : null,
  };
}
