import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { notificationRules, notifications, queueSubscriptions, roleGroupPermissions, tickets, userGroupPermissions, userRoles, users } from "@/db/schema";
import { holdsOnQueue } from "@/server/auth/permissions";
import { translate } from "@/server/i18n/translate";
import { newMessageId, senderFor, subjectWithHook } from "@/server/mail/compose";
import { queueMail } from "@/server/mail/transport";
import { type Channel, wantsNotification } from "@/server/services/notifications-prefs";
import { getSetting } from "@/server/services/settings";

import type { NotificationEvent } from "@/server/schemas/admin-config";
import { readerLanguage } from "@/server/i18n/reader-language";

/** Events that notify agents; "escalation" is fired by the SLA timers (`server/services/sla/timers.ts`). */
export type AgentNotificationEvent = NotificationEvent;

export type AgentNotificationPayload = {
  ticketId: number;
  event: AgentNotificationEvent;
  /** The article that caused it (new ticket, follow-up); absent for changes without one. */
  articleId?: number | null;
  /** The ticket's version after the change: with the event, it makes a change's notifications one of a kind. */
  version?: number | null;
  /** Whoever caused it is not told of their own action. */
  actorId?: number | null;
  /** What makes it one of a kind when neither article nor version does (an SLA timer's key). */
  occasion?: string;
  /** An escalation's warning (before the deadline) rather than its breach. */
  warning?: boolean;
};

type Rule = Pick<typeof notificationRules.$inferSelect, "recipients" | "channels" | "queueIds">;
type Ticket = { queueId: number; ownerId: number | null; responsibleId: number | null };

/**
 * Agent notifications, decided by the admin's valid rules for the event: each names who is
 * eligible (owner, responsible, queue watchers, group members, chosen agents) and on which
 * channels; the agent's own profile can still mute a channel for the event. Only agents who may
 * see the ticket's queue hear of it, the actor never does, and each agent gets one notification
 * per event, channel and article (or change), however many rules name them.
 */
export async function notifyAgentsOf(db: Tx, payload: AgentNotificationPayload) {
  const { ticketId, event } = payload;
  return db.transaction(async (tx) => {
    const [t] = await tx
      .select({ number: tickets.number, title: tickets.title, queueId: tickets.queueId, ownerId: tickets.ownerId, responsibleId: tickets.responsibleId })
      .from(tickets)
      .where(eq(tickets.id, ticketId));
    if (!t) return { notified: 0 };
    const rules = await tx
      .select({ recipients: notificationRules.recipients, channels: notificationRules.channels, queueIds: notificationRules.queueIds })
      .from(notificationRules)
      .where(and(eq(notificationRules.event, event), eq(notificationRules.valid, true)));
    const wanted = await recipientsOf(tx, t, rules.filter((r) => !r.queueIds?.length || r.queueIds.includes(t.queueId)));
    if (payload.actorId) wanted.delete(payload.actorId);
    if (wanted.size === 0) return { notified: 0 };
    const agents = await tx
      .select({ id: users.id, email: users.email, language: users.language, prefs: users.notificationPrefs })
      .from(users)
      // Only agents who may see the ticket's queue, checked in the same query (not one per agent).
      .where(and(inArray(users.id, [...wanted.keys()]), eq(users.enabled, true), inArray(users.role, ["agent", "admin"]), holdsOnQueue(users.id, t.queueId, "ro")));
    const [hook, domain] = await Promise.all([getSetting(tx, "ticket.hook"), getSetting(tx, "mail.message_id_domain")]);
    const from = await senderFor(tx, t.queueId);
    const occasion = payload.occasion ? `t${ticketId}:${payload.occasion}` : payload.articleId ? String(payload.articleId) : `t${ticketId}v${payload.version ?? 0}`;
    const text = payload.warning ? "escalation_warning" : event;
    let notified = 0;
    for (const agent of agents) {
      const channels = wanted.get(agent.id)!;
      const language = await readerLanguage(tx, agent.language);
      const title = translate(language, `agentNotifications.${text}.title`, { title: t.title, number: t.number });
      let sent = false;
      if (channels.has("app") && wantsNotification(agent.prefs, event, "app")) {
        const [row] = await tx
          .insert(notifications)
          .values({ userId: agent.id, ticketId, articleId: payload.articleId ?? null, kind: event, title, dedupeKey: `${event}:${occasion}` })
          .onConflictDoNothing()
          .returning({ id: notifications.id });
        sent = Boolean(row);
      }
      if (channels.has("email") && wantsNotification(agent.prefs, event, "email")) {
        const queued = await queueMail(tx, {
          kind: "notification",
          ticketId,
          from,
          to: [agent.email],
          subject: subjectWithHook(hook, t.number, title, ""),
          text: translate(language, `agentNotifications.${text}.body`, { title: t.title, number: t.number }),
          messageId: newMessageId(domain),
          headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" },
          idempotencyKey: `notify:${agent.id}:${event}:${occasion}`,
        });
        sent ||= queued !== null;
      }
      if (sent) notified++;
    }
    return { notified };
  });
}

/** Agent id → the channels the matching rules give them. */
async function recipientsOf(tx: Tx, t: Ticket, rules: Rule[]) {
  const wanted = new Map<number, Set<Channel>>();
  for (const rule of rules) {
    const ids = new Set<number>(rule.recipients.userIds ?? []);
    if (rule.recipients.owner && t.ownerId) ids.add(t.ownerId);
    if (rule.recipients.responsible && t.responsibleId) ids.add(t.responsibleId);
    if (rule.recipients.queueSubscribers) {
      for (const r of await tx.select({ userId: queueSubscriptions.userId }).from(queueSubscriptions).where(eq(queueSubscriptions.queueId, t.queueId))) ids.add(r.userId);
    }
    if (rule.recipients.groupIds?.length) for (const id of await groupMembers(tx, rule.recipients.groupIds)) ids.add(id);
    const channels = (["app", "email"] as const).filter((c) => rule.channels[c]);
    for (const id of ids) {
      const set = wanted.get(id) ?? new Set<Channel>();
      for (const c of channels) set.add(c);
      wanted.set(id, set);
    }
  }
  return wanted;
}

/** Members of the groups: anyone holding a permission there, directly or through a valid role. */
async function groupMembers(tx: Tx, groupIds: number[]): Promise<number[]> {
  const rows = await tx.execute<{ user_id: number }>(sql`
    select ${userGroupPermissions.userId} as user_id from ${userGroupPermissions} where ${inArray(userGroupPermissions.groupId, groupIds)}
    union
    select ${userRoles.userId} from ${userRoles}
      join ${roleGroupPermissions} on ${roleGroupPermissions.roleId} = ${userRoles.roleId}
      join roles r on r.id = ${userRoles.roleId} and r.valid
      where ${inArray(roleGroupPermissions.groupId, groupIds)}`);
  return rows.map((r) => Number(r.user_id));
}
