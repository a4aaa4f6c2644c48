import { and, eq, inArray, isNotNull, lte, notInArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { calendars, notifications, queues, states, tickets, users } from "@/db/schema";
import { holdsOnQueue } from "@/server/auth/permissions";
import { translate } from "@/server/i18n/translate";
import { logger } from "@/server/logger";
import { wantsNotification } from "@/server/services/notifications-prefs";
import { isWorkingTime, type WorkingCalendar } from "@/server/services/sla/working-time";
import { now } from "@/server/time/clock";
import { stateTransition } from "./change";
import { commitChange, recordReminderSent } from "./lifecycle";
import { stateByName } from "./lookups";
import type { TicketRow } from "./scope";

/** Tickets handled per transaction: row locks (and an agent's wait on one) last one short batch. */
const BATCH = 100;

export const REMINDER_EVENT = "pending_reminder";

/**
 * Pending reminders whose time has come, told once per pending time: to the owner, or, when the
 * ticket has none (or the owner may no longer see the queue), to the agents with `rw` on the queue
 * who have it among "my queues" (subscribed to it, or to no queue at all: the dashboard's reading
 * of "my queues"). A queue with a calendar is reminded only in its working hours; a reminder due
 * at night goes out on the first run in the next working period. Safe to run from several
 * workers: rows are claimed `FOR UPDATE SKIP LOCKED` and the notification's dedupe key carries
 * the pending time.
 */
export async function sendDueReminders(db: Db, at: Date = now()): Promise<{ reminded: number; notified: number }> {
  const resting = await queuesOutsideWorkingHours(db, at);
  let reminded = 0;
  let notified = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(tickets)
        .where(
          and(
            // Literals, so the partial index tickets_reminders_due_idx is provable under any plan.
            sql`${tickets.stateType} = 'pending_reminder' and reminded_for is distinct from pending_until`,
            lte(tickets.pendingUntil, at),
            resting.length ? notInArray(tickets.queueId, resting) : undefined,
          ),
        )
        .orderBy(tickets.pendingUntil, tickets.id)
        .limit(BATCH)
        .for("no key update", { skipLocked: true });
      for (const ticket of due) {
        notified += await remind(tx, ticket);
        reminded++;
      }
      return due.length;
    });
    if (batch < BATCH) break;
  }
  return { reminded, notified };
}

/**
 * Pending-auto tickets whose time has come move to their state's next state (pending auto close+
 * → closed successful, pending auto close- → closed unsuccessful, as the admin set it), through
 * the lifecycle as the system: one new version and its history rows. Once the state changed the
 * ticket is no longer pending, so it cannot close twice.
 */
export async function autoCloseDue(db: Db, at: Date = now()): Promise<{ closed: number }> {
  let closed = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const due = await tx
        .select({ ticket: tickets, nextStateId: states.nextStateId })
        .from(tickets)
        .innerJoin(states, eq(states.id, tickets.stateId))
        .where(and(sql`${tickets.stateType} = 'pending_auto'`, lte(tickets.pendingUntil, at)))
        .orderBy(tickets.pendingUntil, tickets.id)
        .limit(BATCH)
        .for("no key update", { of: tickets, skipLocked: true });
      let done = 0;
      for (const { ticket, nextStateId } of due) {
        // One broken ticket (say, a next state since deleted) must not hold up the others.
        const ok = await tx
          .transaction(async (one) => {
            const transition = await stateTransition(one, ticket, nextStateId ?? (await fallbackState(one, ticket)));
            await commitChange(one, null, ticket, transition.patch, transition.history);
            return true;
          })
          .catch((err: unknown) => {
            logger.error({ err, ticketId: ticket.id }, "pending auto-close failed");
            return false;
          });
        if (ok) done++;
      }
      closed += done;
      return { size: due.length, done };
    });
    if (batch.size < BATCH || batch.done === 0) break;
  }
  return { closed };
}

/** Queues whose calendar says the desk is not working at `at`; queues without one work any time. */
async function queuesOutsideWorkingHours(db: Tx, at: Date): Promise<number[]> {
  const rows = await db
    .select({ queueId: queues.id, timeZone: calendars.timeZone, workingHours: calendars.workingHours, holidays: calendars.holidays })
    .from(queues)
    .innerJoin(calendars, eq(calendars.id, queues.calendarId))
    .where(isNotNull(queues.calendarId));
  return rows.filter((c) => !workingAt(c, at)).map((c) => c.queueId);
}

/** A calendar without hours, or one it cannot read, keeps no reminder back: better early than never. */
function workingAt(cal: WorkingCalendar & { queueId: number }, at: Date): boolean {
  if (!Object.values(cal.workingHours).some((intervals) => intervals?.length)) return true;
  try {
    return isWorkingTime(cal, at);
  } catch (err) {
    logger.warn({ err, queueId: cal.queueId }, "queue calendar unreadable; reminding at any time");
    return true;
  }
}

/** Tells the ticket's reminder recipients (in-app) and records that the reminder went out. */
async function remind(tx: Tx, ticket: TicketRow): Promise<number> {
  const pendingUntil = ticket.pendingUntil!;
  const recipients = await reminderRecipients(tx, ticket);
  let notified = 0;
  for (const agent of recipients) {
    if (!wantsNotification(agent.prefs, REMINDER_EVENT, "app")) continue;
    const [row] = await tx
      .insert(notifications)
      .values({
        userId: agent.id,
        ticketId: ticket.id,
        kind: REMINDER_EVENT,
        title: translate(agent.language, "agentNotifications.pending_reminder.title", { title: ticket.title, number: ticket.number }),
        dedupeKey: `${REMINDER_EVENT}:${ticket.id}:${pendingUntil.getTime()}`,
      })
      .onConflictDoNothing()
      .returning({ id: notifications.id });
    if (row) notified++;
  }
  await recordReminderSent(tx, ticket, [{ event: "reminder_sent", field: "pending_until", newValue: pendingUntil.toISOString() }]);
  return notified;
}

/** The owner when they may still see the queue; otherwise the queue's `rw` agents for whom it is one of "my queues". */
async function reminderRecipients(tx: Tx, ticket: TicketRow) {
  const agent = and(eq(users.enabled, true), inArray(users.role, ["agent", "admin"]));
  const columns = { id: users.id, language: users.language, prefs: users.notificationPrefs };
  if (ticket.ownerId) {
    const owner = await tx
      .select(columns)
      .from(users)
      .where(and(eq(users.id, ticket.ownerId), agent, holdsOnQueue(users.id, ticket.queueId, "ro")));
    if (owner.length) return owner;
  }
  return tx
    .select(columns)
    .from(users)
    .where(
      and(
        agent,
        holdsOnQueue(users.id, ticket.queueId, "rw"),
        sql`(exists (select 1 from queue_subscriptions s where s.user_id = ${users.id} and s.queue_id = ${ticket.queueId})
          or not exists (select 1 from queue_subscriptions s where s.user_id = ${users.id}))`,
      ),
    );
}

/** A pending-auto state without a next state (only possible in data older than the admin's check): close it as Znuny would for "+". */
async function fallbackState(tx: Tx, ticket: TicketRow): Promise<number> {
  logger.warn({ ticketId: ticket.id, stateId: ticket.stateId }, "pending-auto state has no next state; closing successfully");
  return (await stateByName(tx, "closed successful")).id;
}
