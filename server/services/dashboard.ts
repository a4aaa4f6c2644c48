import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { tickets } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { queueIdsWith } from "@/server/auth/permissions";
import { now as deskNow } from "@/server/time/clock";

/** Counts above this show as "999+": exact counts over a large backlog would scan it. */
export const COUNT_CAP = 1000;
const LIST_SIZE = 8;
/** "Escalating soon" looks this far ahead. */
const SOON_MS = 2 * 60 * 60 * 1000;

export type DashboardItem = {
  id: number;
  number: string;
  title: string;
  queueName: string;
  stateType: (typeof tickets.stateType.enumValues)[number];
  priorityName: string;
  priorityLevel: number;
  waitingSince: Date | null;
  pendingUntil: Date | null;
  escalationAt: Date | null;
  createdAt: Date;
};
type Section = { count: number; items: DashboardItem[] };
const SECTIONS = ["locked", "newInMyQueues", "remindersDue", "escalated", "escalatingSoon"] as const;
type SectionKey = (typeof SECTIONS)[number];

type Row = {
  section: SectionKey | "counts";
  id: string | null;
  number: string;
  title: string;
  queue_name: string;
  state_type: DashboardItem["stateType"];
  priority_name: string;
  priority_level: number;
  waiting_since: string | null;
  pending_until: string | null;
  escalation_at: string | null;
  created_at: string;
} & Record<`n_${SectionKey}`, string | null>;

/**
 * The agent's start page: each section a capped count and the few most urgent tickets.
 * "My queues" are the queues the agent subscribed to, or all it can see when it chose none.
 *
 * One statement (sent prepared, so PostgreSQL plans it once per connection and then reuses a
 * generic plan: nothing in it depends on a literal the planner must see). Every section reads a
 * per-queue or per-owner index (0021): the lists take the first rows of each visible queue and
 * merge them, the capped counts stop after COUNT_CAP index entries without visiting the heap
 * where the visibility map allows. "New in my queues" is counted from the maintained counters.
 * Reminders due are the reminders in my queues plus my own reminders in my other visible queues:
 * two disjoint sets, so their capped counts add up.
 */
