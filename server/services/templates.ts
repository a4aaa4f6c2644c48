import { and, arrayContains, asc, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { queues, templates, tickets, users } from "@/db/schema";
import { type Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { fillPlaceholders } from "@/server/mail/compose";
import { type LoadedTicket, readableTicket } from "@/server/services/tickets/scope";

type TemplateKind = "reply" | "note" | "new_ticket" | "forward";

/** Valid templates usable in one kind of form, by name. */
export function listTemplates(db: Tx, kind: TemplateKind) {
  return db
    .select({ id: templates.id, name: templates.name, subject: templates.subject, body: templates.body })
    .from(templates)
    .where(and(eq(templates.valid, true), arrayContains(templates.kinds, [kind])))
    .orderBy(asc(templates.name));
}

/** A template with its placeholders filled for one ticket the agent can see. */
export async function renderTemplate(db: Tx, actor: Actor, input: { templateId: number; ticketId: number }, loaded?: LoadedTicket) {
  const { ticket } = await readableTicket(db, actor, input.ticketId, "view", loaded);
  const [template] = await db
    .select({ subject: templates.subject, body: templates.body })
    .from(templates)
    .where(and(eq(templates.id, input.templateId), eq(templates.valid, true)))
    .limit(1);
  if (!template) throw new AppError("NOT_FOUND", "errors.notFoundTemplate");
  const [row] = await db
    .select({ queueName: queues.name, customerName: users.name })
    .from(tickets)
    .innerJoin(queues, eq(queues.id, tickets.queueId))
    .leftJoin(users, eq(users.id, tickets.customerUserId))
    .where(eq(tickets.id, ticket.id));
  const vars = { CUSTOMER_NAME: row?.customerName, TICKET_NUMBER: ticket.number, TICKET_TITLE: ticket.title, AGENT_NAME: actor.name, QUEUE_NAME: row?.queueName };
  return { subject: template.subject ? fillPlaceholders(template.subject, vars) : null, body: fillPlaceholders(template.body, vars) };
}
