import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { tickets, users } from "@/db/schema";
import { env } from "@/server/env";
import { readerLanguage } from "@/server/i18n/reader-language";
import { scoped } from "@/server/i18n/translate";
import { newMessageId, senderFor, subjectWithHook } from "@/server/mail/compose";
import { queueMail } from "@/server/mail/transport";
import { wantsNotification } from "@/server/services/notifications-prefs";
import { getSetting } from "@/server/services/settings";

export type CustomerNotice = { ticketId: number; event: "ticket_closed"; version: number };

/**
 * Tells the customer that someone else closed their ticket, unless they turned it off. Keyed by
 * the ticket version that closed it: a retry sends nothing twice, a later close sends again.
 */
export async function notifyCustomerOf(db: Db, { ticketId, version }: CustomerNotice) {
  return db.transaction(async (tx) => {
    const [t] = await tx
      .select({
        number: tickets.number,
        title: tickets.title,
        queueId: tickets.queueId,
        stateType: tickets.stateType,
        isInternal: tickets.isInternal,
        email: users.email,
        name: users.name,
        language: users.language,
        enabled: users.enabled,
        prefs: users.notificationPrefs,
      })
      .from(tickets)
      .innerJoin(users, eq(users.id, tickets.customerUserId))
      .where(eq(tickets.id, ticketId));
    if (!t || t.isInternal || !t.enabled) return { sent: false, why: "no customer to tell" };
    // Reopened before this ran: "closed" would be news that is no longer true.
    if (t.stateType !== "closed") return { sent: false, why: "the ticket is open again" };
    if (!wantsNotification(t.prefs, "ticket_closed", "email")) return { sent: false, why: "the customer turned this off" };
    const tr = scoped(await readerLanguage(tx, t.language), "customerMail");
    const [hook, domain] = await Promise.all([getSetting(tx, "ticket.hook"), getSetting(tx, "mail.message_id_domain")]);
    const link = `${env().APP_URL.replace(/\/+$/, "")}/portal/tickets/${ticketId}`;
    const id = await queueMail(tx, {
      kind: "notification",
      ticketId,
      from: await senderFor(tx, t.queueId),
      to: [t.email],
      // The hook in the subject makes an answer to this mail a follow-up on the ticket.
      subject: subjectWithHook(hook, t.number, tr("closed.subject", { title: t.title }), ""),
      text: tr("closed.body", { name: t.name, title: t.title, number: t.number, link }),
      messageId: newMessageId(domain),
      headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" },
      idempotencyKey: `customer:ticket_closed:${ticketId}:${version}`,
    });
    return { sent: id !== null };
  });
}
