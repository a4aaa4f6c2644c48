import { and, desc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import { auditLog, users } from "@/db/schema";
import { olderThan, page, timeCursor } from "@/server/services/keyset";
import { auditNames } from "./audit-names";
import { listAuditInput, type ListAuditInput } from "@/server/schemas/admin-directory";

/**
 * The audit log, newest first, keyset over (created_at, id). A date range walks
 * audit_log_created_idx, an actor audit_log_actor_idx, an entity audit_log_entity_idx.
 */
export async function listAudit(db: Tx, raw: ListAuditInput) {
  const input = listAuditInput.parse(raw);
  const filters: (SQL | undefined)[] = [];
  if (input.actorId) filters.push(eq(auditLog.actorId, input.actorId));
  if (input.entity) filters.push(eq(auditLog.entity, input.entity));
  if (input.entityId) filters.push(eq(auditLog.entityId, input.entityId));
  if (input.action) filters.push(eq(auditLog.action, input.action));
  if (input.from) filters.push(gte(auditLog.createdAt, input.from));
  if (input.to) filters.push(lte(auditLog.createdAt, input.to));
  filters.push(olderThan(input.cursor, auditLog.createdAt, auditLog.id));
  const rows = await db
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      actorId: auditLog.actorId,
      actorName: users.name,
      actorEmail: users.email,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(...filters))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(input.limit + 1);
  const result = page(rows, input.limit, (last) => timeCursor(last.createdAt, last.id));
  const names = await auditNames(db, result.items.flatMap((r) => [r.before, r.after]));
  return { ...result, names };
}

/** The entity kinds that occur in the log, for the filter: a loose index scan over audit_log_entity_idx. */
export async function auditEntities(db: Tx): Promise<string[]> {
  const rows = await db.execute<{ entity: string }>(sql`
    with recursive kinds(entity) as (
      (select entity from audit_log order by entity limit 1)
      union all
      select (select a.entity from audit_log a where a.entity > kinds.entity order by a.entity limit 1) from kinds where kinds.entity is not null
    )
    select entity from kinds where entity is not null`);
  return rows.map((r) => r.entity);
}
