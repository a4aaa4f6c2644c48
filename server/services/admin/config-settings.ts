import type { z } from "zod";
import type { Tx } from "@/db";
import type { Actor } from "@/server/auth/actor";
import { settingsInput, type SettingsInput } from "@/server/schemas/admin-config";
import { invalidateConfig } from "@/server/services/config-cache";
import { getSetting, setSetting, type SettingKey } from "@/server/services/settings";
import { audit } from "./audit";


/** The form's fields and the settings they are stored as. Only settings something reads are here. */
const KEYS = {
  ticketHook: "ticket.hook",
  systemId: "ticket.system_id",
  archiveDays: "ticket.archive_days",
  registration: "auth.registration",
  defaultLanguage: "system.default_language",
  deskName: "system.desk_name",
  customerMayChooseService: "portal.customer_may_choose_service",
  showExpectedAnswerTime: "portal.show_expected_answer_time",
  faqPublic: "faq.public",
  maxAutoResponsesPerDay: "postmaster.max_auto_responses_per_day",
  maxNewTicketsPerHour: "tickets.max_new_per_hour_per_address",
  duplicateThreshold: "tickets.duplicate_threshold_percent",
  maxMessageBytes: "mail.max_message_bytes",
  maxParts: "mail.max_parts",
  maxDepth: "mail.max_depth",
  maxHeaderBytes: "mail.max_header_bytes",
  parseBudgetMs: "mail.parse_budget_ms",
  messageIdDomain: "mail.message_id_domain",
  defaultFrom: "mail.default_from",
  mailAllowedHosts: "mail.allowed_hosts",
} as const satisfies Record<keyof SettingsInput, SettingKey>;

type Field = keyof typeof KEYS;
const FIELDS = Object.keys(KEYS) as Field[];

export async function getSettings(db: Tx): Promise<z.output<typeof settingsInput>> {
  const values = await Promise.all(FIELDS.map((f) => getSetting(db, KEYS[f])));
  return Object.fromEntries(FIELDS.map((f, i) => [f, values[i]])) as z.output<typeof settingsInput>;
}

/**
 * Saves the settings that changed, one audit row per setting, in one transaction. The cache is
 * dropped again after the commit so the next reply already uses, e.g., the new ticket hook.
 */
export async function updateSettings(db: Tx, actor: Actor, raw: z.input<typeof settingsInput>) {
  const input = settingsInput.parse(raw);
  try {
    return await db.transaction(async (tx) => {
      const current = await getSettingsUncached(tx);
      const changed = FIELDS.filter((f) => current[f] !== input[f]);
      for (const field of changed) {
        await setSetting(tx, KEYS[field], input[field] as never);
        await audit(tx, { actorId: actor.id, action: "update", entity: "setting", entityId: KEYS[field], before: { value: current[field] }, after: { value: input[field] } });
      }
      return { changed: changed.map((f) => KEYS[f]) };
    });
  } finally {
    invalidateConfig("setting:");
  }
}

/** The stored values, not a cached copy another instance may have changed in the meantime. */
async function getSettingsUncached(tx: Tx) {
  invalidateConfig("setting:");
  return getSettings(tx);
}
