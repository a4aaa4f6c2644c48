import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db";
import { customerCompanies, queues, tickets, users } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { hashPassword } from "@/server/auth/password";
import { AppError } from "@/server/errors";
import {
  byId,
  createCustomerInput,
  listCustomersInput,
  type ListCustomersInput,
  mergeCustomersInput,
  resetCustomerPasswordInput,
  setEnabledInput,
  updateCustomerInput,
} from "@/server/schemas/admin-directory";
import { issueToken, linkFor } from "@/server/auth/tokens";
import type { HistoryEvent } from "@/server/services/tickets/history";
import { commitChange, reassignArticleAuthor } from "@/server/services/tickets/lifecycle";
import { mailTokenLink } from "@/server/services/users/account-mail";
import { approveCustomer as approveAccount, disableUser, enableUser } from "@/server/services/users/approval";
import { requireRef } from "./config";
import { EMAIL_TAKEN, lockUser, requireKind, userSnapshot } from "./directory";
import { contains, decodeCursor, encodeCursor, page } from "@/server/services/keyset";
import { adminChange, audit, changedOnly } from "./audit";

const NO_QUEUE = "errors.customerDefaultQueue";

const customerColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  phone: users.phone,
  companyId: users.companyId,
  companyName: customerCompanies.name,
  seesCompanyTickets: users.seesCompanyTickets,
  defaultQueueId: users.defaultQueueId,
  defaultQueueName: queues.name,
  enabled: users.enabled,
  approved: users.approved,
  emailConfirmedAt: users.emailConfirmedAt,
  lastSignInAt: users.lastSignInAt,
  createdAt: users.createdAt,
};

/** Customers, newest first (keyset over the (role, id) index); search by name or e-mail. */
export async function listCustomers(db: Tx, raw: ListCustomersInput) {
  const input = listCustomersInput.parse(raw);
  const filters: (SQL | undefined)[] = [eq(users.role, "customer"), contains(input.search, users.name, users.email)];
  if (input.status === "enabled") filters.push(eq(users.enabled, true), eq(users.approved, true));
  if (input.status === "disabled") filters.push(eq(users.enabled, false));
  if (input.status === "pending") filters.push(eq(users.approved, false), eq(users.enabled, true));
  if (input.companyId) filters.push(eq(users.companyId, input.companyId));
  if (input.cursor) filters.push(lt(users.id, decodeCursor(input.cursor, "integer")[1]));
  const rows = await db
    .select(customerColumns)
    .from(users)
    .leftJoin(customerCompanies, eq(customerCompanies.id, users.companyId))
    .leftJoin(queues, eq(queues.id, users.defaultQueueId))
    .where(and(...filters))
    .orderBy(desc(users.id))
    .limit(input.limit + 1);
  return page(rows, input.limit, (last) => encodeCursor(last.id, last.id));
}

export async function createCustomer(db: Tx, actor: Actor, raw: z.input<typeof createCustomerInput>) {
  const input = createCustomerInput.parse(raw);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return adminChange(db, { taken: EMAIL_TAKEN }, async (tx) => {
    await requireCompany(tx, input.companyId);
    await requireRef(tx, queues, input.defaultQueueId, NO_QUEUE);
    const [row] = await tx
      .insert(users)
      .values({
        name: input.name,
        email: input.email,
        role: "customer",
        passwordHash,
        companyId: input.companyId,
        seesCompanyTickets: input.seesCompanyTickets,
        phone: input.phone,
        defaultQueueId: input.defaultQueueId,
        approved: true,
      })
      .returning();
    if (!row) throw new Error("insert returned nothing");
    await audit(tx, { actorId: actor.id, action: "create", entity: "customer", entityId: row.id, after: { ...userSnapshot(row), canSignIn: Boolean(passwordHash) } });
    return { id: row.id };
  });
}

export async function updateCustomer(db: Tx, actor: Actor, raw: z.input<typeof updateCustomerInput>) {
  const input = updateCustomerInput.parse(raw);
  return adminChange(db, { taken: EMAIL_TAKEN }, async (tx) => {
    const current = await lockUser(tx, input.id, "customer");
    await requireCompany(tx, input.companyId);
    // An unchanged default queue may stay even when its queue was disabled since.
    if (input.defaultQueueId !== current.defaultQueueId) await requireRef(tx, queues, input.defaultQueueId, NO_QUEUE);
    const { id, ...fields } = input;
    const diff = changedOnly(userSnapshot(current), userSnapshot({ ...current, ...fields }));
    if (Object.keys(diff.after).length === 0) return { id };
    await tx.update(users).set({ ...fields, changedAt: new Date() }).where(eq(users.id, id));
    await audit(tx, { actorId: actor.id, action: "update", entity: "customer", entityId: id, ...diff });
    return { id };
  });
}

