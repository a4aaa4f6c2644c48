import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { articles, attachments, ticketLinks, tickets } from "@/db/schema";
import { type Actor } from "@/server/auth/actor";
import { hasQueuePermission } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";
import { changeTicket } from "./change";
import { openTicket } from "./lifecycle";
import { queueById, stateByName } from "./lookups";
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
      const files = await tx.select().from(attachments).where(eq(attachments.articleId, article.id));
      // The copy is a new article: no Message-ID of its own, and not the form submission the original was.
      const { id: _id, ticketId: _t, searchVector: _s, messageId: _m, submitKey: _k, ...copy } = article;
      // The copy has no Message-ID, so follow-ups keep threading onto the original ticket; its
      // attachments point at the same stored files.
      const { ticket } = await openTicket(
        tx,
        actor,
        {
          title: input.title ?? (article.subject.trim() || source.title),
          queueId: queue.id,
          state,
          priorityId: source.priorityId,
          typeId: source.typeId,
          serviceId: source.serviceId,
          customerUserId: source.customerUserId,
          customerCompanyId: source.customerCompanyId,
          isInternal: source.isInternal,
        },
        // The time was spent on the source ticket; the copy does not count it again.
        { ...copy, timeUnits: 0, attachments: files.map(({ id: _a, articleId: _b, createdAt: _c, ...f }) => f) },
        { history: (copiedId) => [{ event: "split_from", oldId: source.id, oldValue: source.number, articleId: copiedId }], checkDuplicates: false },
      );
      await tx.insert(ticketLinks).values({ sourceTicketId: source.id, targetTicketId: ticket.id, type: "parent_child", createdBy: actor.id });
      created = { id: ticket.id, number: ticket.number };
      return { patch: {}, history: [{ event: "split_to", newId: ticket.id, newValue: ticket.number, articleId: article.id }] };
    },
  });
  return created;
}
