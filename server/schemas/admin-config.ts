import { z } from "zod";
import type { FilterSet } from "@/db/schema/mail";
import { locales } from "@/server/i18n/config";
import { latinDigits } from "@/server/i18n/digits";

// Shared by the admin configuration procedures and their forms: no server-only imports here.

export const STATE_TYPES = ["new", "open", "pending_reminder", "pending_auto", "closed", "merged", "removed"] as const;
export const FOLLOW_UP_RULES = ["reopen", "reject", "new_ticket"] as const;
export const UNVERIFIED_FOLLOW_UP_RULES = ["unverified", "new_ticket"] as const;
export const AUTO_RESPONSE_TYPES = ["new_ticket", "follow_up", "reject"] as const;
export const TEMPLATE_KINDS = ["reply", "note", "new_ticket", "forward"] as const;
/** Events notification rules react to; "escalation" is an SLA warning or breach. */
export const NOTIFICATION_EVENTS = ["new_ticket", "follow_up", "queue_changed", "owner_changed", "escalation"] as const;
export const REGISTRATION_MODES = ["open", "approval", "closed"] as const;
/** What filter conditions look at: the common headers by name, the body, or any other header typed in. */
export const FILTER_FIELDS = ["subject", "from", "to", "cc", "body", "reply-to", "x-priority", "list-id", "x-mailer"] as const;
export const PLACEHOLDERS = ["CUSTOMER_NAME", "TICKET_NUMBER", "TICKET_TITLE", "AGENT_NAME", "QUEUE_NAME"] as const;
export const LANGUAGES = locales;

export type StateType = (typeof STATE_TYPES)[number];
export type AutoResponseType = (typeof AUTO_RESPONSE_TYPES)[number];
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** A required choice: the message says what to choose when nothing was. */
const chosen = (what: string) => z.coerce.number().int().positive(`Choose ${what}`).max(Number.MAX_SAFE_INTEGER);
const optionalId = id.nullish().transform((v) => v ?? null);
const name = z.string().trim().min(1, "Enter a name").max(200, "Use at most 200 characters");
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));
const body = (label: string) => z.string().trim().min(1, `Enter the ${label}`).max(20_000, "Use at most 20,000 characters");
const email = z.email("Enter a valid e-mail address").trim().toLowerCase().max(254);
const language = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, "Use a language code such as en or pt-BR");

const paging = {
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
};
const search = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => v || undefined);
export const VALIDITY = ["all", "valid", "invalid"] as const;

export const byId = z.object({ id });
export const setValidInput = z.object({ id, valid: z.boolean() });
export const listInput = z.object({ search, status: z.enum(VALIDITY).default("all"), ...paging });
export type ListInput = z.input<typeof listInput>;

// Queues ----------------------------------------------------------------------------------

/** One name segment: the full name is the parent's path, "::", and this. */
const queueSegment = name.refine((v) => !v.includes("::"), "A queue name cannot contain “::”; choose a parent queue instead");

const queueFields = {
  name: queueSegment,
  parentId: optionalId,
  groupId: chosen("a group"),
  followUp: z.enum(FOLLOW_UP_RULES).default("reopen"),
  unverifiedFollowUp: z.enum(UNVERIFIED_FOLLOW_UP_RULES).default("unverified"),
  defaultNextStateId: optionalId,
  calendarId: optionalId,
  /** The SLA for the queue's tickets whose service and company name none. */
  slaId: optionalId,
  salutationId: optionalId,
  signatureId: optionalId,
  systemAddressId: optionalId,
  customerVisible: z.boolean().default(true),
  customerMayChoosePriority: z.boolean().default(false),
  unlockTimeoutMinutes: z.coerce.number().int("Use whole minutes").min(0, "Use 0 (never) or more minutes").max(43_200, "Use at most 30 days (43,200 minutes)").default(0),
  comment: optionalText(2000),
  /** The auto-response sent for each occasion; null sends none. */
  autoResponses: z
    .object({ new_ticket: optionalId, follow_up: optionalId, reject: optionalId })
    .default({ new_ticket: null, follow_up: null, reject: null }),
};
export const createQueueInput = z.object(queueFields);
export const updateQueueInput = z.object({ id, ...queueFields });
export const queueTreeInput = z.object({ status: z.enum(VALIDITY).default("all") }).default({ status: "all" });
export type QueueInput = z.input<typeof createQueueInput>;

