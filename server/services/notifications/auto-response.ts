import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { articles, autoResponseTexts, autoResponses, outbox, queueAutoResponses, tickets, users } from "@/db/schema";
import { fillPlaceholders, newMessageId, senderFor, subjectWithHook } from "@/server/mail/compose";
import { queueMail } from "@/server/mail/transport";
import { pickLanguage, wantsNotification } from "@/server/services/notifications-prefs";
import { getSetting } from "@/server/services/settings";
import { recordHistory } from "@/server/services/tickets/history";

export type AutoResponseRequest = { ticketId: number; articleId: number; type: "new_ticket" | "follow_up" | "reject" };

/**
 * The queue's auto-response (receipt, follow-up receipt, rejection) in the customer's language
 * (else the desk's default, else English). Never for automated mail (the postmaster does not
 * enqueue it); at most N per sender per day, counted atomically, so two auto-responders stop
 * after N. Receipts are a courtesy the customer may turn off in the profile; a rejection is not:
 * it is the only word that their message went nowhere.
 */
export async function sendAutoResponse(db: Db, { ticketId, articleId, type }: AutoResponseRequest) {
  return db.transaction(async (tx) => {
    // A retry (or a second worker) for the same article waits here, then finds the receipt
    // already written: one article, one counted response, one mail.
    await tx.select({ id: articles.id }).from(articles).where(eq(articles.id, articleId)).for("update");
    const [done] = await tx.select({ id: outbox.id }).from(outbox).where(eq(outbox.idempotencyKey, `auto:${articleId}`)).limit(1);
    if (done) return { sent: false, why: "already sent" };
    const [t] = await tx
      .select({ number: tickets.number, title: tickets.title, queueId: tickets.queueId, email: users.email, name: users.name, language: users.language, prefs: users.notificationPrefs, messageId: articles.messageId, references: articles.references })
      .from(tickets)
      .innerJoin(articles, eq(articles.id, articleId))
      .leftJoin(users, eq(users.id, tickets.customerUserId))
      .where(eq(tickets.id, ticketId));
    if (!t?.email) return { sent: false, why: "no customer address" };
    if (type !== "reject" && !wantsNotification(t.prefs, "ticket_received", "email")) return { sent: false, why: "the customer turned off receipts" };
    const texts = await tx
      .select({ language: autoResponseTexts.language, subject: autoResponseTexts.subject, body: autoResponseTexts.body })
      .from(queueAutoResponses)
      .innerJoin(autoResponses, and(eq(autoResponses.id, queueAutoResponses.autoResponseId), eq(autoResponses.valid, true)))
      .innerJoin(autoResponseTexts, eq(autoResponseTexts.autoResponseId, autoResponses.id))
      .where(and(eq(queueAutoResponses.queueId, t.queueId), eq(queueAutoResponses.type, type)));
    const text = pickLanguage(texts, t.language, await getSetting(tx, "system.default_language"));
    if (!text) return { sent: false, why: "queue has no auto-response of this type" };
    const limit = await getSetting(tx, "postmaster.max_auto_responses_per_day");
    const [count] = await tx.execute<{ count: number }>(sql`
      insert into auto_response_counts (sender, day, count) values (${t.email.toLowerCase()}, current_date, 1)
      on conflict (sender, day) do update set count = auto_response_counts.count + 1 returning count`);
    if (Number(count?.count) > limit) return { sent: false, why: "daily auto-response limit for this sender reached" };
    const [hook, domain] = await Promise.all([getSetting(tx, "ticket.hook"), getSetting(tx, "mail.message_id_domain")]);
    const vars = { CUSTOMER_NAME: t.name, TICKET_NUMBER: t.number, TICKET_TITLE: t.title };
    const subject = subjectWithHook(hook, t.number, fillPlaceholders(text.subject, vars), "");
    const body = fillPlaceholders(text.body, vars);
    const messageId = newMessageId(domain);
    const from = await senderFor(tx, t.queueId);
    const references = [t.references, t.messageId].filter(Boolean).join(" ") || null;
    const [article] = await tx
      .insert(articles)
      .values({ ticketId, channel: "email", senderType: "system", isInternal: false, fromAddress: from, toAddresses: t.email, subject, bodyText: body, messageId, inReplyTo: t.messageId, references, deliveryStatus: "queued" })
      .returning({ id: articles.id });
    await recordHistory(tx, ticketId, null, [{ event: "article_added", articleId: article!.id, newValue: `auto-response ${type}` }]);
    await queueMail(tx, {
      kind: "auto_response",
      ticketId,
      articleId: article!.id,
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
