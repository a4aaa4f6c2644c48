import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { articles, queues, tickets, timeAccounting } from "@/db/schema";
import { type Actor, isAgent } from "@/server/auth/actor";
import { hasQueuePermission, queueIdsWith } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";
import { mailAgentReply } from "@/server/mail/compose";
import type { CreateTicketInput } from "@/server/schemas/tickets";
import { afterPortalTicket } from "@/server/services/notifications-events";
import { getSetting } from "@/server/services/settings";
import { checkUploadCount, claimUploads } from "@/server/services/uploads";
import { findOrCreateCustomer } from "@/server/services/users/customers";
import { initialClassification } from "./classification";
import { recordHistory } from "./history";
import { defaultPriority, priorityById, queueById, stateByName } from "./lookups";
import { nextTicketNumber } from "./number";

/**
 * Creates a ticket with its first article: web (by a customer), phone, e-mail (outbound) or
 * internal (by an agent).
 * Mail-created tickets go through the postmaster, which shares the same insert path.
 */
export async function createTicket(db: Db, actor: Actor, input: CreateTicketInput) {
  const agent = isAgent(actor);
  if (agent && input.channel === "web") throw new AppError("BAD_INPUT", "Agents open phone, e-mail or internal tickets");
  if (!agent && input.channel !== "web") throw new AppError("FORBIDDEN", "Customers open tickets on the web");
  // An e-mail ticket starts with the agent's mail to the customer: nobody waits for the desk yet.
  const outbound = input.channel === "email";

  const queue = await queueById(db, input.queueId);
  if (agent) {
    if (!(await hasQueuePermission(db, actor.id, queue.id, "create"))) {
      throw new AppError("FORBIDDEN", 'You need the "create" permission on this queue');
    }
  } else if (!queue.customerVisible) {
    throw new AppError("BAD_INPUT", "This department does not take tickets from customers");
  }
  if (input.channel === "phone" && !input.customerEmail) throw new AppError("BAD_INPUT", "A phone ticket needs the caller's e-mail");
  if (outbound && !input.customerEmail) throw new AppError("BAD_INPUT", "An e-mail ticket needs the customer's e-mail address");
  await checkUploadCount(db, input.uploadIds);

  const priority =
    input.priorityId && (agent || queue.customerMayChoosePriority) ? await priorityById(db, input.priorityId) : await defaultPriority(db);
  const classification = await initialClassification(db, actor, input);
  const number = await nextTicketNumber(db, await getSetting(db, "ticket.system_id"));

  return db.transaction(async (tx) => {
    const state = await stateByName(tx, input.channel === "internal" || outbound ? "open" : "new");
    let customerUserId: number | null = null;
    let companyId: number | null = null;
    if (!agent) {
      customerUserId = actor.id;
      companyId = actor.companyId;
    } else if ((input.channel === "phone" || outbound) && input.customerEmail) {
      const customer = await findOrCreateCustomer(tx, input.customerEmail, input.customerName);
      customerUserId = customer.id;
      companyId = customer.companyId;
    }
    const now = new Date();
    const internal = input.channel === "internal";
    const [ticket] = await tx
      .insert(tickets)
      .values({
        number,
        title: input.title,
        queueId: queue.id,
        stateId: state.id,
        stateType: state.type,
        priorityId: priority.id,
        ...classification,
        customerUserId,
        customerCompanyId: companyId,
        isInternal: internal,
        waitingSince: internal || outbound ? null : now,
        lastCustomerArticleAt: internal || outbound ? null : now,
        firstResponseAt: outbound ? now : null,
        createdBy: actor.id,
        changedBy: actor.id,
        createdAt: now,
        changedAt: now,
      })
      .returning({ id: tickets.id, number: tickets.number });
    if (!ticket) throw new Error("ticket insert returned nothing");
    const [article] = await tx
      .insert(articles)
      .values({
        ticketId: ticket.id,
        channel: input.channel,
        senderType: internal || outbound ? "agent" : "customer",
        isInternal: internal,
        fromAddress: agent && input.channel === "phone" ? (input.customerEmail ?? null) : actor.email,
        toAddresses: outbound ? (input.customerEmail ?? null) : null,
        subject: input.title,
        bodyText: input.body,
        timeUnits: input.timeUnits ?? 0,
        createdBy: actor.id,
        createdAt: now,
      })
      .returning({ id: articles.id });
    if (!article) throw new Error("article insert returned nothing");
    const files = await claimUploads(tx, actor, article.id, input.uploadIds);
    if (outbound) await mailAgentReply(tx, { ticketId: ticket.id, articleId: article.id, agentName: actor.name, body: input.body, opening: true, attachments: files });
    if (input.timeUnits) {
      await tx.insert(timeAccounting).values({ ticketId: ticket.id, articleId: article.id, userId: actor.id, minutes: input.timeUnits });
    }
    await recordHistory(tx, ticket.id, actor.id, [
      { event: "created", newValue: number, newId: queue.id, field: "queue" },
      { event: "article_added", articleId: article.id, newValue: input.channel },
    ]);
    if (!agent) await afterPortalTicket(tx, ticket.id, article.id);
    return { id: ticket.id, number: ticket.number };
  });
}

/** Queues a user may open tickets in: customer-visible ones for customers, `create` for agents. */
export async function creatableQueues(db: Db, actor: Actor) {
  const rows = await db
    .select({ id: queues.id, name: queues.name, customerMayChoosePriority: queues.customerMayChoosePriority })
    .from(queues)
    .where(
      and(
        eq(queues.valid, true),
        isAgent(actor) ? sql`${queues.id} in ${queueIdsWith(actor.id, "create")}` : eq(queues.customerVisible, true),
      ),
    )
    .orderBy(queues.name);
  return rows;
}
