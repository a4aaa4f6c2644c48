import { and, asc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { articles, attachments, queues, timeAccounting } from "@/db/schema";
import { type Actor, isAgent } from "@/server/auth/actor";
import { hasQueuePermission } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";
import { translate } from "@/server/i18n/translate";
import { mailAgentReply } from "@/server/mail/compose";
import { createTicket } from "@/server/services/tickets/create";
import { changeTicket, stateTransition } from "@/server/services/tickets/change";
import type { HistoryEntry } from "@/server/services/tickets/history";
import { afterCustomerReply } from "@/server/services/notifications-events";
import { stateByName } from "@/server/services/tickets/lookups";
import type { TicketRow } from "@/server/services/tickets/scope";
import { checkUploadCount, claimUploads } from "@/server/services/uploads";
import { assertNoNewCustomerArticle, type DraftGuard } from "./collision";

type ArticleValues = Omit<typeof articles.$inferInsert, "ticketId" | "createdBy">;

async function insertArticle(tx: Tx, actor: Actor, ticket: TicketRow, values: ArticleValues, timeUnits = 0) {
  const [article] = await tx
    .insert(articles)
    .values({ ...values, ticketId: ticket.id, createdBy: actor.id, timeUnits })
    .returning({ id: articles.id });
  if (!article) throw new Error("article insert returned nothing");
  if (timeUnits > 0) await tx.insert(timeAccounting).values({ ticketId: ticket.id, articleId: article.id, userId: actor.id, minutes: timeUnits });
  return article.id;
}

/**
 * A public answer. From an agent: the customer's wait ends and the ticket takes the chosen
 * next state (default per queue). From a customer: a follow-up, which reopens a closed
 * ticket or is refused, per the queue's follow-up rule.
 */
export async function reply(
  db: Db,
  actor: Actor,
  input: DraftGuard & { ticketId: number; body: string; nextStateId?: number; pendingUntil?: Date; to?: string[]; cc?: string[]; timeUnits?: number; uploadIds?: string[] },
) {
  await checkUploadCount(db, input.uploadIds);
  let followUpAsNew: { title: string; queueId: number } | null = null;
  let articleId = 0;
  const result = await changeTicket(db, actor, {
    ticketId: input.ticketId,
    action: "reply",
    plan: async (ticket, tx) => {
      const now = new Date();
      const subject = `Re: ${ticket.title}`;
      const history: HistoryEntry[] = [];
      if (isAgent(actor)) {
        if (ticket.stateType === "merged") throw new AppError("INVALID_STATE", "errors.ticketMergedAnswerThere");
        await assertNoNewCustomerArticle(tx, ticket.id, input);
        articleId = await insertArticle(tx, actor, ticket, { channel: "email", senderType: "agent", isInternal: false, fromAddress: actor.email, subject, bodyText: input.body }, input.timeUnits);
        history.push({ event: "article_added", articleId, newValue: "reply" });
        const files = await claimUploads(tx, actor, articleId, input.uploadIds);
        const to = input.to?.length ? input.to : undefined;
        await mailAgentReply(tx, { ticketId: ticket.id, articleId, agentName: actor.name, body: input.body, to, cc: input.cc, attachments: files });
        const [queue] = await tx.select({ next: queues.defaultNextStateId }).from(queues).where(eq(queues.id, ticket.queueId));
        const nextStateId = input.nextStateId ?? queue?.next ?? (await stateByName(tx, "open")).id;
        const transition = await stateTransition(tx, ticket, nextStateId, input.pendingUntil);
        return {
          patch: { ...transition.patch, waitingSince: null, firstResponseAt: ticket.firstResponseAt ?? now, ownerId: ticket.ownerId ?? actor.id },
          history: [...history, ...transition.history],
        };
      }
      let patch = {};
      if (ticket.stateType === "closed" || ticket.stateType === "merged" || ticket.stateType === "removed") {
        const [queue] = await tx.select({ followUp: queues.followUp }).from(queues).where(eq(queues.id, ticket.queueId));
        if (queue?.followUp === "reject" || ticket.stateType !== "closed") {
          throw new AppError("INVALID_STATE", "errors.ticketClosedNoReplies");
        }
        if (queue?.followUp === "new_ticket") {
          followUpAsNew = { title: ticket.title, queueId: ticket.queueId };
          return { patch: {}, history: [] };
        }
        const reopened = await stateTransition(tx, ticket, (await stateByName(tx, "open")).id);
        patch = reopened.patch;
        history.push(...reopened.history);
      } else if (ticket.stateType !== "new") {
        const open = await stateByName(tx, "open");
        if (ticket.stateId !== open.id) {
          const t = await stateTransition(tx, ticket, open.id);
          patch = t.patch;
          history.push(...t.history);
        }
      }
      articleId = await insertArticle(tx, actor, ticket, { channel: "web", senderType: "customer", isInternal: false, fromAddress: actor.email, subject, bodyText: input.body });
      await claimUploads(tx, actor, articleId, input.uploadIds);
      history.push({ event: "article_added", articleId, newValue: "follow_up" });
      await afterCustomerReply(tx, ticket.id, articleId);
      return { patch: { ...patch, waitingSince: ticket.waitingSince ?? now, lastCustomerArticleAt: now }, history };
    },
  });
  if (followUpAsNew) {
    const { title, queueId } = followUpAsNew as { title: string; queueId: number };
    const created = await createTicket(db, actor, { channel: "web", queueId, title, body: input.body, uploadIds: input.uploadIds });
    return { ticketId: created.id, number: created.number, articleId: null, newTicket: true };
  }
  return { ticketId: result.id, version: result.version, articleId, newTicket: false };
}

/**
 * An internal note, or a phone note recording a call: agents only, no state change. A phone note
 * may be shown to the customer, which is speaking for the desk and so needs `rw`.
 */
export async function addNote(
  db: Db,
  actor: Actor,
  input: { ticketId: number; body: string; subject?: string; channel?: "note" | "phone"; visibleToCustomer?: boolean; timeUnits?: number },
) {
  let articleId = 0;
  const channel = input.channel ?? "note";
  const visible = channel === "phone" && input.visibleToCustomer === true;
  const result = await changeTicket(db, actor, {
    ticketId: input.ticketId,
    action: "note",
    needsLock: false,
    plan: async (ticket, tx) => {
      if (visible && (ticket.isInternal || !(await hasQueuePermission(tx, actor.id, ticket.queueId, "rw")))) {
        throw new AppError("FORBIDDEN", ticket.isInternal ? "errors.phoneNoteInternal" : "errors.phoneNoteNeedsRw");
      }
      const subject = input.subject || translate(actor.language, channel === "phone" ? "articleText.phoneSubject" : "articleText.noteSubject");
      articleId = await insertArticle(tx, actor, ticket, { channel, senderType: "agent", isInternal: !visible, fromAddress: actor.email, subject, bodyText: input.body }, input.timeUnits);
      return { patch: {}, history: [{ event: "article_added", articleId, newValue: channel }] };
    },
  });
  return { ticketId: result.id, version: result.version, articleId };
}

/**
 * Forwards the ticket by e-mail (S2 #15): the agent's text followed by the conversation's
 * public articles, sent to any address; recorded as an outgoing article.
 */
export async function forward(db: Db, actor: Actor, input: { ticketId: number; to: string[]; body: string; timeUnits?: number }) {
  let articleId = 0;
  const result = await changeTicket(db, actor, {
    ticketId: input.ticketId,
    action: "forward",
    needsLock: false,
    plan: async (ticket, tx) => {
      if (ticket.isInternal) throw new AppError("INVALID_STATE", "errors.internalNeverMailed");
      const earlier = await tx
        .select({ from: articles.fromAddress, createdAt: articles.createdAt, body: articles.bodyText, subject: articles.subject })
        .from(articles)
        .where(and(eq(articles.ticketId, ticket.id), eq(articles.isInternal, false)))
        .orderBy(asc(articles.id));
      const quoted = earlier
        .map((a) => `---- ${a.from ?? ""}, ${a.createdAt.toISOString()} ----\n${a.subject}\n\n${a.body}`)
        .join("\n\n");
      const body = [input.body, translate(actor.language, "articleText.forwardDivider"), quoted].filter(Boolean).join("\n\n");
      articleId = await insertArticle(tx, actor, ticket, { channel: "email", senderType: "agent", isInternal: true, fromAddress: actor.email, toAddresses: input.to.join(", "), subject: `Fwd: ${ticket.title}`, bodyText: body }, input.timeUnits);
      // The conversation's public attachments travel with the forward (files are shared by hash, not copied).
      const files = await tx
        .select({ sha256: attachments.fileSha256, filename: attachments.filename, contentType: attachments.contentType, size: attachments.size })
        .from(attachments)
        .innerJoin(articles, eq(articles.id, attachments.articleId))
        .where(and(eq(articles.ticketId, ticket.id), eq(articles.isInternal, false), eq(attachments.inline, false)))
        .orderBy(asc(articles.id));
      await mailAgentReply(tx, { ticketId: ticket.id, articleId, agentName: actor.name, body, kind: "forward", to: input.to, attachments: files });
      return { patch: {}, history: [{ event: "article_added", articleId, newValue: "forward" }] };
    },
  });
  return { ticketId: result.id, version: result.version, articleId };
}
