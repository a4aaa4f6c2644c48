import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { articles, auditLog, authTokens, groups, outbox, roles, ticketHistory, tickets, userGroupPermissions, users } from "@/db/schema";
import { checkCredentials } from "@/server/auth/credentials";
import { ingestMail } from "@/server/mail/postmaster";
import { callerFor } from "../helpers/caller";
import { settle } from "../helpers/refusals";
import { callerForSession } from "../helpers/session";
import { createBareGroup, createBareRole, uniqueEmail, uniqueName } from "../helpers/admin-directory";
import { createAgent, createCompany, createCustomer, createQueue, createRole, createTicket, grant, ticketRow } from "../factories";

type UserRow = typeof users.$inferSelect;
let admin: UserRow;
let asAdmin: ReturnType<typeof callerFor>;

beforeAll(async () => {
  admin = await createAgent({ admin: true });
  asAdmin = callerFor(admin);
});

/** The newest audit rows for one record. */
async function auditOf(entity: string, entityId: number | string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId))))
    .orderBy(desc(auditLog.id));
}

async function mailsTo(email: string) {
  return db.select({ subject: outbox.subject, bodyText: outbox.bodyText }).from(outbox).where(eq(outbox.toAddresses, email)).orderBy(desc(outbox.id));
}

async function userRow(id: number) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row!;
}

