import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { articles, attachments, ticketLinks, tickets } from "@/db/schema";
import { type Actor } from "@/server/auth/actor";
import { hasQueuePermission } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";
import { getSetting } from "@/server/services/settings";
import { changeTicket } from "./change";
import { recordHistory } from "./history";
import { queueById, stateByName } from "./lookups";
import { nextTicketNumber } from "./number";
import { visibleTickets } from "./scope";

/**
 * Splits one article off into a new ticket (rw on the source, create on the target queue): the
 * new ticket gets a copy of the article whose attachments point at the same stored files, the
 * source stays as it was, and a parent/child link joins them. History on both.
 */
export async function splitArticle(db: Db, actor: Actor, input: { articleId: number; queueId: number; title?: string }) {
  const [found] = await db
    .select({ ticketId: articles.ticketId })
    .from(articles)
    .innerJoin(tickets, eq(tickets.id, articles.ticketId))
    .where(and(eq(articles.id, input.articleId), visibleTickets(actor)))
    .limit(1);
  if (!found) throw new AppError("NOT_FOUND", "errors.notFoundArticle");

  let created = { id: 0, number: "" };
  await changeTicket(db, actor, {
    ticketId: found.ticketId,
    action: "split",
    needsLock: false,
    plan: async (source, tx) => {
      const queue = await queueById(tx, input.queueId);
      if (!(await hasQueuePermission(tx, actor.id, queue.id, "create"))) {
        throw new AppError("FORBIDDEN", "errors.needCreatePermissionNewTicket");
      }
      const [article] = await tx.select().from(articles).where(eq(articles.id, input.articleId)).limit(1);
      if (!article) throw new AppError("NOT_FOUND", "errors.notFoundArticle");
      const state = await stateByName(tx, source.isInternal ? "open" : "new");
      const number = await nextTicketNumber(tx, await getSetting(tx, "ticket.system_id"));
      const now = new Date();
      const fromCustomer = article.senderType === "customer";
      const [ticket] = await tx
        .insert(tickets)
        .values({
          number,
          title: input.title ?? (article.subject.trim() || source.title),
          queueId: queue.id,
          stateId: state.id,
          stateType: state.type,
          priorityId: source.priorityId,
          typeId: source.typeId,
          serviceId: source.serviceId,
          customerUserId: source.customerUserId,
          customerCompanyId: source.customerCompanyId,
          isInternal: source.isInternal,
          waitingSince: fromCustomer && !source.isInternal ? article.createdAt : null,
          lastCustomerArticleAt: fromCustomer ? article.createdAt : null,
          createdBy: actor.id,
          changedBy: actor.id,
          createdAt: now,
          changedAt: now,
        })
        .returning({ id: tickets.id, number: tickets.number });
      if (!ticket) throw new Error("ticket insert returned nothing");
      const { id: _id, ticketId: _t, searchVector: _s, messageId: _m, ...copy } = article;
      // The copy has no Message-ID: follow-ups keep threading onto the original ticket.
      const [copied] = await tx.insert(articles).values({ ...copy, ticketId: ticket.id }).returning({ id: articles.id });
      if (!copied) throw new Error("article insert returned nothing");
      const files = await tx.select().from(attachments).where(eq(attachments.articleId, article.id));
      if (files.length) {
        await tx.insert(attachments).values(files.map(({ id: _a, articleId: _b, createdAt: _c, ...f }) => ({ ...f, articleId: copied.id })));
      }
      await tx.insert(ticketLinks).values({ sourceTicketId: source.id, targetTicketId: ticket.id, type: "parent_child", createdBy: actor.id });
      await recordHistory(tx, ticket.id, actor.id, [
        { event: "created", newValue: number, newId: queue.id, field: "queue" },
        { event: "split_from", oldId: source.id, oldValue: source.number, articleId: copied.id },
        { event: "article_added", articleId: copied.id, newValue: article.channel },
      ]);
      created = ticket;
      return { patch: {}, history: [{ event: "split_to", newId: ticket.id, newValue: ticket.number, articleId: article.id }] };
    },
  });
  return created;
}
