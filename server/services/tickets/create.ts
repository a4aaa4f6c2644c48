import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queues } from "@/db/schema";
import { type Actor, isAgent } from "@/server/auth/actor";
import { hasQueuePermission, queueIdsWith } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";
import { mailAgentReply } from "@/server/mail/compose";
import type { CreateTicketInput } from "@/server/schemas/tickets";
import { afterPortalTicket } from "@/server/services/notifications-events";
import { checkUploadCount, claimUploads, toOutbox } from "@/server/services/uploads";
import { earlierSubmission } from "@/server/services/articles/submit-key";
import { findOrCreateCustomer } from "@/server/services/users/customers";
import { drawTicketNumber, openTicket } from "./lifecycle";
import { initialClassification } from "./classification";
import { limitPortalTicket } from "./intake-limit";
import { defaultPriority, priorityById, queueById, stateByName } from "./lookups";

/**
 * Creates a ticket with its first article: web (by a customer), phone, e-mail (outbound) or
 * internal (by an agent).
 * Mail-created tickets go through the postmaster, which shares the same insert path.
 */
/**
 * `clientAddress`: a customer's new ticket takes a slot of the address's hourly limit in the
 * same transaction, so a refused or failed creation uses none.
 */
export async function createTicket(db: Db, actor: Actor, input: CreateTicketInput, opts: { clientAddress?: string } = {}) {
  const agent = isAgent(actor);
  if (agent && input.channel === "web") throw new AppError("BAD_INPUT", "errors.agentsOpenWhich");
  if (!agent && input.channel !== "web") throw new AppError("FORBIDDEN", "errors.customersOpenOnWeb");
  // An e-mail ticket starts with the agent's mail to the customer: nobody waits for the desk yet.
  const outbound = input.channel === "email";

  const queue = await queueById(db, input.queueId);
  if (agent) {
    if (!(await hasQueuePermission(db, actor.id, queue.id, "create"))) {
      throw new AppError("FORBIDDEN", "errors.needCreatePermission");
    }
  } else if (!queue.customerVisible) {
    throw new AppError("BAD_INPUT", "errors.queueTakesNoCustomerTickets");
  }
  if (input.channel === "phone" && !input.customerEmail) throw new AppError("BAD_INPUT", "errors.phoneTicketNeedsEmail");
  if (outbound && !input.customerEmail) throw new AppError("BAD_INPUT", "errors.emailTicketNeedsEmail");
  await checkUploadCount(db, input.uploadIds);

  const priority =
    input.priorityId && (agent || queue.customerMayChoosePriority) ? await priorityById(db, input.priorityId) : await defaultPriority(db);
  const classification = await initialClassification(db, actor, input);

  const number = await drawTicketNumber(db);
  return db.transaction(async (tx) => {
    // The same form submitted again: the ticket the first submission opened (the number drawn above stays unused).
    const earlier = await earlierSubmission(tx, actor.id, input.submitKey);
    if (earlier) return { id: earlier.ticketId, number: earlier.number };
    if (opts.clientAddress) await limitPortalTicket(tx, actor, opts.clientAddress);
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
    const internal = input.channel === "internal";
    const files = await claimUploads(tx, actor, input.uploadIds);
    const { ticket, article } = await openTicket(
      tx,
      actor,
      {
        number,
        title: input.title,
        queueId: queue.id,
        state,
        priorityId: priority.id,
        ...classification,
        customerUserId,
        customerCompanyId: companyId,
        isInternal: internal,
      },
      {
        channel: input.channel,
        // The customer speaks on the web and on the phone; the agent writes e-mail and internal tickets.
        senderType: internal || outbound ? "agent" : "customer",
        isInternal: internal,
        fromAddress: agent && input.channel === "phone" ? (input.customerEmail ?? null) : actor.email,
        toAddresses: outbound ? (input.customerEmail ?? null) : null,
        subject: input.title,
        bodyText: input.body,
        timeUnits: input.timeUnits ?? 0,
        attachments: files,
        submitKey: input.submitKey,
      },
    );
    if (outbound) await mailAgentReply(tx, { ticketId: ticket.id, articleId: article.id, agentName: actor.name, body: input.body, opening: true, attachments: files.map(toOutbox) });
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