/**
 * Enables or disables a customer's access (the account flows' service: audited, disabling ends
 * the sessions on their next request).
 */
export async function setCustomerEnabled(db: Tx, actor: Actor, raw: z.input<typeof setEnabledInput>) {
  const input = setEnabledInput.parse(raw);
  await requireKind(db, input.id, "customer");
  const result = input.enabled ? await enableUser(db, actor.id, input.id) : await disableUser(db, actor.id, input.id);
  return { id: result.id, enabled: input.enabled, changed: result.changed };
}

/** Approves a pending self-registration and mails the customer (idempotent: a second approval does nothing). */
export async function approveCustomer(db: Tx, actor: Actor, raw: z.input<typeof byId>) {
  const input = byId.parse(raw);
  const result = await approveAccount(db, actor.id, input.id);
  return { id: result.id, approved: true, changed: result.changed };
}

/**
 * With a password: sets it and ends the customer's sessions. Without: mails a one-time reset
 * link (the account flows' token), in the same transaction as the audit row.
 */
export async function resetCustomerPassword(db: Tx, actor: Actor, raw: z.input<typeof resetCustomerPasswordInput>) {
  const input = resetCustomerPasswordInput.parse(raw);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.transaction(async (tx) => {
    const current = await lockUser(tx, input.id, "customer");
    if (!passwordHash) {
      if (!current.enabled) throw new AppError("INVALID_STATE", "errors.customerDisabledNoReset");
      const token = await issueToken(tx, current.id, "password_reset");
      await mailTokenLink(tx, current, "password_reset", token, linkFor("/reset-password", token));
      await audit(tx, { actorId: actor.id, action: "send_reset_link", entity: "customer", entityId: current.id, after: { mailedTo: current.email } });
      return { id: current.id, mode: "link" as const };
    }
    await tx.update(users).set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, changedAt: new Date() }).where(eq(users.id, current.id));
    await audit(tx, { actorId: actor.id, action: "reset_password", entity: "customer", entityId: current.id, after: { sessionsEnded: true } });
    return { id: current.id, mode: "set" as const };
  });
}

const CUSTOMER_CHANGED: HistoryEvent = "customer_changed";

/**
 * Merges a duplicate customer into the target: its tickets (with a history entry each) and the
 * articles it wrote move to the target, the tickets take the target's company, and the
 * duplicate is disabled. One transaction, one audit row.
 */
export async function mergeCustomers(db: Tx, actor: Actor, raw: z.input<typeof mergeCustomersInput>) {
  const input = mergeCustomersInput.parse(raw);
  return db.transaction(async (tx) => {
    // Lock in id order so two opposite merges cannot deadlock.
    const [first, second] = [input.duplicateId, input.targetId].sort((a, b) => a - b) as [number, number];
    const a = await lockUser(tx, first, "customer");
    const b = await lockUser(tx, second, "customer");
    const [duplicate, target] = a.id === input.duplicateId ? [a, b] : [b, a];
    if (!target.enabled) throw new AppError("INVALID_STATE", "errors.mergeKeepDisabled");

    const moved = await tx.select().from(tickets).where(eq(tickets.customerUserId, duplicate.id)).orderBy(tickets.id).for("update");
    for (const ticket of moved) {
      await commitChange(tx, actor, ticket, { customerUserId: target.id, customerCompanyId: target.companyId }, [
        { event: CUSTOMER_CHANGED, field: "customer", oldValue: duplicate.email, newValue: target.email, oldId: duplicate.id, newId: target.id },
      ]);
    }
    const movedArticles = await reassignArticleAuthor(tx, duplicate.id, target.id);
    await tx
      .update(users)
      .set({ enabled: false, sessionVersion: sql`${users.sessionVersion} + 1`, changedAt: new Date() })
      .where(eq(users.id, duplicate.id));
    const result = { tickets: moved.length, articles: movedArticles };
    await audit(tx, {
      actorId: actor.id,
      action: "merge",
      entity: "customer",
      entityId: duplicate.id,
      before: userSnapshot(duplicate),
      after: { enabled: false, mergedInto: { id: target.id, email: target.email }, movedTickets: result.tickets, movedArticles: result.articles },
    });
    return { targetId: target.id, ...result };
  });
}

async function requireCompany(tx: Tx, companyId: number | null) {
  if (companyId === null) return;
  const [row] = await tx.select({ id: customerCompanies.id }).from(customerCompanies).where(eq(customerCompanies.id, companyId)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", "errors.companyGone");
}
