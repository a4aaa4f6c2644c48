import type { Tx } from "@/db";
import { auditLog } from "@/db/schema";

const SECRET_KEYS = /password|secret|token|hash/i;

/** Drops secrets from a snapshot before it is written to the audit log. */
function scrub(value: unknown): unknown {
  if (!value || typeof value !== "object") return value ?? null;
  if (Array.isArray(value)) return value.map(scrub);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? "[hidden]" : scrub(v)]));
}

/**
 * Records one admin change in the caller's transaction, so the change and its audit row
 * commit together. `action` is a verb such as "create", "update", "disable", "grant".
 */
export async function audit(tx: Tx, entry: { actorId: number; action: string; entity: string; entityId?: string | number | null; before?: unknown; after?: unknown }) {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    before: scrub(entry.before) ?? null,
    after: scrub(entry.after) ?? null,
  });
}
