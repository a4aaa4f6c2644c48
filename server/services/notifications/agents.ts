import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { notifications, queueSubscriptions, tickets, users } from "@/db/schema";
import { queueIdsWith } from "@/server/auth/permissions";
import { newMessageId, senderFor, subjectWithHook } from "@/server/mail/compose";
import { queueMail } from "@/server/mail/transport";
import { wantsNotification } from "@/server/services/notifications-prefs";
import { getSetting } from "@/server/services/settings";

export type AgentNotice = { ticketId: number; articleId: number; event: "new_ticket" | "follow_up" };

/**
 * Agent notifications: a new ticket goes to the agents who watch its queue (and may see it);
 * a follow-up goes to the ticket's owner. In the app and by mail, each as the agent's profile
 * allows; once per agent, channel and article.
 */
export async function notifyAgentsOf(db: Db, { ticketId, articleId, event }: AgentNotice) {
  return db.transaction(async (tx) => {
    const [t] = await tx.select({ number: tickets.number, title: tickets.title, queueId: tickets.queueId, ownerId: tickets.ownerId }).from(tickets).where(eq(tickets.id, ticketId));
    if (!t) return { notified: 0 };
    let ids: number[];
    if (event === "new_ticket") {
      const rows = await tx.select({ userId: queueSubscriptions.userId }).from(queueSubscriptions).where(eq(queueSubscriptions.queueId, t.queueId));
      ids = rows.map((r) => r.userId);
    } else {
      ids = t.ownerId ? [t.ownerId] : [];
    }
    if (ids.length === 0) return { notified: 0 };
    const agents = await tx
      .select({ id: users.id, email: users.email, name: users.name, prefs: users.notificationPrefs })
      .from(users)
      .where(and(inArray(users.id, ids), eq(users.enabled, true), inArray(users.role, ["agent", "admin"])));
    const [hook, domain] = await Promise.all([getSetting(tx, "ticket.hook"), getSetting(tx, "mail.message_id_domain")]);
    const from = await senderFor(tx, t.queueId);
    let notified = 0;
    for (const agent of agents) {
      const [visible] = await tx.execute<{ ok: number }>(sql`select 1 as ok where ${t.queueId} in ${queueIdsWith(agent.id, "ro")}`);
      if (!visible) continue;
      const title = event === "new_ticket" ? `New ticket: ${t.title}` : `Customer follow-up: ${t.title}`;
      const app = wantsNotification(agent.prefs, event, "app");
      const email = wantsNotification(agent.prefs, event, "email");
      let sent = false;
      if (app) {
        const [row] = await tx.insert(notifications).values({ userId: agent.id, ticketId, articleId, kind: event, title }).onConflictDoNothing().returning({ id: notifications.id });
        sent = Boolean(row);
      }
      if (email) {
        const queued = await queueMail(tx, {
          kind: "notification",
          ticketId,
          from,
          to: [agent.email],
          subject: subjectWithHook(hook, t.number, title, ""),
          text: `${title}\n\nTicket ${t.number}: ${t.title}`,
          messageId: newMessageId(domain),
          headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" },
          idempotencyKey: `notify:${agent.id}:${event}:${articleId}`,
        });
        sent ||= queued !== null;
      }
      if (sent) notified++;
    }
    return { notified };
  });
}
