import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { settings } from "@/db/schema";
import type { RegistrationMode } from "@/db/schema/enums";
import { translatorFor } from "@/server/i18n/translate";
import { DEFAULT_MAIL_LIMITS } from "@/server/mail/limits";
import { cached, invalidateConfig } from "@/server/services/config-cache";

/** Typed settings with their defaults; the database row wins when present. */
const DEFAULTS = {
  "ticket.hook": "Ticket#",
  "ticket.system_id": "10",
  "ticket.archive_days": 30,
  "auth.registration": "approval" as RegistrationMode,
  "auth.max_failures": 5,
  "auth.block_minutes": 15,
  /** New tickets one address may open per hour, on the portal (network address) and by mail (sender); 0: no limit. */
  "tickets.max_new_per_hour_per_address": 20,
  /** A new customer ticket this similar (0–100) to an open one of the same customer is suggested as its duplicate; 0: never. */
  "tickets.duplicate_threshold_percent": 30,
  "system.default_language": "en",
  /** Customers may choose a service (a customer-visible one) on the portal's new-request form. */
  "portal.customer_may_choose_service": false as boolean,
  /** Customers see when the desk's SLA promises an answer (the first-response or update deadline) on their ticket. */
  "portal.show_expected_answer_time": false as boolean,
  "system.time_zone": "UTC",
  /** The desk's name on PDFs (tickets, reports); empty: the product name in the reader's language. */
  "system.desk_name": "",
  /** Anonymous visitors may read the FAQ's public articles at /faq. */
  "faq.public": false as boolean,
  /** At most this many auto-responses to one sender per day (loop brake). */
  "postmaster.max_auto_responses_per_day": 10,
  /** Domain used in the Message-IDs of outgoing mail. */
  "mail.message_id_domain": "helpdesk.local",
  /**
   * Hosts the desk may connect to although they resolve to an internal address (loopback,
   * private, link-local…): comma-separated, as typed in the mail account. MAIL_ALLOWED_HOSTS adds to it.
   */
  "mail.allowed_hosts": "",
  /** Sender of notifications and auto-responses when a queue has no system address. */
  "mail.default_from": "Helpdesk <helpdesk@example.com>",
  /** Inbound mail: the largest raw message in bytes; bigger mail is quarantined (or refused by the transport). */
  "mail.max_message_bytes": DEFAULT_MAIL_LIMITS.maxBytes,
  /** Inbound mail: most MIME parts in one message. */
  "mail.max_parts": DEFAULT_MAIL_LIMITS.maxParts,
  /** Inbound mail: deepest nesting of multipart bodies. */
  "mail.max_depth": DEFAULT_MAIL_LIMITS.maxDepth,
  /** Inbound mail: largest header block (of the message or one part), in bytes. */
  "mail.max_header_bytes": DEFAULT_MAIL_LIMITS.maxHeaderBytes,
  /** Inbound mail: time parsing one message may take, in milliseconds; over it the message is quarantined. */
  "mail.parse_budget_ms": DEFAULT_MAIL_LIMITS.budgetMs,
  /** Largest accepted upload, in bytes. */
  "uploads.max_bytes": 10 * 1024 * 1024,
  /** Most files on one ticket or reply. */
  "uploads.max_files": 10,
  /** Content types accepted, comma-separated; checked against the file's content, not its name. */
  "uploads.allowed_types": [
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "application/pdf",
    "text/plain",
    "text/csv",
    "application/zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "message/rfc822",
  ].join(","),
};
export type SettingKey = keyof typeof DEFAULTS;

export async function getSetting<K extends SettingKey>(db: Tx, key: K): Promise<(typeof DEFAULTS)[K]> {
  const [row] = await cached(`setting:${key}`, () => db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1));
  const fallback = DEFAULTS[key];
  if (row?.value === undefined || row.value === null) return fallback;
  // jsonb round-trips may turn "10" into 10; coerce to the default's type.
  if (typeof fallback === "boolean") return (row.value === true || row.value === "true") as (typeof DEFAULTS)[K];
  return (typeof fallback === "number" ? Number(row.value) : String(row.value)) as (typeof DEFAULTS)[K];
}

export async function setSetting<K extends SettingKey>(db: Tx, key: K, value: (typeof DEFAULTS)[K]): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, changedAt: new Date() } });
  invalidateConfig(`setting:${key}`);
}

/** The desk's name as printed on PDFs (tickets and reports): the setting, else the product name in the reader's language. */
export async function deskName(db: Tx, language: string): Promise<string> {
  const name = (await getSetting(db, "system.desk_name")).trim();
  return name || translatorFor(language)("common.appName");
}