const session = (u: { id: number; sessionVersion: number }) => ({ userId: u.id, sessionVersion: u.sessionVersion });
const address = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}-${randomUUID().slice(0, 6)}`;

describe("agents", () => {
  it("creates an agent with a password it can sign in with; the audit row says who, when and what, without the hash", async () => {
    const email = uniqueEmail("New.Agent");
    const role = await createBareRole();
    const { id } = await asAdmin.adminDirectory.agentCreate({ name: "Nina New", email: email.toUpperCase(), password: "s3cret-password", roleIds: [role.id] });
    const row = await userRow(id);
    expect(row).toMatchObject({ name: "Nina New", email: email.toLowerCase(), role: "agent", enabled: true, approved: true });
    expect(await checkCredentials(db, email, "s3cret-password", address())).toMatchObject({ ok: true, user: { id } });

    const [entry] = await auditOf("agent", id);
    expect(entry).toMatchObject({ actorId: admin.id, action: "create", after: { name: "Nina New", email: email.toLowerCase(), role: "agent", enabled: true, roles: [role.name] } });
    expect(entry!.createdAt).toBeInstanceOf(Date);
    expect(JSON.stringify(entry)).not.toContain(row.passwordHash!);
  });

  it("refuses a second account with the same e-mail (any case) with CONFLICT and writes nothing", async () => {
    const existing = await createCustomer();
    const before = await db.$count(auditLog);
    const result = await settle(asAdmin.adminDirectory.agentCreate({ name: "Dup", email: existing.email.toUpperCase(), password: "s3cret-password" }));
    expect(result).toMatchObject({ outcome: "CONFLICT", message: expect.stringMatching(/already exists/) });
    expect(await db.$count(auditLog)).toBe(before);
  });

  it("lists agents by name with search, status filter and keyset pages, never with password hashes", async () => {
    const tag = randomUUID().slice(0, 6);
    for (const n of ["Alpha", "Bravo", "Charlie"]) await createAgent({ values: { name: `${n} ${tag}`, passwordHash: "secret-hash" } });
    await createAgent({ values: { name: `Delta ${tag}`, enabled: false } });
    const first = await asAdmin.adminDirectory.agentList({ search: tag, limit: 2 });
    expect(first.items.map((a) => a.name)).toEqual([`Alpha ${tag}`, `Bravo ${tag}`]);
    expect(first.nextCursor).toBeTruthy();
    const second = await asAdmin.adminDirectory.agentList({ search: tag, limit: 2, cursor: first.nextCursor });
    expect(second.items.map((a) => a.name)).toEqual([`Charlie ${tag}`, `Delta ${tag}`]);
    expect(second.nextCursor).toBeNull();
    const disabled = await asAdmin.adminDirectory.agentList({ search: tag, status: "disabled" });
    expect(disabled.items.map((a) => a.name)).toEqual([`Delta ${tag}`]);
    expect(JSON.stringify([first, second])).not.toMatch(/secret-hash|passwordHash/);
    // Wildcards in a search are taken literally.
    expect((await asAdmin.adminDirectory.agentList({ search: "%" })).items.every((a) => a.name.includes("%") || a.email.includes("%"))).toBe(true);
  });

  it("edits name, e-mail and role and audits only what changed", async () => {
    const agent = await createAgent();
    const email = uniqueEmail("renamed");
    await asAdmin.adminDirectory.agentUpdate({ id: agent.id, name: agent.name, email, role: "admin" });
    expect(await userRow(agent.id)).toMatchObject({ email, role: "admin" });
    const [entry] = await auditOf("agent", agent.id);
    expect(entry).toMatchObject({ action: "update", before: { email: agent.email, role: "agent" }, after: { email, role: "admin" } });
    expect(entry!.after).not.toHaveProperty("name");
  });

  it("does not let an admin take away its own admin role or disable itself", async () => {
    const self = await createAgent({ admin: true });
    const caller = callerFor(self);
    expect(await settle(caller.adminDirectory.agentUpdate({ id: self.id, name: self.name, email: self.email, role: "agent" }))).toMatchObject({ outcome: "PRECONDITION_FAILED" });
    expect(await settle(caller.adminDirectory.agentSetEnabled({ id: self.id, enabled: false }))).toMatchObject({ outcome: "PRECONDITION_FAILED" });
    expect(await userRow(self.id)).toMatchObject({ role: "admin", enabled: true });
  });

  it("a disabled agent's very next request is refused; enabling lets it sign in again", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const claims = session(agent);
    await (await callerForSession(claims)).ticket.list({ limit: 1 });

    await asAdmin.adminDirectory.agentSetEnabled({ id: agent.id, enabled: false });
    expect(await settle((await callerForSession(claims)).ticket.list({ limit: 1 }))).toMatchObject({ outcome: "UNAUTHORIZED", message: expect.stringMatching(/session has ended/) });
    expect((await userRow(agent.id)).sessionVersion).toBe(agent.sessionVersion + 1);
    expect((await auditOf("agent", agent.id))[0]).toMatchObject({ action: "disable", actorId: admin.id, before: { enabled: true }, after: { enabled: false } });

    await asAdmin.adminDirectory.agentSetEnabled({ id: agent.id, enabled: true });
    expect(await userRow(agent.id)).toMatchObject({ enabled: true });
    expect((await auditOf("agent", agent.id))[0]).toMatchObject({ action: "enable" });
  });

  it("resetting a password ends the agent's sessions and the new password works", async () => {
    const agent = await createAgent();
    await asAdmin.adminDirectory.agentResetPassword({ id: agent.id, password: "brand-new-password" });
    expect(await settle((await callerForSession(session(agent))).meta.me())).toMatchObject({ outcome: "UNAUTHORIZED" });
    expect(await checkCredentials(db, agent.email, "brand-new-password", address())).toMatchObject({ ok: true });
    const [entry] = await auditOf("agent", agent.id);
    expect(entry).toMatchObject({ action: "reset_password", actorId: admin.id });
  });

  it("assigns roles and direct group permissions, shown by agentGet and audited", async () => {
    const agent = await createAgent();
    const [r1, r2, group] = [await createBareRole(), await createBareRole(), await createBareGroup()];
    await asAdmin.adminDirectory.agentSetRoles({ id: agent.id, roleIds: [r1.id, r2.id, r1.id] });
    await asAdmin.adminDirectory.agentSetGroupPermissions({ userId: agent.id, groupId: group.id, permissions: ["note", "ro", "ro"] });
    const got = await asAdmin.adminDirectory.agentGet({ id: agent.id });
    expect(got.roles.map((r) => r.id).sort()).toEqual([r1.id, r2.id].sort());
    expect(got.groupPermissions).toEqual([{ groupId: group.id, groupName: group.name, permissions: ["note", "ro"].sort() }].map((g) => ({ ...g, permissions: expect.arrayContaining(g.permissions) })));
    const entries = await auditOf("agent", agent.id);
    expect(entries.map((e) => e.action)).toEqual(["set_permissions", "set_roles"]);
    expect(entries[0]).toMatchObject({ before: { groupId: group.id, permissions: [] }, after: { groupId: group.id, permissions: ["ro", "note"] } });

    await asAdmin.adminDirectory.agentSetRoles({ id: agent.id, roleIds: [r2.id] });
    expect((await asAdmin.adminDirectory.agentGet({ id: agent.id })).roles.map((r) => r.id)).toEqual([r2.id]);
    expect(await settle(asAdmin.adminDirectory.agentSetRoles({ id: agent.id, roleIds: [999_999_999] }))).toMatchObject({ outcome: "NOT_FOUND" });
  });

  it("customers are not agents: agent procedures on a customer id are NOT_FOUND", async () => {
    const customer = await createCustomer();
    expect(await settle(asAdmin.adminDirectory.agentGet({ id: customer.id }))).toMatchObject({ outcome: "NOT_FOUND" });
    expect(await settle(asAdmin.adminDirectory.agentSetEnabled({ id: customer.id, enabled: false }))).toMatchObject({ outcome: "NOT_FOUND" });
    expect(await settle(asAdmin.adminDirectory.agentSetGroupPermissions({ userId: customer.id, groupId: (await createBareGroup()).id, permissions: ["rw"] }))).toMatchObject({ outcome: "NOT_FOUND" });
  });
});

describe("removing a permission takes effect at once", () => {
  async function setup() {
    const customer = await createCustomer();
    const queue = await createQueue();
    const { id: ticketId } = await createTicket({ customer, queue });
    return { queue, ticketId };
  }

  it("a direct permission: the agent's next call is refused", async () => {
    const { queue, ticketId } = await setup();
    const agent = await createAgent();
    await asAdmin.adminDirectory.agentSetGroupPermissions({ userId: agent.id, groupId: queue.groupId, permissions: ["rw"] });
    await (await callerForSession(session(agent))).article.reply({ ticketId, body: "Allowed" });

    await asAdmin.adminDirectory.agentSetGroupPermissions({ userId: agent.id, groupId: queue.groupId, permissions: ["ro"] });
    const next = await callerForSession(session(agent));
    expect((await next.ticket.get({ ticketId })).ticket.id).toBe(ticketId);
    expect(await settle(next.article.reply({ ticketId, body: "No longer" }))).toMatchObject({ outcome: "FORBIDDEN" });

    await asAdmin.adminDirectory.agentSetGroupPermissions({ userId: agent.id, groupId: queue.groupId, permissions: [] });
    expect(await settle((await callerForSession(session(agent))).ticket.get({ ticketId }))).toMatchObject({ outcome: "NOT_FOUND" });
  });

  it("through a role: changing the role's permissions, removing the member, disabling the role", async () => {
    const { queue, ticketId } = await setup();
    const agent = await createAgent();
    const { id: roleId } = await asAdmin.adminDirectory.roleCreate({ name: uniqueName("Role") });
    await asAdmin.adminDirectory.roleSetGroupPermissions({ roleId, groupId: queue.groupId, permissions: ["rw"] });
    await asAdmin.adminDirectory.roleSetMembers({ id: roleId, userIds: [agent.id] });
    const caller = () => callerForSession(session(agent));
    await (await caller()).article.reply({ ticketId, body: "Via role" });

    await asAdmin.adminDirectory.roleSetGroupPermissions({ roleId, groupId: queue.groupId, permissions: ["ro"] });
    expect(await settle((await caller()).article.reply({ ticketId, body: "no" }))).toMatchObject({ outcome: "FORBIDDEN" });

    await asAdmin.adminDirectory.roleSetValid({ id: roleId, valid: false });
    expect(await settle((await caller()).ticket.get({ ticketId }))).toMatchObject({ outcome: "NOT_FOUND" });
    await asAdmin.adminDirectory.roleSetValid({ id: roleId, valid: true });
    expect((await (await caller()).ticket.get({ ticketId })).ticket.id).toBe(ticketId);

    await asAdmin.adminDirectory.roleSetMembers({ id: roleId, userIds: [] });
    expect(await settle((await caller()).ticket.get({ ticketId }))).toMatchObject({ outcome: "NOT_FOUND" });
    expect((await auditOf("role", roleId)).map((e) => e.action)).toEqual(["set_members", "enable", "disable", "set_permissions", "set_members", "set_permissions", "create"]);
  });

  it("disabling the queue's group: nobody sees its tickets until it is enabled again", async () => {
    const { queue, ticketId } = await setup();
    const agent = await createAgent({ queues: [queue] });
    await asAdmin.adminDirectory.groupSetValid({ id: queue.groupId, valid: false });
    expect(await settle((await callerForSession(session(agent))).ticket.get({ ticketId }))).toMatchObject({ outcome: "NOT_FOUND" });
    await asAdmin.adminDirectory.groupSetValid({ id: queue.groupId, valid: true });
    expect((await (await callerForSession(session(agent))).ticket.get({ ticketId })).ticket.id).toBe(ticketId);
  });
});

describe("customers", () => {
  it("creates, lists (search, company, status, pages) and edits customers; audited", async () => {
    const company = await createCompany();
    const tag = randomUUID().slice(0, 6);
    const { id } = await asAdmin.adminDirectory.customerCreate({ name: `Cleo ${tag}`, email: uniqueEmail("cleo"), companyId: company.id, seesCompanyTickets: true, password: "customer-pass" });
    await createCustomer({ name: `Pending ${tag}`, approved: false });
    await createCustomer({ name: `Off ${tag}`, enabled: false, companyId: company.id });
    expect((await auditOf("customer", id))[0]).toMatchObject({ action: "create", actorId: admin.id, after: { companyId: company.id, seesCompanyTickets: true, canSignIn: true } });

    const all = await asAdmin.adminDirectory.customerList({ search: tag, limit: 2 });
    expect(all.items).toHaveLength(2);
    const rest = await asAdmin.adminDirectory.customerList({ search: tag, limit: 2, cursor: all.nextCursor });
    expect([...all.items, ...rest.items].map((c) => c.name).sort()).toEqual([`Cleo ${tag}`, `Off ${tag}`, `Pending ${tag}`]);
    expect(rest.nextCursor).toBeNull();
    expect((await asAdmin.adminDirectory.customerList({ search: tag, status: "pending" })).items.map((c) => c.name)).toEqual([`Pending ${tag}`]);
    expect((await asAdmin.adminDirectory.customerList({ search: tag, status: "disabled" })).items.map((c) => c.name)).toEqual([`Off ${tag}`]);
    const byCompany = await asAdmin.adminDirectory.customerList({ companyId: company.id, status: "enabled" });
    expect(byCompany.items).toEqual([expect.objectContaining({ id, companyName: company.name, seesCompanyTickets: true })]);
    expect(JSON.stringify(byCompany)).not.toContain("passwordHash");

    await asAdmin.adminDirectory.customerUpdate({ id, name: `Cleo ${tag}`, email: (await userRow(id)).email, companyId: null, seesCompanyTickets: false, phone: "+49 30 1234" });
    expect(await userRow(id)).toMatchObject({ companyId: null, seesCompanyTickets: false, phone: "+49 30 1234" });
    expect((await auditOf("customer", id))[0]).toMatchObject({ action: "update", before: { companyId: company.id, seesCompanyTickets: true, phone: null }, after: { companyId: null, seesCompanyTickets: false, phone: "+49 30 1234" } });
    expect(await settle(asAdmin.adminDirectory.customerUpdate({ id, name: "x", email: "x@test.example", companyId: 999_999_999 }))).toMatchObject({ outcome: "NOT_FOUND" });
  });

  it("sets and clears a customer's default queue (audited); the postmaster files the customer's mail there", async () => {
    const queue = await createQueue();
    const email = uniqueEmail("routed");
    const fields = { name: "Routed customer", email, companyId: null, seesCompanyTickets: false };
    const { id } = await asAdmin.adminDirectory.customerCreate({ ...fields, defaultQueueId: queue.id });
    expect((await userRow(id)).defaultQueueId).toBe(queue.id);
    expect((await auditOf("customer", id))[0]).toMatchObject({ action: "create", after: { defaultQueueId: queue.id } });
    expect((await asAdmin.adminDirectory.customerList({ search: email })).items[0]).toMatchObject({ defaultQueueId: queue.id, defaultQueueName: queue.name });

    const raw = `From: ${email}\r\nTo: nobody-in-particular@elsewhere.example\r\nSubject: Routed ${randomUUID()}\r\nMessage-ID: <${randomUUID()}@test.example>\r\n\r\nHello`;
    const ingested = await ingestMail(db, Buffer.from(raw), { source: "pipe" });
    expect(ingested.outcome).toBe("created");
    const [ticket] = await db.select({ queueId: tickets.queueId }).from(tickets).where(eq(tickets.number, ingested.ticketNumber!));
    expect(ticket!.queueId).toBe(queue.id);

    await asAdmin.adminDirectory.customerUpdate({ id, ...fields, defaultQueueId: null });
    expect((await userRow(id)).defaultQueueId).toBeNull();
    expect((await auditOf("customer", id))[0]).toMatchObject({ action: "update", before: { defaultQueueId: queue.id }, after: { defaultQueueId: null } });
  });

  it("refuses a default queue that does not exist or is disabled, with a clear message, and writes nothing", async () => {
    const disabled = await createQueue({ valid: false });
    const customer = await createCustomer();
    const auditRows = (await auditOf("customer", customer.id)).length;
    const fields = { id: customer.id, name: customer.name, email: customer.email, companyId: null, seesCompanyTickets: false };
    for (const defaultQueueId of [999_999_999, disabled.id]) {
      const refused = await settle(asAdmin.adminDirectory.customerUpdate({ ...fields, defaultQueueId }));
      expect(refused).toMatchObject({ outcome: "BAD_REQUEST" });
      expect(refused.message).toMatch(/queue does not exist or is disabled/);
    }
    expect((await userRow(customer.id)).defaultQueueId).toBeNull();
    expect(await auditOf("customer", customer.id)).toHaveLength(auditRows);
    const email = uniqueEmail("never");
    expect(await settle(asAdmin.adminDirectory.customerCreate({ name: "Never", email, companyId: null, defaultQueueId: 999_999_999 }))).toMatchObject({ outcome: "BAD_REQUEST" });
    expect(await db.select({ id: users.id }).from(users).where(eq(users.email, email))).toEqual([]);
  });

  it("disabling a customer ends its access on the next request; enabling restores it", async () => {
    const customer = await createCustomer();
    const claims = session(customer);
    await (await callerForSession(claims)).ticket.list({ limit: 1 });
    await asAdmin.adminDirectory.customerSetEnabled({ id: customer.id, enabled: false });
    expect(await settle((await callerForSession(claims)).ticket.list({ limit: 1 }))).toMatchObject({ outcome: "UNAUTHORIZED" });
    await asAdmin.adminDirectory.customerSetEnabled({ id: customer.id, enabled: true });
    expect((await auditOf("customer", customer.id)).map((e) => e.action)).toEqual(["enable", "disable"]);
  });

  it("approving a pending sign-up lets the customer in and mails them; approving twice changes nothing", async () => {
    const customer = await createCustomer({ approved: false, passwordHash: null });
    expect(await settle((await callerForSession(session(customer))).meta.me())).toMatchObject({ outcome: "UNAUTHORIZED" });
    expect(await asAdmin.adminDirectory.customerApprove({ id: customer.id })).toMatchObject({ changed: true });
    expect((await (await callerForSession(session(customer))).meta.me()).id).toBe(customer.id);
    expect((await auditOf("customer", customer.id))[0]).toMatchObject({ action: "approve", actorId: admin.id, before: { approved: false }, after: { approved: true } });
    expect(await mailsTo(customer.email)).toHaveLength(1);
    expect(await asAdmin.adminDirectory.customerApprove({ id: customer.id })).toMatchObject({ changed: false });
    expect(await auditOf("customer", customer.id)).toHaveLength(1);
    expect(await mailsTo(customer.email)).toHaveLength(1);
  });

  it("resets a customer's password (sessions end), or mails a one-time reset link", async () => {
    const customer = await createCustomer();
    expect(await asAdmin.adminDirectory.customerResetPassword({ id: customer.id, password: "customer-new-pass" })).toMatchObject({ mode: "set" });
    expect(await checkCredentials(db, customer.email, "customer-new-pass", address())).toMatchObject({ ok: true });
    expect(await settle((await callerForSession(session(customer))).meta.me())).toMatchObject({ outcome: "UNAUTHORIZED" });

    expect(await asAdmin.adminDirectory.customerResetPassword({ id: customer.id })).toMatchObject({ mode: "link" });
    const [mail] = await mailsTo(customer.email);
    expect(mail?.bodyText).toMatch(/\/reset-password\?token=[A-Za-z0-9_-]{43}/);
    expect(await db.$count(authTokens, and(eq(authTokens.userId, customer.id), eq(authTokens.purpose, "password_reset")))).toBe(1);
    expect((await auditOf("customer", customer.id)).map((e) => e.action)).toEqual(["send_reset_link", "reset_password"]);
    // The password is unchanged until the link is used.
    expect(await checkCredentials(db, customer.email, "customer-new-pass", address())).toMatchObject({ ok: true });

    const disabled = await createCustomer({ enabled: false });
    expect(await settle(asAdmin.adminDirectory.customerResetPassword({ id: disabled.id }))).toMatchObject({ outcome: "PRECONDITION_FAILED" });
  });

  it("merges a duplicate: tickets and articles move to the target with history, the duplicate is disabled, one audit row", async () => {
    const company = await createCompany();
    const queue = await createQueue();
    const target = await createCustomer({ companyId: company.id });
    const duplicate = await createCustomer();
    const t1 = await createTicket({ customer: duplicate, queue });
    const t2 = await createTicket({ customer: duplicate, queue });
    const kept = await createTicket({ customer: target, queue });
    const versionBefore = (await ticketRow(t1.id)).version;

    const result = await asAdmin.adminDirectory.customerMerge({ duplicateId: duplicate.id, targetId: target.id });
    expect(result).toEqual({ targetId: target.id, tickets: 2, articles: 2 });
    for (const t of [t1, t2]) {
      expect(await ticketRow(t.id)).toMatchObject({ customerUserId: target.id, customerCompanyId: company.id });
      const [h] = await db.select().from(ticketHistory).where(and(eq(ticketHistory.ticketId, t.id), eq(ticketHistory.event, "customer_changed")));
      expect(h).toMatchObject({ actorId: admin.id, oldId: duplicate.id, newId: target.id, oldValue: duplicate.email, newValue: target.email });
    }
    expect((await ticketRow(t1.id)).version).toBe(versionBefore + 1);
    expect(await db.$count(articles, eq(articles.createdBy, duplicate.id))).toBe(0);
    expect(await db.$count(tickets, eq(tickets.customerUserId, target.id))).toBe(3);
    expect((await ticketRow(kept.id)).customerUserId).toBe(target.id);
    expect(await userRow(duplicate.id)).toMatchObject({ enabled: false, sessionVersion: duplicate.sessionVersion + 1 });
    const entries = await auditOf("customer", duplicate.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "merge", actorId: admin.id, after: { mergedInto: { id: target.id }, movedTickets: 2, movedArticles: 2 } });

    // The target now sees the moved tickets; the duplicate's session is over.
    const mine = await callerFor(await userRow(target.id)).ticket.list({ limit: 10 });
    expect(mine.items.map((t) => t.id).sort()).toEqual([t1.id, t2.id, kept.id].sort());
    expect(await settle((await callerForSession(session(duplicate))).meta.me())).toMatchObject({ outcome: "UNAUTHORIZED" });
  });

  it("refuses merging a customer into itself, into an agent, or into a disabled customer", async () => {
    const customer = await createCustomer();
    expect(await settle(asAdmin.adminDirectory.customerMerge({ duplicateId: customer.id, targetId: customer.id }))).toMatchObject({ outcome: "BAD_REQUEST" });
    expect(await settle(asAdmin.adminDirectory.customerMerge({ duplicateId: customer.id, targetId: admin.id }))).toMatchObject({ outcome: "NOT_FOUND" });
    const disabled = await createCustomer({ enabled: false });
    expect(await settle(asAdmin.adminDirectory.customerMerge({ duplicateId: customer.id, targetId: disabled.id }))).toMatchObject({ outcome: "PRECONDITION_FAILED" });
    expect(await userRow(customer.id)).toMatchObject({ enabled: true });
  });
});

describe("companies", () => {
  it("creates, edits, lists with customer counts, refuses duplicate names, and disables instead of deleting", async () => {
    const name = uniqueName("Initech");
    const { id } = await asAdmin.adminDirectory.companyCreate({ name, city: "Austin", customerNumber: "C-1" });
    await createCustomer({ companyId: id });
    expect(await settle(asAdmin.adminDirectory.companyCreate({ name: name.toUpperCase() }))).toMatchObject({ outcome: "CONFLICT", message: expect.stringMatching(/already exists/) });
    await asAdmin.adminDirectory.companyUpdate({ id, name, city: "Dallas", customerNumber: "C-1" });
    await asAdmin.adminDirectory.companySetValid({ id, valid: false });
    const listed = await asAdmin.adminDirectory.companyList({ search: name, status: "invalid" });
    expect(listed.items).toEqual([expect.objectContaining({ id, city: "Dallas", valid: false, customerCount: 1 })]);
    expect((await asAdmin.adminDirectory.companyList({ search: name, status: "valid" })).items).toEqual([]);
    expect((await auditOf("company", id)).map((e) => [e.action, e.after])).toEqual([
      ["disable", { valid: false }],
      ["update", { city: "Dallas" }],
      ["create", expect.objectContaining({ name, city: "Austin", customerNumber: "C-1" })],
    ]);
  });

  it("pages by name", async () => {
    const tag = randomUUID().slice(0, 6);
    for (const n of ["c", "a", "b"]) await createCompany({ name: `${tag} ${n}` });
    const first = await asAdmin.adminDirectory.companyList({ search: tag, limit: 2 });
    const second = await asAdmin.adminDirectory.companyList({ search: tag, limit: 2, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((c) => c.name)).toEqual([`${tag} a`, `${tag} b`, `${tag} c`]);
    expect(await settle(asAdmin.adminDirectory.companyList({ cursor: "garbage" }))).toMatchObject({ outcome: "BAD_REQUEST" });
  });
});

describe("groups", () => {
  it("creates, renames, lists with usage, and deletes an unused group", async () => {
    const { id } = await asAdmin.adminDirectory.groupCreate({ name: uniqueName("billing"), comment: "Invoices" });
    const name = uniqueName("finance");
    await asAdmin.adminDirectory.groupUpdate({ id, name, comment: "Invoices" });
    expect((await asAdmin.adminDirectory.groupList({ search: name })).items).toEqual([expect.objectContaining({ id, name, queueCount: 0, agentCount: 0, roleCount: 0 })]);
    await asAdmin.adminDirectory.groupDelete({ id });
    expect(await db.$count(groups, eq(groups.id, id))).toBe(0);
    expect((await auditOf("group", id)).map((e) => e.action)).toEqual(["delete", "update", "create"]);
  });

  it("a group in use can be disabled but not deleted, with a message that says so", async () => {
    const queue = await createQueue();
    const before = await db.$count(auditLog);
    const refused = await settle(asAdmin.adminDirectory.groupDelete({ id: queue.groupId }));
    expect(refused).toEqual({ outcome: "PRECONDITION_FAILED", message: "This group is in use (1 queue). Disable it instead." });
    expect(await db.$count(groups, eq(groups.id, queue.groupId))).toBe(1);
    expect(await db.$count(auditLog)).toBe(before);

    const withAgents = await createBareGroup();
    const agent = await createAgent();
    await grant(agent.id, withAgents.id, ["ro"]);
    expect(await settle(asAdmin.adminDirectory.groupDelete({ id: withAgents.id }))).toMatchObject({ outcome: "PRECONDITION_FAILED", message: expect.stringMatching(/1 agent\). Disable it instead/) });
    expect(await db.$count(userGroupPermissions, eq(userGroupPermissions.groupId, withAgents.id))).toBe(1);

    await asAdmin.adminDirectory.groupSetValid({ id: queue.groupId, valid: false });
    expect((await auditOf("group", queue.groupId))[0]).toMatchObject({ action: "disable" });
  });

  it("shows every role's permissions on a group for editing", async () => {
    const queue = await createQueue();
    const role = await createRole({ groupId: queue.groupId, permissions: ["ro", "note"] });
    const result = await asAdmin.adminDirectory.groupPermissions({ groupId: queue.groupId });
    expect(result.group.id).toBe(queue.groupId);
    expect(result.queues).toEqual([{ id: queue.id, name: queue.name }]);
    expect(result.roles.find((r) => r.id === role.id)?.permissions).toEqual(["ro", "note"]);
    expect(await settle(asAdmin.adminDirectory.groupPermissions({ groupId: 999_999_999 }))).toMatchObject({ outcome: "NOT_FOUND" });
  });
});

describe("roles", () => {
  it("CRUD with members and group permissions; a role with members can only be disabled", async () => {
    const agent = await createAgent();
    const group = await createBareGroup();
    const { id } = await asAdmin.adminDirectory.roleCreate({ name: uniqueName("Night shift") });
    await asAdmin.adminDirectory.roleUpdate({ id, name: uniqueName("Late shift"), comment: "18–24h" });
    await asAdmin.adminDirectory.roleSetMembers({ id, userIds: [agent.id] });
    await asAdmin.adminDirectory.roleSetGroupPermissions({ roleId: id, groupId: group.id, permissions: ["rw", "ro"] });
    const role = await asAdmin.adminDirectory.roleGet({ id });
    expect(role).toMatchObject({ comment: "18–24h", members: [{ id: agent.id, email: agent.email }], groupPermissions: [{ groupId: group.id, permissions: ["ro", "rw"] }] });
    expect((await asAdmin.adminDirectory.roleList({ search: role.name })).items).toEqual([expect.objectContaining({ id, memberCount: 1, groupCount: 1 })]);

    expect(await settle(asAdmin.adminDirectory.roleDelete({ id }))).toMatchObject({ outcome: "PRECONDITION_FAILED", message: expect.stringMatching(/in use.*Disable it instead/) });
    expect(await settle(asAdmin.adminDirectory.roleSetMembers({ id, userIds: [(await createCustomer()).id] }))).toMatchObject({ outcome: "BAD_REQUEST" });
    await asAdmin.adminDirectory.roleSetMembers({ id, userIds: [] });
    await asAdmin.adminDirectory.roleDelete({ id });
    expect(await db.$count(roles, eq(roles.id, id))).toBe(0);
    expect((await auditOf("role", id)).map((e) => e.action)).toEqual(["delete", "set_members", "set_permissions", "set_members", "update", "create"]);
  });
});

describe("permission matrix", () => {
  it("shows effective permissions per queue's group, direct and through roles; invalid roles count for nothing", async () => {
    const queue = await createQueue();
    const tag = randomUUID().slice(0, 6);
    const direct = await createAgent({ values: { name: `A direct ${tag}` }, queues: [queue], permissions: ["ro", "note"] });
    const viaRole = await createAgent({ values: { name: `B role ${tag}` } });
    const role = await createRole({ groupId: queue.groupId, permissions: ["rw"], userIds: [viaRole.id] });
    const viaInvalid = await createAgent({ values: { name: `C invalid ${tag}` } });
    await createRole({ groupId: queue.groupId, permissions: ["rw"], userIds: [viaInvalid.id], valid: false });

    const matrix = await asAdmin.adminDirectory.permissionMatrix({ groupId: queue.groupId, search: tag });
    expect(matrix.queues).toEqual([expect.objectContaining({ id: queue.id, groupId: queue.groupId })]);
    const cell = (id: number) => matrix.agents.find((a) => a.id === id)!.groups[queue.groupId];
    expect(cell(direct.id)).toEqual({ direct: ["ro", "note"], viaRoles: [], effective: ["ro", "note"] });
    expect(cell(viaRole.id)).toMatchObject({ direct: [], viaRoles: [{ roleId: role.id, roleValid: true, permissions: ["rw"] }], effective: ["ro", "move_into", "create", "note", "owner", "priority", "rw"] });
    expect(cell(viaInvalid.id)).toMatchObject({ viaRoles: [{ roleValid: false, permissions: ["rw"] }], effective: [] });

    const paged = await asAdmin.adminDirectory.permissionMatrix({ groupId: queue.groupId, search: tag, limit: 2 });
    expect(paged.agents.map((a) => a.id)).toEqual([direct.id, viaRole.id]);
    const next = await asAdmin.adminDirectory.permissionMatrix({ groupId: queue.groupId, search: tag, limit: 2, cursor: paged.nextCursor });
    expect(next.agents.map((a) => a.id)).toEqual([viaInvalid.id]);
  });
});

describe("audit log", () => {
  it("filters by actor, entity, action and date range, newest first, in keyset pages", async () => {
    const otherAdmin = await createAgent({ admin: true });
    const asOther = callerFor(otherAdmin);
    const start = new Date();
    const g1 = await asOther.adminDirectory.groupCreate({ name: uniqueName("audit-a") });
    const g2 = await asOther.adminDirectory.groupCreate({ name: uniqueName("audit-b") });
    await asOther.adminDirectory.groupSetValid({ id: g1.id, valid: false });

    const byActor = await asAdmin.adminDirectory.auditList({ actorId: otherAdmin.id });
    expect(byActor.items.map((e) => [e.action, e.entityId])).toEqual([
      ["disable", String(g1.id)],
      ["create", String(g2.id)],
      ["create", String(g1.id)],
    ]);
    expect(byActor.items[0]).toMatchObject({ actorName: otherAdmin.name, actorEmail: otherAdmin.email, entity: "group" });

    const page1 = await asAdmin.adminDirectory.auditList({ actorId: otherAdmin.id, limit: 2 });
    const page2 = await asAdmin.adminDirectory.auditList({ actorId: otherAdmin.id, limit: 2, cursor: page1.nextCursor });
    expect([...page1.items, ...page2.items].map((e) => e.id)).toEqual(byActor.items.map((e) => e.id));
    expect(page2.nextCursor).toBeNull();

    expect((await asAdmin.adminDirectory.auditList({ actorId: otherAdmin.id, action: "create" })).items).toHaveLength(2);
    expect((await asAdmin.adminDirectory.auditList({ actorId: otherAdmin.id, entity: "group", entityId: String(g1.id) })).items).toHaveLength(2);
    expect((await asAdmin.adminDirectory.auditList({ actorId: otherAdmin.id, from: start, to: new Date() })).items).toHaveLength(3);
    expect((await asAdmin.adminDirectory.auditList({ actorId: otherAdmin.id, to: new Date(start.getTime() - 1) })).items).toHaveLength(0);
    expect(await settle(asAdmin.adminDirectory.auditList({ from: new Date(), to: new Date(Date.now() - 60_000) }))).toMatchObject({ outcome: "BAD_REQUEST" });
    expect(await asAdmin.adminDirectory.auditEntities()).toEqual(expect.arrayContaining(["group"]));
  });
});
