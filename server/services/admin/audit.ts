import type { Tx } from "@/db";
import { auditLog } from "@/db/schema";
import { AppError, type ErrorKey } from "@/server/errors";
import { invalidateConfig } from "@/server/services/config-cache";

/**
 * The one way an admin write happens (directory, configuration, mail): `adminChange` runs it in
 * a transaction together with its `audit` row, so the change and its record commit or fail
 * together, and turns constraint violations into CONFLICTs the admin can act on.
 */

export type AuditEntry = { actorId: number; action: string; entity: string; entityId?: string | number | null; before?: unknown; after?: unknown };

const SECRET_KEYS = /password|secret|token|hash/i;

/**
 * Records one admin change in the caller's transaction. `action` is a verb such as "create",
 * "update", "disable", "grant".
 */
export async function audit(tx: Tx, entry: AuditEntry) {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    before: scrub(entry.before) ?? null,
    after: scrub(entry.after) ?? null,
  });
}

/**
 * Runs an admin write in one transaction. A unique violation becomes CONFLICT with `taken`
 * ("A queue with this name already exists …"); a foreign-key violation (a reference that
 * appeared while we looked) the "in use" CONFLICT. `config: true` drops the configuration
 * cache after the commit (or rollback), so no request re-caches the old value in between.
 */
export async function adminChange<T>(db: Tx, o: { taken: ErrorKey; config?: boolean }, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction((tx) => fn(tx));
  } catch (error) {
    const code = pgCode(error);
    if (code === "23505") throw new AppError("CONFLICT", o.taken, undefined, { cause: error });
    if (code === "23503") throw new AppError("CONFLICT", "errors.inUseDisable", undefined, { cause: error });
    throw error;
  } finally {
    if (o.config) invalidateConfig();
  }
}

/**
 * The keys whose values differ, for compact audit rows. Objects compare by content, not key
 * order: a jsonb column gives its keys back in its own order.
 */
export function changedOnly<T extends Record<string, unknown>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const keys = Object.keys(after).filter((k) => stable(before[k]) !== stable(after[k]));
  return { before: Object.fromEntries(keys.map((k) => [k, before[k]])) as Partial<T>, after: Object.fromEntries(keys.map((k) => [k, after[k]])) as Partial<T> };
}

/** JSON with object keys sorted, so equal contents give equal text. */
function stable(value: unknown): string | undefined {
  return JSON.stringify(value, (_, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

/** Drops secrets from a snapshot before it is written to the audit log. */
function scrub(value: unknown): unknown {
  if (!value || typeof value !== "object") return value ?? null;
  if (Array.isArray(value)) return value.map(scrub);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? "[hidden]" : scrub(v)]));
}

function pgCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^\d{5}$/.test(code)) return code;
  }
  return undefined;
}
