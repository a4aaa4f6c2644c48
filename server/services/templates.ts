import { and, arrayContains, asc, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { queues, templates, tickets, users } from "@/db/schema";
import { type Actor } from "@/server/auth/actor";
import { hasQueuePermission } from "@/server/auth/permissions";
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

async function validTemplate(db: Tx, templateId: number, kind?: TemplateKind) {
  const [template] = await db
    .select({ subject: templates.subject, body: templates.body })
    .from(templates)
    .where(and(eq(templates.id, templateId), eq(templates.valid, true), kind ? arrayContains(templates.kinds, [kind]) : undefined))
    .limit(1);
  if (!template) throw new AppError("NOT_FOUND", "errors.notFoundTemplate");
  return template;
}

const filled = (template: { subject: string | null; body: string }, vars: Record<string, string | null | undefined>) => ({
  subject: template.subject ? fillPlaceholders(template.subject, vars) : null,
  body: fillPlaceholders(template.body, vars),
});

/** A template with its placeholders filled for one ticket the agent can see. */
export async function renderTemplate(db: Tx, actor: Actor, input: { templateId: number; ticketId: number }, loaded?: LoadedTicket) {
  const { ticket } = await readableTicket(db, actor, input.ticketId, "view", loaded);
  const template = await validTemplate(db, input.templateId);
  const [row] = await db
    .select({ queueName: queues.name, customerName: users.name })
    .from(tickets)
    .innerJoin(queues, eq(queues.id, tickets.queueId))
    .leftJoin(users, eq(users.id, tickets.customerUserId))
    .where(eq(tickets.id, ticket.id));
  const vars = { CUSTOMER_NAME: row?.customerName, TICKET_NUMBER: ticket.number, TICKET_TITLE: ticket.title, AGENT_NAME: actor.name, QUEUE_NAME: row?.queueName };
  return filled(template, vars);
}

/**
 * A "new ticket" template for the agent's new-ticket form, filled from what the form knows: the
 * caller's name, the chosen queue (when the agent may open tickets there) and the agent. The
 * ticket has no number or title yet, so those placeholders come out empty.
 */
export async function renderNewTicketTemplate(db: Tx, actor: Actor, input: { templateId: number; queueId?: number; customerName?: string }) {
  const template = await validTemplate(db, input.templateId, "new_ticket");
  let queueName: string | null = null;
  if (input.queueId && (await hasQueuePermission(db, actor.id, input.queueId, "create"))) {
    const [queue] = await db.select({ name: queues.name }).from(queues).where(eq(queues.id, input.queueId)).limit(1);
    queueName = queue?.name ?? null;
  }
  return filled(template, { CUSTOMER_NAME: input.customerName || null, TICKET_NUMBER: null, TICKET_TITLE: null, AGENT_NAME: actor.name, QUEUE_NAME: queueName });
}
