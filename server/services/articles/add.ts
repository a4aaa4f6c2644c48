import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { articles, attachments, queues } from "@/db/schema";
import { type Actor, isAgent } from "@/server/auth/actor";
import { hasQueuePermission } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";
import { translate } from "@/server/i18n/translate";
import { mailAgentReply } from "@/server/mail/compose";
import { createTicket } from "@/server/services/tickets/create";
import { notifyChange, stateTransition, withTicket } from "@/server/services/tickets/change";
import type { HistoryEntry } from "@/server/services/tickets/history";
import { addArticle, type TicketPatch } from "@/server/services/tickets/lifecycle";
import { afterCustomerReply } from "@/server/services/notifications-events";
import { stateByName } from "@/server/services/tickets/lookups";
import type { LoadedTicket } from "@/server/services/tickets/scope";
import { checkUploadCount, claimUploads, toOutbox } from "@/server/services/uploads";
import { assertNoNewCustomerArticle, type DraftGuard } from "./collision";
import { earlierSubmission } from "./submit-key";

/**
 * A public answer. From an agent: the customer's wait ends and the ticket takes the chosen
 * next state (default per queue). From a customer: a follow-up, which reopens a closed
 * ticket or is refused, per the queue's follow-up rule.
 */
export async function reply(
  db: Db,
  actor: Actor,
  input: DraftGuard & { ticketId: number; body: string; nextStateId?: number; pendingUntil?: Date; to?: string[]; cc?: string[]; timeUnits?: number; uploadIds?: string[]; submitKey?: string },
  loaded?: LoadedTicket,
) {
  await checkUploadCount(db, input.uploadIds);
  const result = await withTicket(db, actor, { ticketId: input.ticketId, action: "reply", loaded: loaded?.ticket }, async (ticket, tx) => {
    const subject = `Re: ${ticket.title}`;
    const earlier = await earlierSubmission(tx, actor.id, input.submitKey);
    if (earlier) return { kind: "added" as const, ticketId: earlier.ticketId, version: earlier.version, articleId: earlier.articleId };
    if (isAgent(actor)) {
      if (ticket.stateType === "merged") throw new AppError("INVALID_STATE", "errors.ticketMergedAnswerThere");
      await assertNoNewCustomerArticle(tx, ticket.id, input);
      const files = await claimUploads(tx, actor, input.uploadIds);
      const [queue] = await tx.select({ next: queues.defaultNextStateId }).from(queues).where(eq(queues.id, ticket.queueId));
      const nextStateId = input.nextStateId ?? queue?.next ?? (await stateByName(tx, "open")).id;
      const transition = await stateTransition(tx, ticket, nextStateId, input.pendingUntil);
      const article = { channel: "email", senderType: "agent", isInternal: false, fromAddress: actor.email, subject, bodyText: input.body, timeUnits: input.timeUnits, attachments: files, historyLabel: "reply", submitKey: input.submitKey } as const;
      const added = await addArticle(tx, actor, ticket, article, { patch: { ...transition.patch, ownerId: ticket.ownerId ?? actor.id }, history: transition.history });
      const to = input.to?.length ? input.to : undefined;
      await mailAgentReply(tx, { ticketId: ticket.id, articleId: added.id, agentName: actor.name, body: input.body, to, cc: input.cc, attachments: files.map(toOutbox) });
      await notifyChange(tx, actor, ticket, added.ticket, [{ event: "article_added", articleId: added.id }, ...transition.history]);
      return { kind: "added" as const, ticketId: added.ticket.id, version: added.ticket.version, articleId: added.id };
    }
    let change: { patch: TicketPatch; history: HistoryEntry[] } = { patch: {}, history: [] };
    if (ticket.stateType === "closed" || ticket.stateType === "merged" || ticket.stateType === "removed") {
      const [queue] = await tx.select({ followUp: queues.followUp }).from(queues).where(eq(queues.id, ticket.queueId));
      if (queue?.followUp === "reject" || ticket.stateType !== "closed") {
        throw new AppError("INVALID_STATE", "errors.ticketClosedNoReplies");
      }
      if (queue?.followUp === "new_ticket") return { kind: "new_ticket" as const, title: ticket.title, queueId: ticket.queueId };
      change = await stateTransition(tx, ticket, (await stateByName(tx, "open")).id);
    } else if (ticket.stateType !== "new") {
      const open = await stateByName(tx, "open");
      if (ticket.stateId !== open.id) change = await stateTransition(tx, ticket, open.id);
    }
    const files = await claimUploads(tx, actor, input.uploadIds);
    const article = { channel: "web", senderType: "customer", isInternal: false, fromAddress: actor.email, subject, bodyText: input.body, attachments: files, historyLabel: "follow_up", submitKey: input.submitKey } as const;
    const added = await addArticle(tx, actor, ticket, article, change);
    await afterCustomerReply(tx, ticket.id, added.id);
    return { kind: "added" as const, ticketId: added.ticket.id, version: added.ticket.version, articleId: added.id };
  });
  if (result.kind === "new_ticket") {
    const created = await createTicket(db, actor, { channel: "web", queueId: result.queueId, title: result.title, body: input.body, uploadIds: input.uploadIds, submitKey: input.submitKey });
    return { ticketId: created.id, number: created.number, articleId: null, newTicket: true };
  }
  return { ticketId: result.ticketId, version: result.version, articleId: result.articleId, newTicket: false };
}

