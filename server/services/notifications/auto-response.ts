import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { articles, autoResponseTexts, autoResponses, outbox, queueAutoResponses, tickets, users } from "@/db/schema";
import { fillPlaceholders, newMessageId, senderFor, subjectWithHook } from "@/server/mail/compose";
import { queueMail } from "@/server/mail/transport";
import { pickLanguage, wantsNotification } from "@/server/services/notifications-prefs";
import { getSetting } from "@/server/services/settings";
import { addArticle } from "@/server/services/tickets/lifecycle";

export type AutoResponsePayload = { ticketId: number; articleId: number; type: "new_ticket" | "follow_up" | "reject" };

/**
 * The queue's auto-response (receipt, follow-up receipt, rejection) in the customer's language
 * (else the desk's default, else English). Never for automated mail (the postmaster does not
 * enqueue it); at most N per sender per day, counted atomically, so two auto-responders stop
 * after N. Receipts are a courtesy the customer may turn off in the profile; a rejection is not:
 * it is the only word that their message went nowhere. The response is a system article,
 * written through the lifecycle like every other.
 */
export async function sendAutoResponse(db: Db, { ticketId, articleId, type }: AutoResponsePayload) {
  return db.transaction(async (tx) => {
    // A retry (or a second worker) for the same article waits here, then finds the receipt
    // already written: one article, one counted response, one mail. The ticket row is the
    // lifecycle's to lock, and it is locked first, as every ticket write does.
    const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, ticketId)).for("update");
    if (!ticket) return { sent: false, why: "ticket not found" };
    const [done] = await tx.select({ id: outbox.id }).from(outbox).where(eq(outbox.idempotencyKey, `auto:${articleId}`)).limit(1);
    if (done) return { sent: false, why: "already sent" };
    const [t] = await tx
      .select({ email: users.email, name: users.name, language: users.language, prefs: users.notificationPrefs, messageId: articles.messageId, references: articles.references })
      .from(articles)
      .leftJoin(users, eq(users.id, ticket.customerUserId ?? 0))
      .where(eq(articles.id, articleId));
    if (!t?.email) return { sent: false, why: "no customer address" };
    if (type !== "reject" && !wantsNotification(t.prefs, "ticket_received", "email")) return { sent: false, why: "the customer turned off receipts" };
    const texts = await tx
      .select({ language: autoResponseTexts.language, subject: autoResponseTexts.subject, body: autoResponseTexts.body })
      .from(queueAutoResponses)
      .innerJoin(autoResponses, and(eq(autoResponses.id, queueAutoResponses.autoResponseId), eq(autoResponses.valid, true)))
      .innerJoin(autoResponseTexts, eq(autoResponseTexts.autoResponseId, autoResponses.id))
      .where(and(eq(queueAutoResponses.queueId, ticket.queueId), eq(queueAutoResponses.type, type)));
    const text = pickLanguage(texts, t.language, await getSetting(tx, "system.default_language"));
    if (!text) return { sent: false, why: "queue has no auto-response of this type" };
    const limit = await getSetting(tx, "postmaster.max_auto_responses_per_day");
    const [count] = await tx.execute<{ count: number }>(sql`
      insert into auto_response_counts (sender, day, count) values (${t.email.toLowerCase()}, current_date, 1)
      on conflict (sender, day) do update set count = auto_response_counts.count + 1 returning count`);
    if (Number(count?.count) > limit) return { sent: false, why: "daily auto-response limit for this sender reached" };
    const [hook, domain] = await Promise.all([getSetting(tx, "ticket.hook"), getSetting(tx, "mail.message_id_domain")]);
    const vars = { CUSTOMER_NAME: t.name, TICKET_NUMBER: ticket.number, TICKET_TITLE: ticket.title };
    const subject = subjectWithHook(hook, ticket.number, fillPlaceholders(text.subject, vars), "");
    const body = fillPlaceholders(text.body, vars);
    const messageId = newMessageId(domain);
    const from = await senderFor(tx, ticket.queueId);
    const references = [t.references, t.messageId].filter(Boolean).join(" ") || null;
    const article = await addArticle(tx, null, ticket, {
      channel: "email",
      senderType: "system",
      isInternal: false,
      fromAddress: from,
      toAddresses: t.email,
      subject,
      bodyText: body,
      messageId,
      inReplyTo: t.messageId,
      references,
      deliveryStatus: "queued",
      historyLabel: `auto-response ${type}`,
    });
    await queueMail(tx, {
      kind: "auto_response",
      ticketId,
      articleId: article.id,
      from,
      to: [t.email],
      subject,
      text: body,
      messageId,
      inReplyTo: t.messageId,
      references,
      headers: { "Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All", Precedence: "bulk" },
      idempotencyKey: `auto:${articleId}`,
    });
    return { sent: true };
  });
}
