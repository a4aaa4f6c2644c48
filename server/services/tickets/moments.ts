import { sql, type SQL } from "drizzle-orm";
import { tickets } from "@/db/schema";

/**
 * When something happened to a ticket, as SQL over `tickets` (plus its history): the one
 * definition the reports' measures and the ticket list's drill-down filters share, so a number in
 * a report and the list behind it always agree.
 */
const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** A reopen event of this ticket at or after `at`. */
const reopenedSince = (at: Date) => sql`exists (select 1 from ticket_history h where h.ticket_id = ${tickets.id} and h.event = 'reopened' and h.created_at >= ${iso(at)})`;

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
  return sql`(${tickets.createdAt} < ${iso(at)} and (${stillAsNow} or ${changedSince}))`;
}