// States, priorities, types, services -----------------------------------------------------

const stateFields = { name, type: z.enum(STATE_TYPES), nextStateId: optionalId, comment: optionalText(2000) };
export const createStateInput = z.object(stateFields);
export const updateStateInput = z.object({ id, ...stateFields });

const color = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "Use a colour such as #10b981")
  .nullish()
  .or(z.literal(""))
  .transform((v) => (v ? v.toLowerCase() : null));
const priorityFields = { name, level: z.coerce.number().int().min(1, "Use a level from 1 to 5").max(5, "Use a level from 1 to 5"), color };
export const createPriorityInput = z.object(priorityFields);
export const updatePriorityInput = z.object({ id, ...priorityFields });

export const createTypeInput = z.object({ name });
export const updateTypeInput = z.object({ id, name });

const serviceFields = { name, parentId: optionalId, comment: optionalText(2000), customerVisible: z.boolean().default(true) };
export const createServiceInput = z.object(serviceFields);
export const updateServiceInput = z.object({ id, ...serviceFields });

// Texts -----------------------------------------------------------------------------------

const templateFields = {
  name,
  kinds: z
    .array(z.enum(TEMPLATE_KINDS))
    .min(1, "Choose where the template can be used")
    .max(TEMPLATE_KINDS.length)
    .transform((list) => [...new Set(list)]),
  subject: optionalText(500),
  body: body("template text"),
};
export const createTemplateInput = z.object(templateFields);
export const updateTemplateInput = z.object({ id, ...templateFields });

const snippetFields = { name, body: body("text") };
export const createSnippetInput = z.object(snippetFields);
export const updateSnippetInput = z.object({ id, ...snippetFields });

const autoResponseText = z.object({
  language,
  subject: z.string().trim().min(1, "Enter a subject").max(500, "Use at most 500 characters"),
  body: body("text"),
});
const autoResponseFields = {
  name,
  type: z.enum(AUTO_RESPONSE_TYPES),
  texts: z
    .array(autoResponseText)
    .min(1, "Add the text in at least one language")
    .max(50)
    .refine((texts) => new Set(texts.map((t) => t.language)).size === texts.length, "Each language can have only one text"),
};
export const createAutoResponseInput = z.object(autoResponseFields);
export const updateAutoResponseInput = z.object({ id, ...autoResponseFields });

export const previewInput = z.object({
  subject: z.string().max(500).optional(),
  body: z.string().max(20_000),
  /** Auto-responses go out with the ticket hook in front of the subject. */
  withHook: z.boolean().default(false),
});

// Notification rules ----------------------------------------------------------------------

const notificationRuleFields = {
  name,
  event: z.enum(NOTIFICATION_EVENTS),
  recipients: z
    .object({
      owner: z.boolean().default(false),
      responsible: z.boolean().default(false),
      queueSubscribers: z.boolean().default(false),
      groupIds: z
        .array(id)
        .max(200)
        .default([])
        .transform((list) => [...new Set(list)]),
      userIds: z
        .array(id)
        .max(200)
        .default([])
        .transform((list) => [...new Set(list)]),
    })
    .refine((r) => r.owner || r.responsible || r.queueSubscribers || r.groupIds.length > 0 || r.userIds.length > 0, { message: "Choose at least one recipient", path: ["owner"] }),
  channels: z.object({ email: z.boolean(), app: z.boolean() }).refine((c) => c.email || c.app, { message: "Choose at least one channel", path: ["email"] }),
  /** Null: every queue. */
  queueIds: z
    .array(id)
    .max(500)
    .nullish()
    .transform((list) => (list && list.length > 0 ? [...new Set(list)] : null)),
};
export const createNotificationRuleInput = z.object(notificationRuleFields);
export const updateNotificationRuleInput = z.object({ id, ...notificationRuleFields });

