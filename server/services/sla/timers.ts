import { and, asc, isNotNull, lte, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { tickets, type SlaTimer } from "@/db/schema/tickets";
import { notifyAgentsOf } from "@/server/services/notifications/agents";
import { recordSlaTimers } from "@/server/services/tickets/lifecycle";
import { now } from "@/server/time/clock";
import { parseTimerKey } from "./clock";

/**
 * SLA timers: one sweep over `tickets_sla_timer_idx` finds the tickets whose next warning or
 * breach is due, by the desk's clock. Each ticket is taken `FOR UPDATE SKIP LOCKED` (sweeps may
 * overlap; an agent's open change is not waited for), its due timers notify through the rules'
 * "escalation" event and are marked fired in the same transaction, so a worker killed mid-run
 * leaves them unfired (rolled back) and a second run finds nothing to repeat. A deadline that
 * moved carries a new key (its instant): the old timer is gone with the recompute that moved it.
 */
export async function fireDueTimers(db: Db | Tx, opts: { batch?: number; budgetMs?: number; parallel?: number } = {}): Promise<{ fired: number; tickets: number }> {
  const batch = opts.batch ?? 100;
  const until = Date.now() + (opts.budgetMs ?? 45_000);
  let fired = 0;
  let seen = 0;
  // Several transactions side by side (SKIP LOCKED keeps them apart): a burst of deadlines drains
  // at the database's pace, not one connection's.
  const drain = async () => {
    for (;;) {
      const at = now();
      const done = await db.transaction(async (tx) => {
        const due = await tx
          .select({ id: tickets.id, slaTimers: tickets.slaTimers })
          .from(tickets)
          .where(and(isNotNull(tickets.slaTimerAt), lte(tickets.slaTimerAt, at)))
          .orderBy(asc(tickets.slaTimerAt))
          .limit(batch)
          .for("no key update", { skipLocked: true });
        for (const t of due) fired += await fireTicket(tx, t.id, t.slaTimers, at);
        seen += due.length;
        return due.length < batch;
      });
      if (done || Date.now() > until) return;
    }
  };
  await Promise.all(Array.from({ length: opts.parallel ?? 1 }, drain));
  return { fired, tickets: seen };
}

async function fireTicket(tx: Tx, ticketId: number, timers: SlaTimer[], at: Date): Promise<number> {
  const iso = at.toISOString();
  const due = timers.filter((x) => !x.fired && x.at <= iso);
  // A warning that comes due with its own breach (a ticket picked up late, a deadline moved into
  // the past) says nothing the breach does not.
  const breached = new Set(due.map((x) => parseTimerKey(x.key)).filter((k) => k.stage === "breach").map((k) => `${k.kind}:${k.due}`));
  let fired = 0;
  for (const timer of due) {
    const key = parseTimerKey(timer.key);
    if (key.stage === "warning" && breached.has(`${key.kind}:${key.due}`)) continue;
    await notifyAgentsOf(tx, { ticketId, event: "escalation", occasion: timer.key, warning: key.stage === "warning" });
    fired++;
  }
  const marked = timers.map((x) => (due.includes(x) ? { ...x, fired: true } : x));
  const next = marked.filter((x) => !x.fired).map((x) => x.at).sort()[0];
  await recordSlaTimers(tx, ticketId, marked, next ? new Date(next) : null);
  return fired;
}

/** How many timers are due now (for the benchmark and operations). */
export async function dueTimerCount(db: Db | Tx): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from tickets where sla_timer_at <= ${now().toISOString()}::timestamptz`);
  return Number(row?.n ?? 0);
}

