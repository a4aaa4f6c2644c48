import { randomBytes } from "node:crypto";
import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { articles, queues, salutations, signatures, systemAddresses, tickets, users, type OutboxAttachment } from "@/db/schema";
import { flattenLine } from "@/server/schemas/text";
import { getSetting } from "@/server/services/settings";
import { recordOutgoingMail } from "@/server/services/tickets/lifecycle";
import { queueMail } from "./transport";

export function newMessageId(domain: string): string {
  return `<${Date.now().toString(36)}.${randomBytes(8).toString("hex")}@${domain}>`;
}

/** Fills <CUSTOMER_NAME>, <TICKET_NUMBER>, <TICKET_TITLE>, <AGENT_NAME>, <QUEUE_NAME>. */
export function fillPlaceholders(text: string, vars: Record<string, string | null | undefined>): string {
  return text.replace(/<([A-Z_]+)>/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : (value ?? "");
  });
}

/** "[Ticket#2026…] Re: title", without piling up hooks or Re:/AW: prefixes. */
export function subjectWithHook(hook: string, number: string, subject: string, prefix = "Re"): string {
  const escaped = hook.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  let clean = flattenLine(subject).replace(new RegExp(`\\[?${escaped}\\s*\\d+\\]?`, "gi"), "").trim();
  while (/^(re|aw|fwd?|wg|sv|antw)(\[\d+\])?:\s*/i.test(clean)) clean = clean.replace(/^(re|aw|fwd?|wg|sv|antw)(\[\d+\])?:\s*/i, "");
  return `[${hook}${number}] ${prefix ? `${prefix}: ` : ""}${clean}`.trim();
}

/** The queue's system address as sender, or the desk's default sender. */
export async function senderFor(tx: Tx, queueId: number): Promise<string> {
  const [queue] = await tx.select({ systemAddressId: queues.systemAddressId }).from(queues).where(eq(queues.id, queueId));
  const [address] = await tx
    .select({ address: systemAddresses.address, displayName: systemAddresses.displayName })
    .from(systemAddresses)
    .where(and(eq(systemAddresses.valid, true), queue?.systemAddressId ? eq(systemAddresses.id, queue.systemAddressId) : eq(systemAddresses.queueId, queueId)))
    .limit(1);
  if (address) return `${address.displayName} <${address.address}>`;
  return getSetting(tx, "mail.default_from");
}

/**
 * Turns an agent's reply article into mail to the customer: salutation and signature of the
 * queue with placeholders filled, the ticket hook in the subject, a new Message-ID, and
 * In-Reply-To / References pointing at the customer's last message so clients thread it.
 */
export async function mailAgentReply(
  tx: Tx,
  o: {
    ticketId: number;
    articleId: number;
    agentName: string;
    body: string;
    kind?: "reply" | "forward";
    to?: string[];
    cc?: string[];
    /** The agent writes first (e-mail ticket): no "Re:", nothing to thread onto. */
    opening?: boolean;
    attachments?: OutboxAttachment[];
  },
) {
  const [t] = await tx
    .select({ number: tickets.number, title: tickets.title, queueId: tickets.queueId, customerEmail: users.email, customerName: users.name, isInternal: tickets.isInternal })
    .from(tickets)
    .leftJoin(users, eq(users.id, tickets.customerUserId))
    .where(eq(tickets.id, o.ticketId));
  const to = o.to ?? (t?.customerEmail ? [t.customerEmail] : []);
  if (!t || t.isInternal || to.length === 0) return null;
  const [queue] = await tx
    .select({ name: queues.name, salutation: salutations.body, signature: signatures.body })
    .from(queues)
    .leftJoin(salutations, and(eq(salutations.id, queues.salutationId), eq(salutations.valid, true)))
    .leftJoin(signatures, and(eq(signatures.id, queues.signatureId), eq(signatures.valid, true)))
    .where(eq(queues.id, t.queueId));
  const [last] = await tx
    .select({ messageId: articles.messageId, references: articles.references })
    .from(articles)
    .where(and(eq(articles.ticketId, o.ticketId), eq(articles.senderType, "customer"), isNotNull(articles.messageId)))
    .orderBy(desc(articles.id))
    .limit(1);
  // The writing agent's own signature wins over the queue's when the agent has set one.
  const [author] = await tx.select({ signature: users.signature }).from(articles).innerJoin(users, eq(users.id, articles.createdBy)).where(eq(articles.id, o.articleId));
  const signature = author?.signature?.trim() ? author.signature : queue?.signature;
  const [hook, domain] = await Promise.all([getSetting(tx, "ticket.hook"), getSetting(tx, "mail.message_id_domain")]);
  const kind = o.kind ?? "reply";
  const vars = { CUSTOMER_NAME: t.customerName, TICKET_NUMBER: t.number, TICKET_TITLE: t.title, AGENT_NAME: o.agentName, QUEUE_NAME: queue?.name };
  // A forward goes to a third party: no salutation to the customer, and it starts its own thread.
  const salutation = kind === "reply" && queue?.salutation ? fillPlaceholders(queue.salutation, vars) : null;
  const text = [salutation, o.body, signature ? fillPlaceholders(signature, vars) : null].filter(Boolean).join("\n");
  const messageId = newMessageId(domain);
  const parent = kind === "reply" && !o.opening ? last : undefined;
  const references = parent?.messageId ? [parent.references, parent.messageId].filter(Boolean).join(" ") : null;
  await recordOutgoingMail(tx, o.articleId, { bodyText: text, messageId, inReplyTo: parent?.messageId ?? null, references, toAddresses: to.join(", "), ccAddresses: o.cc?.length ? o.cc.join(", ") : null });
  await queueMail(tx, {
    kind,
    ticketId: o.ticketId,
    articleId: o.articleId,
    from: await senderFor(tx, t.queueId),
    to,
    cc: o.cc,
    subject: subjectWithHook(hook, t.number, t.title, kind === "forward" ? "Fwd" : o.opening ? "" : "Re"),
    text,
    messageId,
    inReplyTo: parent?.messageId ?? null,
    references,
    attachments: o.attachments,
    idempotencyKey: `${kind}:${o.articleId}`,
  });
  return messageId;
}
