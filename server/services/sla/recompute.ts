import { and, asc, gt, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { tickets } from "@/db/schema";
import { refreshDeadlines } from "@/server/services/tickets/lifecycle";

export type GovernedScope = { slaId?: number; calendarId?: number; companyId?: number; queueId?: number; serviceIds?: number[] };

const OPEN = sql`${tickets.archived} = false and ${tickets.stateType} in ('new', 'open', 'pending_reminder', 'pending_auto')`;

/**
 * After an SLA, calendar, company or queue edit: the open tickets whose deadlines it may move are
 * recomputed, a batch per transaction (rows locked one batch at a time, so agents are never
 * blocked for long), walking by id.
 */
export async function recomputeGoverned(db: Db, scope: GovernedScope, opts: { batch?: number } = {}): Promise<{ tickets: number }> {
  const which = scopeCondition(scope);
  if (!which) return { tickets: 0 };
  let last = 0;
  let total = 0;
  for (;;) {
    const count = await db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(tickets)
        .where(and(OPEN, which, gt(tickets.id, last)))
        .orderBy(asc(tickets.id))
        .limit(opts.batch ?? 500)
        .for("update");
      for (const row of rows) await refreshDeadlines(tx, row);
      if (rows.length) last = rows[rows.length - 1]!.id;
      return rows.length;
    });
    total += count;
    if (count < (opts.batch ?? 500)) return { tickets: total };
  }
}

function scopeCondition(s: GovernedScope): SQL | undefined {
  const parts: SQL[] = [];
  if (s.slaId !== undefined) {
    parts.push(sql`(${tickets.slaId} = ${s.slaId}
      or ${tickets.serviceId} in (select service_id from sla_services where sla_id = ${s.slaId})
      or ${tickets.customerCompanyId} in (select id from customer_companies where sla_id = ${s.slaId})
      or ${tickets.queueId} in (select id from queues where sla_id = ${s.slaId}))`);
  }
  if (s.calendarId !== undefined) {
    parts.push(sql`(${tickets.slaId} in (select id from slas where calendar_id = ${s.calendarId})
      or (${tickets.slaId} is not null and ${tickets.queueId} in (select id from queues where calendar_id = ${s.calendarId})))`);
  }
  if (s.companyId !== undefined) parts.push(sql`${tickets.customerCompanyId} = ${s.companyId}`);
  if (s.queueId !== undefined) parts.push(sql`${tickets.queueId} = ${s.queueId}`);
  if (s.serviceIds?.length) parts.push(inArray(tickets.serviceId, s.serviceIds));
  return parts.length ? or(...parts) : undefined;
}