/**
 * An internal note, or a phone note recording a call: agents only, no state change. A phone note
 * may be shown to the customer, which is speaking for the desk and so needs `rw`.
 */
export async function addNote(
  db: Db,
  actor: Actor,
  input: { ticketId: number; body: string; subject?: string; channel?: "note" | "phone"; visibleToCustomer?: boolean; timeUnits?: number; submitKey?: string },
  loaded?: LoadedTicket,
) {
  const channel = input.channel ?? "note";
  const visible = channel === "phone" && input.visibleToCustomer === true;
  return withTicket(db, actor, { ticketId: input.ticketId, action: "note", needsLock: false, loaded: loaded?.ticket }, async (ticket, tx) => {
    const earlier = await earlierSubmission(tx, actor.id, input.submitKey);
    if (earlier) return { ticketId: earlier.ticketId, version: earlier.version, articleId: earlier.articleId };
    if (visible && (ticket.isInternal || !(await hasQueuePermission(tx, actor.id, ticket.queueId, "rw")))) {
      throw new AppError("FORBIDDEN", ticket.isInternal ? "errors.phoneNoteInternal" : "errors.phoneNoteNeedsRw");
    }
    const subject = input.subject || translate(actor.language, channel === "phone" ? "articleText.phoneSubject" : "articleText.noteSubject");
    const added = await addArticle(tx, actor, ticket, { channel, senderType: "agent", isInternal: !visible, fromAddress: actor.email, subject, bodyText: input.body, timeUnits: input.timeUnits, submitKey: input.submitKey });
    return { ticketId: added.ticket.id, version: added.ticket.version, articleId: added.id };
  });
}

/**
 * Forwards the ticket by e-mail (S2 #15): the agent's text followed by the conversation's
 * public articles, sent to any address; recorded as an outgoing article.
 */
export async function forward(db: Db, actor: Actor, input: { ticketId: number; to: string[]; body: string; timeUnits?: number }, loaded?: LoadedTicket) {
  return withTicket(db, actor, { ticketId: input.ticketId, action: "forward", needsLock: false, loaded: loaded?.ticket }, async (ticket, tx) => {
    if (ticket.isInternal) throw new AppError("INVALID_STATE", "errors.internalNeverMailed");
    const earlier = await tx
      .select({ from: articles.fromAddress, createdAt: articles.createdAt, body: articles.bodyText, subject: articles.subject })
      .from(articles)
      .where(and(eq(articles.ticketId, ticket.id), eq(articles.isInternal, false)))
      .orderBy(asc(articles.id));
    const quoted = earlier.map((a) => `---- ${a.from ?? ""}, ${a.createdAt.toISOString()} ----\n${a.subject}\n\n${a.body}`).join("\n\n");
    const body = [input.body, translate(actor.language, "articleText.forwardDivider"), quoted].filter(Boolean).join("\n\n");
    // The conversation's public attachments travel with the forward (files are shared by hash, not copied).
    const files = await tx
      .select({ sha256: attachments.fileSha256, filename: attachments.filename, contentType: attachments.contentType, size: attachments.size })
      .from(attachments)
      .innerJoin(articles, eq(articles.id, attachments.articleId))
      .where(and(eq(articles.ticketId, ticket.id), eq(articles.isInternal, false), eq(attachments.inline, false)))
      .orderBy(asc(articles.id));
    const article = { channel: "email", senderType: "agent", isInternal: true, fromAddress: actor.email, toAddresses: input.to.join(", "), subject: `Fwd: ${ticket.title}`, bodyText: body, timeUnits: input.timeUnits, historyLabel: "forward" } as const;
    const added = await addArticle(tx, actor, ticket, article);
    await mailAgentReply(tx, { ticketId: ticket.id, articleId: added.id, agentName: actor.name, body, kind: "forward", to: input.to, attachments: files });
    return { ticketId: added.ticket.id, version: added.ticket.version, articleId: added.id };
  });
}
