import { sql, type SQL } from "drizzle-orm";
import { tickets } from "@/db/schema";

/**
 * When something happened to a ticket, as SQL over `tickets` (plus its history): the one
 * definition the reports' measures and the ticket list's drill-down filters share, so a number in
 * a report and the list behind it always agree.
 */
const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * A reopen event of this ticket at or after `at`. Written as membership in the (few) tickets
 * reopened since, computed once, rather than a correlated EXISTS: that keeps each arm of `openAt`
 * an index condition, so the planner reads it as a bitmap OR of three small index scans instead of
 * the whole table.
 */
const reopenedSince = (at: Date) => sql`${tickets.id} = any(array(select h.ticket_id from ticket_history h where h.event = 'reopened' and h.created_at >= ${iso(at)}))`;

/**
 * Open at the instant `at`: created before it, and not closed then. A ticket whose closes and
 * reopens all lie before `at` is in its current state (working, or closed); only tickets closed
 * or reopened since (latest close at or after `at`, or a reopen since) need their history: the
 * last close or reopen before `at` says whether it was closed.
 */
export function openAt(at: Date): SQL {
  const stillAsNow = sql`(${tickets.archived} = false and ${tickets.stateType} in ('new', 'open', 'pending_reminder', 'pending_auto') and not ${reopenedSince(at)})`;
  const lastBefore = sql`(select case when h.event = 'reopened' then 'open' else st.type::text end
      from ticket_history h left join states st on st.id = h.new_id
      where h.ticket_id = ${tickets.id} and h.created_at < ${iso(at)} and (h.event = 'reopened' or (h.event = 'state_changed' and st.type = 'closed'))
      order by h.created_at desc, h.id desc limit 1)`;
  const changedSince = sql`((${tickets.closedAt} >= ${iso(at)} or ${reopenedSince(at)}) and coalesce(${lastBefore}, 'open') <> 'closed')`;
  const before = sql`${tickets.createdAt} < ${iso(at)}`;
  return sql`((${before} and ${stillAsNow}) or (${before} and ${changedSince}))`;
}