// Mail accounts, system addresses ---------------------------------------------------------

const host = z
  .string()
  .trim()
  .min(1, "Enter the server's host name")
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, "Use a host name such as imap.example.com");
const mailAccountFields = {
  name,
  host,
  port: z.coerce.number().int().min(1, "Use a port from 1 to 65535").max(65_535, "Use a port from 1 to 65535").default(993),
  tls: z.boolean().default(true),
  username: z.string().trim().min(1, "Enter the user name").max(320),
  folder: z.string().trim().min(1, "Enter a folder, e.g. INBOX").max(200).default("INBOX"),
  queueId: optionalId,
  followUpByBody: z.boolean().default(false),
  deleteAfterImport: z.boolean().default(false),
};
const secret = z.string().min(1, "Enter the password").max(1000);
export const createMailAccountInput = z.object({ ...mailAccountFields, secret });
/** Without a secret the stored one stays: it is never sent to the browser, so the form cannot echo it. */
export const updateMailAccountInput = z.object({ id, ...mailAccountFields, secret: secret.optional().or(z.literal("").transform(() => undefined)) });
/** Tries the form's values; without a secret, the stored one of account `id`. */
export const testMailAccountInput = z
  .object({
    id: id.optional(),
    host,
    port: mailAccountFields.port,
    tls: mailAccountFields.tls,
    username: mailAccountFields.username,
    folder: mailAccountFields.folder,
    secret: z.string().max(1000).optional(),
  })
  .refine((v) => v.id !== undefined || Boolean(v.secret), { message: "Enter the password", path: ["secret"] });

const systemAddressFields = {
  address: email,
  displayName: z.string().trim().min(1, "Enter the name recipients see").max(200),
  queueId: chosen("the queue for mail to this address"),
};
export const createSystemAddressInput = z.object(systemAddressFields);
export const updateSystemAddressInput = z.object({ id, ...systemAddressFields });

// Postmaster filters ----------------------------------------------------------------------

export const filterCondition = z
  .object({
    field: z
      .string()
      .trim()
      .toLowerCase()
      .min(1, "Choose a header or the body")
      .max(100)
      .regex(/^[a-z0-9-]+$/, "Use a header name such as subject or x-spam-flag"),
    pattern: z.string().min(1, "Enter what to look for").max(1000),
    regex: z.boolean().default(false),
    negate: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    if (!c.regex) return;
    const problem = regexProblem(c.pattern);
    if (problem) ctx.addIssue({ code: "custom", path: ["pattern"], message: `This regular expression does not compile: ${problem}` });
  });
const filterFields = {
  name,
  position: z.coerce.number().int().min(0).max(100_000).default(0),
  match: z.array(filterCondition).min(1, "Add at least one condition").max(20),
  set: z
    .object({
      queueId: id.optional(),
      priorityId: id.optional(),
      typeId: id.optional(),
      serviceId: id.optional(),
      customerEmail: email.optional().or(z.literal("").transform(() => undefined)),
      ignore: z.boolean().optional(),
    })
    .transform(
      (s): FilterSet => ({
        ...(s.queueId ? { queueId: s.queueId } : {}),
        ...(s.priorityId ? { priorityId: s.priorityId } : {}),
        ...(s.typeId ? { typeId: s.typeId } : {}),
        ...(s.serviceId ? { serviceId: s.serviceId } : {}),
        ...(s.customerEmail ? { customerEmail: s.customerEmail } : {}),
        ...(s.ignore ? { ignore: true } : {}),
      }),
    )
    .refine((s) => Object.keys(s).length > 0, "Choose at least one thing the filter sets (or ignore the message)"),
  stop: z.boolean().default(false),
};
export const createFilterInput = z.object(filterFields);
export const updateFilterInput = z.object({ id, ...filterFields });
export const filterDryRunInput = z.object({ raw: z.string().min(1, "Paste a message, headers and body").max(2_000_000, "The message is larger than 2 MB") });