export async function dashboardSummary(db: Tx, actor: Actor) {
  const now = deskNow();
  const at = sql`${now.toISOString()}::timestamptz`;
  const soon = sql`${new Date(now.getTime() + SOON_MS).toISOString()}::timestamptz`;
  const me = sql`${actor.id}::bigint`;
  const cap = sql`${COUNT_CAP}::int`;
  const rows = await db.execute<Row>(sql`
    with seen as (select q.id, q.valid from queues q where q.id in ${queueIdsWith(actor.id, "ro")}),
    sub as (select s.id from queue_subscriptions qs join seen s on s.id = qs.queue_id where qs.user_id = ${me}),
    mine as (select id from sub union all select id from seen where valid and not exists (select 1 from sub)),
    locked as (
      select t.id, t.changed_at as k from tickets t
      where t.owner_id = ${me} and t.locked and t.archived = false and t.queue_id in (select id from seen)
    ),
    new_items as (
      select x.id, x.k from mine m cross join lateral (
        select t.id, t.created_at as k from tickets t where t.queue_id = m.id and t.state_type = 'new' and t.archived = false
        order by t.created_at, t.id limit ${LIST_SIZE}) x
    ),
    due_items as (
      select x.id, x.k from mine m cross join lateral (
        select t.id, t.pending_until as k from tickets t where t.queue_id = m.id and t.state_type = 'pending_reminder' and t.pending_until <= ${at}
        order by t.pending_until, t.id limit ${LIST_SIZE}) x
      union all
      (select t.id, t.pending_until from tickets t
       where t.owner_id = ${me} and t.state_type = 'pending_reminder' and t.pending_until <= ${at}
         and t.queue_id in (select id from seen) and t.queue_id not in (select id from mine)
       order by t.pending_until, t.id limit ${LIST_SIZE})
    ),
    escalated_items as (
      select x.id, x.k from seen s cross join lateral (
        select t.id, t.escalation_at as k from tickets t
        where t.queue_id = s.id and t.archived = false and t.escalation_at is not null and t.escalation_at <= ${at}
        order by t.escalation_at, t.id limit ${LIST_SIZE}) x
    ),
    soon_items as (
      select x.id, x.k from seen s cross join lateral (
        select t.id, t.escalation_at as k from tickets t
        where t.queue_id = s.id and t.archived = false and t.escalation_at > ${at} and t.escalation_at <= ${soon}
        order by t.escalation_at, t.id limit ${LIST_SIZE}) x
    ),
    picked as (
      (select 'locked' as section, id, k from locked order by k, id limit ${LIST_SIZE})
      union all (select 'newInMyQueues', id, k from new_items order by k, id limit ${LIST_SIZE})
      union all (select 'remindersDue', id, k from due_items order by k, id limit ${LIST_SIZE})
      union all (select 'escalated', id, k from escalated_items order by k, id limit ${LIST_SIZE})
      union all (select 'escalatingSoon', id, k from soon_items order by k, id limit ${LIST_SIZE})
    )
    select p.section, t.id, t.number, t.title, q.name as queue_name, t.state_type, pr.name as priority_name, pr.level as priority_level,
      t.waiting_since, t.pending_until, t.escalation_at, t.created_at, p.k,
      null::bigint as "n_locked", null::bigint as "n_newInMyQueues", null::bigint as "n_remindersDue",
      null::bigint as "n_escalated", null::bigint as "n_escalatingSoon"
    from picked p join tickets t on t.id = p.id join queues q on q.id = t.queue_id join priorities pr on pr.id = t.priority_id
    union all
    select 'counts', null, null, null, null, null, null, null, null, null, null, null, null,
      (select count(*) from (select 1 from locked limit ${cap}) c),
      (select coalesce(sum(c.count), 0) from queue_ticket_counts c where c.queue_id in (select id from mine) and c.state_type = 'new'),
      least(${cap},
        (select count(*) from (select 1 from tickets t where t.queue_id in (select id from mine) and t.state_type = 'pending_reminder'
          and t.pending_until <= ${at} limit ${cap}) c)
        + (select count(*) from (select 1 from tickets t where t.owner_id = ${me} and t.state_type = 'pending_reminder' and t.pending_until <= ${at}
          and t.queue_id in (select id from seen) and t.queue_id not in (select id from mine) limit ${cap}) c)),
      (select count(*) from (select 1 from tickets t where t.queue_id in (select id from seen) and t.archived = false
        and t.escalation_at is not null and t.escalation_at <= ${at} limit ${cap}) c),
      (select count(*) from (select 1 from tickets t where t.queue_id in (select id from seen) and t.archived = false
        and t.escalation_at > ${at} and t.escalation_at <= ${soon} limit ${cap}) c)
    order by section, k, id
  `);

  const summary = Object.fromEntries(SECTIONS.map((key) => [key, { count: 0, items: [] as DashboardItem[] }])) as Record<SectionKey, Section>;
  for (const r of rows) {
    if (r.section === "counts") {
      for (const key of SECTIONS) summary[key].count = Number(r[`n_${key}`] ?? 0);
    } else {
      summary[r.section].items.push(item(r));
    }
  }
  return { ...summary, countCap: COUNT_CAP, generatedAt: now };
}

const date = (v: string | null) => (v === null ? null : new Date(v));

function item(r: Row): DashboardItem {
  return {
    id: Number(r.id),
    number: r.number,
    title: r.title,
    queueName: r.queue_name,
    stateType: r.state_type,
    priorityName: r.priority_name,
    priorityLevel: Number(r.priority_level),
    waitingSince: date(r.waiting_since),
    pendingUntil: date(r.pending_until),
    escalationAt: date(r.escalation_at),
    createdAt: new Date(r.created_at),
  };
}
