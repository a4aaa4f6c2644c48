import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { users } from "@/db/schema";
import { AppError } from "@/server/errors";
import { audit } from "@/server/services/admin/audit";
import { mailApproved } from "./account-mail";

/**
 * Admin decisions about an account, shared by the admin console and scripts. Each runs in one
 * transaction with its audit row, is idempotent (approving twice changes and mails nothing),
 * and checks that `adminId` is an enabled admin, whoever calls it.
 */
export async function approveCustomer(db: Tx, adminId: number, userId: number): Promise<{ id: number; changed: boolean }> {
  return db.transaction(async (tx) => {
    await requireAdmin(tx, adminId);
    const user = await lockUser(tx, userId);
    if (user.role !== "customer") throw new AppError("NOT_FOUND", "errors.notFoundCustomer");
    if (user.approved) return { id: user.id, changed: false };
    await tx.update(users).set({ approved: true, changedAt: new Date() }).where(eq(users.id, user.id));
    await audit(tx, { actorId: adminId, action: "approve", entity: "customer", entityId: user.id, before: { approved: false }, after: { approved: true } });
    await mailApproved(tx, user);
    return { id: user.id, changed: true };
  });
}

/** Disables an account; its sessions end on their next request (session version bump). */
export async function disableUser(db: Tx, adminId: number, userId: number): Promise<{ id: number; changed: boolean }> {
  if (adminId === userId) throw new AppError("INVALID_STATE", "errors.disableOwnAccount");
  return setEnabled(db, adminId, userId, false);
}

export async function enableUser(db: Tx, adminId: number, userId: number): Promise<{ id: number; changed: boolean }> {
  return setEnabled(db, adminId, userId, true);
}

/** Why a session no longer counts, for the sign-in page's message; the session's own user only. */
export async function sessionEndReason(db: Tx, userId: number): Promise<"disabled" | "unapproved" | "session_ended"> {
  const [row] = await db.select({ enabled: users.enabled, approved: users.approved }).from(users).where(eq(users.id, userId));
  if (row && !row.enabled) return "disabled";
  if (row && !row.approved) return "unapproved";
  return "session_ended";
}

async function setEnabled(db: Tx, adminId: number, userId: number, enabled: boolean) {
  return db.transaction(async (tx) => {
    await requireAdmin(tx, adminId);
    const user = await lockUser(tx, userId);
    if (user.enabled === enabled) return { id: user.id, changed: false };
    await tx
      .update(users)
      .set({ enabled, changedAt: new Date(), ...(enabled ? {} : { sessionVersion: sql`${users.sessionVersion} + 1` }) })
      .where(eq(users.id, user.id));
    await audit(tx, {
      actorId: adminId,
      action: enabled ? "enable" : "disable",
      entity: user.role === "customer" ? "customer" : "agent",
      entityId: user.id,
      before: { enabled: !enabled },
      after: { enabled },
    });
    return { id: user.id, changed: true };
  });
}

async function requireAdmin(tx: Tx, adminId: number) {
  const [admin] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, adminId), eq(users.role, "admin"), eq(users.enabled, true)));
  if (!admin) throw new AppError("FORBIDDEN", "errors.onlyAdministrator");
}

async function lockUser(tx: Tx, userId: number) {
  const [user] = await tx
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, enabled: users.enabled, approved: users.approved })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  if (!user) throw new AppError("NOT_FOUND", "errors.notFoundUser");
  return user;
}