// Settings --------------------------------------------------------------------------------

export const settingsInput = z.object({
  ticketHook: z
    .string()
    .trim()
    .min(1, "Enter the ticket hook, e.g. Ticket#")
    .max(40)
    .regex(/^[^\s[\]]+$/, "Use no spaces or brackets in the hook"),
  systemId: z
    .string()
    .trim()
    .overwrite(latinDigits)
    .regex(/^\d{1,2}$/, "Use one or two digits"),
  /** Closed tickets move to the archive this many days after closing; 0 never archives. */
  archiveDays: z.coerce.number().int().min(0, "Use 0 or more").max(3650, "Use at most 3650 days"),
  registration: z.enum(REGISTRATION_MODES),
  defaultLanguage: z.enum(LANGUAGES),
  /** The desk's name on ticket and report PDFs; empty: the product name in the reader's language. */
  deskName: z.string().trim().max(100, "Use at most 100 characters").default(""),
  customerMayChooseService: z.boolean(),
  /** Customers see the SLA's expected answer time on their tickets. */
  showExpectedAnswerTime: z.boolean().default(false),
  /** Anonymous visitors may read the FAQ's public articles at /faq. */
  faqPublic: z.boolean().default(false),
  maxAutoResponsesPerDay: z.coerce.number().int().min(0, "Use 0 or more").max(1000, "Use at most 1000"),
  maxNewTicketsPerHour: z.coerce.number().int().min(0, "Use 0 or more").max(10000, "Use at most 10000"),
  /** A new customer ticket at least this similar (percent) to an open one of the same customer is flagged as a possible duplicate; 0: off. */
  duplicateThreshold: z.coerce.number().int().min(0, "Use 0 or more").max(100, "Use at most 100").default(30),
  maxMessageBytes: z.coerce.number().int().min(1024 * 1024, "Use at least 1 MB").max(200 * 1024 * 1024, "Use at most 200 MB"),
  maxParts: z.coerce.number().int().min(10, "Use at least 10").max(100_000, "Use at most 100000"),
  maxDepth: z.coerce.number().int().min(3, "Use at least 3").max(1000, "Use at most 1000"),
  maxHeaderBytes: z.coerce.number().int().min(16 * 1024, "Use at least 16 KB").max(16 * 1024 * 1024, "Use at most 16 MB"),
  parseBudgetMs: z.coerce.number().int().min(1000, "Use at least 1 second").max(600_000, "Use at most 10 minutes"),
  messageIdDomain: z
    .string()
    .trim()
    .toLowerCase()
    .max(253)
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "Use a domain such as helpdesk.example.com"),
  defaultFrom: z
    .string()
    .trim()
    .max(320)
    .refine(isSender, "Use an address, optionally with a name: Helpdesk <help@example.com>"),
  /** Mail hosts the desk may reach although they resolve to internal addresses; comma-separated. */
  mailAllowedHosts: z
    .string()
    .max(2000)
    .transform((v) =>
      v
        .split(/[\s,]+/)
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean)
        .join(","),
    )
    .refine((v) => v.split(",").every((h) => h === "" || /^[a-z0-9.-]+$|^\[?[0-9a-f:.]+\]?$/.test(h)), "List host names or addresses, separated by commas")
    .default(""),
});
export type SettingsInput = z.input<typeof settingsInput>;

function regexProblem(pattern: string): string | null {
  try {
    new RegExp(pattern, "i");
    return null;
  } catch (error) {
    return error instanceof Error ? error.message.replace(/^Invalid regular expression: (\/.*\/[a-z]*: )?/s, "") : "invalid";
  }
}

function isSender(value: string): boolean {
  const address = value.match(/^(?:[^<>]*<([^<>\s]+)>|([^<>\s]+))$/);
  const bare = address?.[1] ?? address?.[2];
  return Boolean(bare && z.email().safeParse(bare).success);
}
