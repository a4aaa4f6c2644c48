import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { users } from "@/db/schema";
import { AppError } from "@/server/errors";

/**
 * Shared pieces of the admin directory services (agents, customers, companies, groups, roles,
 * permissions, audit). Every change runs in one transaction together with its audit row.
 */

export const EMAIL_TAKEN = "errors.emailTaken";

/** A user row of one kind, locked for the change; NOT_FOUND when there is none of that kind. */
export async function lockUser(tx: Tx, id: number, kind: "agent" | "customer") {
  const roles = kind === "agent" ? sql`${users.role} in ('agent', 'admin')` : eq(users.role, "customer");
  const [row] = await tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      enabled: users.enabled,
      approved: users.approved,
      companyId: users.companyId,
      seesCompanyTickets: users.seesCompanyTickets,
      faqEditor: users.faqEditor,
      phone: users.phone,
      defaultQueueId: users.defaultQueueId,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(and(eq(users.id, id), roles))
    .for("update")
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", kind === "agent" ? "errors.notFoundAgent" : "errors.notFoundCustomer");
  return row;
}

/** NOT_FOUND unless the user exists and is of this kind (agent procedures never touch customers, and back). */
export async function requireKind(db: Tx, id: number, kind: "agent" | "customer") {
  const roles = kind === "agent" ? sql`${users.role} in ('agent', 'admin')` : eq(users.role, "customer");
  const [row] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, id), roles)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", kind === "agent" ? "errors.notFoundAgent" : "errors.notFoundCustomer");
}

/** Fields of a user that go into audit snapshots (never the password hash). */
export function userSnapshot(row: { name: string; email: string; role: string; enabled: boolean; approved?: boolean; companyId?: number | null; seesCompanyTickets?: boolean; phone?: string | null; defaultQueueId?: number | null; faqEditor?: boolean }) {
  const { name, email, role, enabled, approved, companyId, seesCompanyTickets, phone, defaultQueueId, faqEditor } = row;
  return role === "customer" ? { name, email, role, enabled, approved, companyId, seesCompanyTickets, phone, defaultQueueId: defaultQueueId ?? null } : { name, email, role, enabled, faqEditor: faqEditor ?? false };
}
