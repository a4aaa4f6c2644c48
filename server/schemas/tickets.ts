import { z } from "zod";
import { flattenLine, singleLine } from "./text";
import { uploadIds } from "./uploads";

export const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const text = (max: number) => z.string().trim().min(1).max(max);

export const version = z.number().int().positive();
/** A form's idempotency key: submitting the same form again (double click, retry) creates nothing new. */
export const submitKey = z.uuid().optional();

export const createTicketInput = z.object({
  /** email: an agent writes to a customer first (outbound); the ticket starts with that mail. */
  channel: z.enum(["web", "phone", "internal", "email"]),
  queueId: id,
  title: singleLine(250),
  body: text(100_000),
  priorityId: id.optional(),
  typeId: id.optional(),
  serviceId: id.optional(),
  /** Phone tickets: the caller, by e-mail (found or created as a customer user). */
  customerEmail: z.email().trim().max(254).optional(),
  customerName: z.string().trim().max(200).optional(),
  timeUnits: z.number().int().min(0).max(10_000).optional(),
  uploadIds,
  submitKey,
});
export type CreateTicketInput = z.infer<typeof createTicketInput>;

export const STATE_TYPES = ["new", "open", "pending_reminder", "pending_auto", "closed", "merged", "removed"] as const;
export const TICKET_SORTS = ["created", "changed", "priority", "waiting", "escalation", "pendingUntil", "number", "title", "queue", "state", "owner", "customer"] as const;

const ids = z.array(id).max(200).optional();
const when = z.coerce.date().optional();

export const listTicketsInput = z.object({
  queueIds: ids,
  stateTypes: z.array(z.enum(STATE_TYPES)).max(7).optional(),
  priorityIds: ids,
  typeIds: ids,
  serviceIds: ids,
  /** An agent's id, or "unowned" for tickets nobody owns. */
  ownerId: z.union([z.literal("unowned"), id]).optional(),
  responsibleId: id.optional(),
  customerUserId: id.optional(),
  customerCompanyId: id.optional(),
  locked: z.boolean().optional(),
  createdFrom: when,
  createdTo: when,
  changedFrom: when,
  changedTo: when,
  /** Only tickets where a customer waits for an answer. */
  waiting: z.boolean().optional(),
  /**
   * Agents, for report drill-downs (each a half-open range [from, to)): closed (latest close),
   * first response given, reopened, open at an instant, with articles (of a sender) or accounted
   * time in the range, or an SLA deadline missed at a first response or close in the range.
   */
  closedFrom: when,
  closedTo: when,
  firstResponseFrom: when,
  firstResponseTo: when,
  reopenedFrom: when,
  reopenedTo: when,
  openAt: when,
  articlesFrom: when,
  articlesTo: when,
  articleSender: z.enum(["customer", "agent", "system"]).optional(),
  timeFrom: when,
  timeTo: when,
  breachedFrom: when,
  breachedTo: when,
  /** Only pending-reminder tickets whose reminder time has come. */
  remindersDue: z.boolean().optional(),
  /** Agents: only tickets past their SLA deadline, or escalating within `escalationWithinMinutes` (default 120). */
  escalation: z.enum(["escalated", "soon"]).optional(),
  escalationWithinMinutes: z.number().int().min(1).max(43_200).optional(),
  /** A ticket number prefix or words of the title. */
  text: z.string().trim().max(200).optional(),
  /** Customers only: their own tickets, or their company's (when allowed). Agents: ignored. */
  scope: z.enum(["own", "company"]).optional(),
  includeArchived: z.boolean().default(false),
  sort: z.enum(TICKET_SORTS).default("created"),
  direction: z.enum(["asc", "desc"]).default("desc"),
  cursor: z.string().max(300).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type ListTicketsInput = z.input<typeof listTicketsInput>;

export const ticketRef = z.object({ ticketId: id });
export const changeBase = z.object({ ticketId: id, version });

export const setStateInput = changeBase.extend({ stateId: id, pendingUntil: z.coerce.date().optional() });
export const setPriorityInput = changeBase.extend({ priorityId: id });
export const moveInput = changeBase.extend({ queueId: id });
export const setOwnerInput = changeBase.extend({ ownerId: id });
export const lockInput = changeBase;
/** Leave a field out to keep it; null clears it. */
export const setClassificationInput = changeBase
  .extend({ typeId: id.nullable().optional(), serviceId: id.nullable().optional() })
  .refine((v) => v.typeId !== undefined || v.serviceId !== undefined, { message: "Choose a type or a service", path: ["typeId"] });

export const replyInput = z.object({
  ticketId: id,
  body: text(100_000),
  /** Collision safety: the newest article the agent saw when the draft began. */
  seenArticleId: id.optional(),
  /** The agent saw that the customer wrote again and sends anyway. */
  confirmed: z.boolean().optional(),
  /** Agents choose the state after the reply; defaults per queue. */
  nextStateId: id.optional(),
  /** Pending states need the time the ticket comes back. */
  pendingUntil: z.coerce.date().optional(),
  /** Agents only: edited recipients (reply all); default is the ticket's customer. */
  to: z.array(z.email().trim().max(254)).max(20).optional(),
  cc: z.array(z.email().trim().max(254)).max(20).optional(),
  timeUnits: z.number().int().min(0).max(10_000).optional(),
  uploadIds,
  submitKey,
});
export const noteInput = z.object({
  ticketId: id,
  body: text(100_000),
  subject: z.string().max(250).transform(flattenLine).optional(),
  /** A phone note records a call; it may be shown to the customer (needs rw). */
  channel: z.enum(["note", "phone"]).default("note"),
  visibleToCustomer: z.boolean().default(false),
  timeUnits: z.number().int().min(0).max(10_000).optional(),
  submitKey,
});

export const forwardInput = z.object({
  ticketId: id,
  to: z.array(z.email().trim().max(254)).min(1).max(20),
  body: z.string().trim().max(100_000).default(""),
  timeUnits: z.number().int().min(0).max(10_000).optional(),
});
