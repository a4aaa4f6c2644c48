import { inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { customerCompanies, priorities, queues, services, states, ticketTypes, users } from "@/db/schema";
import type { Dimension } from "@/server/schemas/reports";
import { translate } from "@/server/i18n/translate";

/** What a dimension's keys read as: names for ids, the reader's words for senders, dates as they are. */
export async function dimensionLabels(db: Tx, d: Dimension, keys: (string | null)[], language: string): Promise<Map<string | null, string>> {
  const out = new Map<string | null, string>();
  out.set(null, translate(language, "reports.none"));
  const ids = [...new Set(keys.filter((k): k is string => k !== null).map(Number))];
  const named = async (rows: Promise<{ id: number; name: string | null }[]>) => {
    for (const r of await rows) out.set(String(r.id), r.name ?? String(r.id));
  };
  if (d === "sender") for (const k of keys) if (k) out.set(k, translate(language, `reports.sender.${k}`));
  if (ids.length === 0 || !["queue", "customer", "company", "agent", "service", "priority", "type", "state"].includes(d)) {
    for (const k of keys) if (k !== null && !out.has(k)) out.set(k, k);
    return out;
  }
  if (d === "queue") await named(db.select({ id: queues.id, name: queues.name }).from(queues).where(inArray(queues.id, ids)));
  if (d === "customer" || d === "agent") await named(db.select({ id: users.id, name: sql<string>`coalesce(${users.name}, ${users.email})` }).from(users).where(inArray(users.id, ids)));
  if (d === "company") await named(db.select({ id: customerCompanies.id, name: customerCompanies.name }).from(customerCompanies).where(inArray(customerCompanies.id, ids)));
  if (d === "service") await named(db.select({ id: services.id, name: services.name }).from(services).where(inArray(services.id, ids)));
  if (d === "priority") await named(db.select({ id: priorities.id, name: priorities.name }).from(priorities).where(inArray(priorities.id, ids)));
  if (d === "type") await named(db.select({ id: ticketTypes.id, name: ticketTypes.name }).from(ticketTypes).where(inArray(ticketTypes.id, ids)));
  if (d === "state") await named(db.select({ id: states.id, name: states.name }).from(states).where(inArray(states.id, ids)));
  return out;
}
