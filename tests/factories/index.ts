import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import * as s from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import type { Permission } from "@/server/auth/permissions";
import { createTicket as createTicketService } from "@/server/services/tickets/create";

const unique = () => randomUUID().slice(0, 8);

type UserRow = typeof s.users.$inferSelect;

export function actorOf(u: UserRow): Actor {
  return { id: u.id, role: u.role, email: u.email, name: u.name, language: u.language, timeZone: u.timeZone, preferGregorian: u.preferGregorian, companyId: u.companyId, seesCompanyTickets: u.seesCompanyTickets };
}

export async function createCompany(values: Partial<typeof s.customerCompanies.$inferInsert> = {}) {
  const [row] = await db.insert(s.customerCompanies).values({ name: `Company ${unique()}`, ...values }).returning();
  return row!;
}

export async function createCustomer(values: Partial<typeof s.users.$inferInsert> = {}) {
  const [row] = await db.insert(s.users).values({ email: `customer-${unique()}@test.example`, name: "Test Customer", role: "customer", ...values }).returning();
  return row!;
}

export async function createGroup(name = `group-${unique()}`) {
  const [row] = await db.insert(s.groups).values({ name }).returning();
  return row!;
}

/** A queue in its own group unless one is given. */
export async function createQueue(values: Partial<typeof s.queues.$inferInsert> = {}) {
  const groupId = values.groupId ?? (await createGroup()).id;
  const [open] = await db.select().from(s.states).where(eq(s.states.name, "open"));
  const [row] = await db.insert(s.queues).values({ name: `Queue ${unique()}`, groupId, defaultNextStateId: open!.id, ...values }).returning();
  return row!;
}

/** An agent with the given permissions on the given queues' groups (directly, not via roles). */
export async function createAgent(opts: { queues?: { id: number; groupId: number }[]; permissions?: Permission[]; admin?: boolean; values?: Partial<typeof s.users.$inferInsert> } = {}) {
  const [row] = await db
    .insert(s.users)
    .values({ email: `agent-${unique()}@test.example`, name: `Agent ${unique()}`, role: opts.admin ? "admin" : "agent", ...opts.values })
    .returning();
  const permissions = opts.permissions ?? ["rw"];
  for (const q of opts.queues ?? []) {
    await db.insert(s.userGroupPermissions).values(permissions.map((permission) => ({ userId: row!.id, groupId: q.groupId, permission }))).onConflictDoNothing();
  }
  return row!;
}

export async function grant(userId: number, groupId: number, permissions: Permission[]) {
  await db.insert(s.userGroupPermissions).values(permissions.map((permission) => ({ userId, groupId, permission }))).onConflictDoNothing();
}

/** A web ticket opened by `customer` in `queue` (customer-visible by default). */
export async function createTicket(opts: { customer: UserRow; queue: { id: number }; title?: string; body?: string }) {
  return createTicketService(db, actorOf(opts.customer), { channel: "web", queueId: opts.queue.id, title: opts.title ?? `Problem ${unique()}`, body: opts.body ?? "Something is broken." });
}

export async function ticketRow(id: number) {
  const [row] = await db.select().from(s.tickets).where(eq(s.tickets.id, id));
  return row!;
}

/** A role holding `permissions` on `groupId`, given to `userIds`. */
export async function createRole(opts: { groupId: number; permissions: Permission[]; userIds?: number[]; valid?: boolean }) {
  const [role] = await db.insert(s.roles).values({ name: `role-${unique()}`, valid: opts.valid ?? true }).returning();
  await db.insert(s.roleGroupPermissions).values(opts.permissions.map((permission) => ({ roleId: role!.id, groupId: opts.groupId, permission })));
  if (opts.userIds?.length) await db.insert(s.userRoles).values(opts.userIds.map((userId) => ({ userId, roleId: role!.id })));
  return role!;
}

/** A system default state by name ('open', 'closed successful', ...). */
export async function stateNamed(name: string) {
  const [row] = await db.select().from(s.states).where(eq(s.states.name, name));
  if (!row) throw new Error(`no state "${name}"`);
  return row;
}

/** A system default priority by level (1 … 5). */
export async function priorityAt(level: number) {
  const [row] = await db.select().from(s.priorities).where(eq(s.priorities.level, level));
  if (!row) throw new Error(`no priority at level ${level}`);
  return row;
}
