import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { tickets, users } from "@/db/schema";
import type { Permission } from "@/server/auth/permissions";
import { appRouter } from "@/server/trpc/root";
import { callerFor } from "../helpers/caller";
import { createBareGroup, createBareRole, onFresh, uniqueEmail, uniqueName } from "../helpers/admin-directory";
import * as cfg from "../helpers/admin-config";
import { ticketFootprint } from "../helpers/db-state";
import { createMailAccount, createOutboxRow, createQuarantined } from "../helpers/mail";
import { onOwnUpload } from "../helpers/uploads";
import { onOwnSavedSearch } from "../helpers/workspace";
import { TICKETS_PER_QUEUE, onOwnReport } from "../helpers/reports";
import { createTemplate, duplicateTicket, firstArticle, linkedSibling, perTicket, siblingTicket } from "../helpers/zoom";
import { expectRefusedWithoutTrace, settle } from "../helpers/refusals";
import { createSla } from "../helpers/sla";
import { suggestedOriginal } from "../helpers/duplicates";
import { createFaq, createFaqCategory, createFaqWithCategory } from "../helpers/faq";
import { createAgent, createCompany, createCustomer, createQueue, createRole, createTicket, grant, priorityAt, stateNamed } from "../factories";

type UserRow = typeof users.$inferSelect;

/** Who calls. Agent profiles hold `ro` (sight) plus one permission on the ticket's queue, and `move_into` on the move target. */
const AGENT_PROFILES = {
  admin: { admin: true, permissions: [] },
  none: { admin: false, permissions: [] },
  ro: { admin: false, permissions: ["ro"] },
  note: { admin: false, permissions: ["ro", "note"] },
  priority: { admin: false, permissions: ["ro", "priority"] },
  moveInto: { admin: false, permissions: ["ro", "move_into"] },
  owner: { admin: false, permissions: ["ro", "owner"] },
  create: { admin: false, permissions: ["ro", "create"] },
  rw: { admin: false, permissions: ["rw"] },
} as const satisfies Record<string, { admin: boolean; permissions: readonly Permission[] }>;
type AgentProfile = keyof typeof AGENT_PROFILES;
type Profile = "customerOwn" | "customerOther" | AgentProfile;

const PROFILE_LABEL: Record<Profile, string> = {
  customerOwn: "the ticket's customer",
  customerOther: "a customer of another company",
  admin: "an admin without queue permissions",
  none: "an agent without any permission on the queue",
  ro: "an agent with only ro",
  note: "an agent with ro + note",
  priority: "an agent with ro + priority",
  moveInto: "an agent with ro + move_into (and move_into on the target)",
  owner: "an agent with ro + owner",
  create: "an agent with ro + create",
  rw: "an agent with rw",
};

type Outcome = "ok" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND";

type Ctx = {
  user: UserRow;
  ticketId: number;
  version: number;
  queueId: number;
  targetQueueId: number;
  openStateId: number;
  highPriorityId: number;
  ownerCandidateId: number;
};

type Case = {
  /** Who may call it, in words; `outcome` is the same rule spelled out per caller. */
  allowedFor: string;
  build: (ctx: Ctx) => unknown;
  outcome: Record<Profile, Outcome>;
  /** What a successful call must leave on the ticket. */
  writes?: "history" | "article";
  /** Puts the ticket in the state the call needs (e.g. locked by the caller before unlock). */
  prepare?: (ctx: Ctx) => Promise<void>;
  check?: (result: unknown, ctx: Ctx & { sees: boolean }) => void;
};

const SIGHTED: AgentProfile[] = ["ro", "note", "priority", "moveInto", "owner", "create", "rw"];

/** Agent-only procedures on a ticket: customers are the wrong role, agents without ro cannot see it. */
function agentTicket(allowed: AgentProfile[]): Record<Profile, Outcome> {
  const outcome = { customerOwn: "FORBIDDEN", customerOther: "FORBIDDEN", admin: "NOT_FOUND", none: "NOT_FOUND" } as Record<Profile, Outcome>;
  for (const p of SIGHTED) outcome[p] = allowed.includes(p) ? "ok" : "FORBIDDEN";
  return outcome;
}

/** Procedures customers may call on their own tickets; someone else's ticket does not exist for them. */
function customerTicket(allowedAgents: AgentProfile[]): Record<Profile, Outcome> {
  return { ...agentTicket(allowedAgents), customerOwn: "ok", customerOther: "NOT_FOUND" };
}

const everyone = (): Record<Profile, Outcome> => ({
  customerOwn: "ok",
  customerOther: "ok",
  admin: "ok",
  none: "ok",
  ro: "ok",
  note: "ok",
  priority: "ok",
  moveInto: "ok",
  owner: "ok",
  create: "ok",
  rw: "ok",
});

/** Admin console procedures: admins only, every other signed-in caller is the wrong role. */
const adminOnly = (): Record<Profile, Outcome> =>
  ({ ...Object.fromEntries(Object.keys(PROFILE_LABEL).map((p) => [p, "FORBIDDEN"])), admin: "ok" }) as Record<Profile, Outcome>;
/** Agent-area procedures that need no ticket: every agent and admin, never a customer. */
const agentsOnly = (): Record<Profile, Outcome> => ({ ...everyone(), customerOwn: "FORBIDDEN", customerOther: "FORBIDDEN" });
const listed = (result: unknown) => expect((result as { items: unknown[] }).items.length).toBeGreaterThan(0);

const ref = (c: Ctx) => ({ ticketId: c.ticketId });
const versioned = (c: Ctx) => ({ ticketId: c.ticketId, version: c.version });

const MATRIX: Record<string, Case> = {
  "ticket.create": {
    allowedFor: "customers in customer-visible queues; agents holding create (or rw) on the queue",
    build: (c) => ({ channel: c.user.role === "customer" ? "web" : "internal", queueId: c.queueId, title: "Matrix", body: "Created by the matrix" }),
    outcome: { ...agentTicket(["create", "rw"]), admin: "FORBIDDEN", none: "FORBIDDEN", customerOwn: "ok", customerOther: "ok" },
    check: (result) => expect(result).toMatchObject({ id: expect.any(Number), number: expect.any(String) }),
  },
  "ticket.list": {
    allowedFor: "every signed-in user; the query returns only what they may see",
    build: () => ({ limit: 100 }),
    outcome: everyone(),
    check: (result, c) => expect((result as { items: { id: number }[] }).items.some((t) => t.id === c.ticketId)).toBe(c.sees),
  },
  "ticket.get": {
    allowedFor: "the ticket's customer; agents with ro",
    build: ref,
    outcome: customerTicket(SIGHTED),
    check: (result, c) => expect((result as { ticket: { id: number } }).ticket.id).toBe(c.ticketId),
  },
  "ticket.history": {
    allowedFor: "agents with ro",
    build: ref,
    outcome: agentTicket(SIGHTED),
    check: (result) => expect((result as { event: string }[]).map((h) => h.event)).toContain("created"),
  },
  "ticket.setState": {
    allowedFor: "agents with rw",
    build: (c) => ({ ...versioned(c), stateId: c.openStateId }),
    outcome: agentTicket(["rw"]),
    writes: "history",
  },
  "ticket.setPriority": {
    allowedFor: "agents with priority (or rw)",
    build: (c) => ({ ...versioned(c), priorityId: c.highPriorityId }),
    outcome: agentTicket(["priority", "rw"]),
    writes: "history",
  },
  "ticket.move": {
    allowedFor: "agents with move_into on the ticket's queue and on the target (or rw)",
    build: (c) => ({ ...versioned(c), queueId: c.targetQueueId }),
    outcome: agentTicket(["moveInto", "rw"]),
    writes: "history",
  },
  "ticket.setOwner": {
    allowedFor: "agents with rw; the new owner needs owner (or rw)",
    build: (c) => ({ ...versioned(c), ownerId: c.ownerCandidateId }),
    outcome: agentTicket(["rw"]),
    writes: "history",
  },
  "ticket.lock": {
    allowedFor: "agents with rw",
    build: versioned,
    outcome: agentTicket(["rw"]),
    writes: "history",
  },
  "ticket.unlock": {
    allowedFor: "agents with rw (their own lock)",
    build: versioned,
    prepare: async (c) => {
      if (c.user.role === "customer") return;
      await db.update(tickets).set({ locked: true, lockedAt: new Date(), ownerId: c.user.id }).where(eq(tickets.id, c.ticketId));
    },
    outcome: agentTicket(["rw"]),
    writes: "history",
  },
  "ticket.close": {
    allowedFor: "the ticket's customer; agents with rw",
    build: versioned,
    outcome: customerTicket(["rw"]),
    writes: "history",
  },
  "article.reply": {
    allowedFor: "the ticket's customer (follow-up); agents with rw",
    build: (c) => ({ ticketId: c.ticketId, body: "A reply from the matrix" }),
    outcome: customerTicket(["rw"]),
    writes: "article",
  },
  "article.forward": {
    allowedFor: "agents with rw",
    build: (c) => ({ ticketId: c.ticketId, to: ["colleague@elsewhere.example"], body: "For your information" }),
    outcome: agentTicket(["rw"]),
    writes: "article",
  },
  "ticket.setResponsible": {
    allowedFor: "agents with rw; the responsible needs owner (or rw)",
    build: (c) => ({ ...versioned(c), responsibleId: c.ownerCandidateId }),
    outcome: agentTicket(["rw"]),
    writes: "history",
  },
  "ticket.setClassification": {
    allowedFor: "agents with rw; only valid types and services",
    ...perTicket(() => cfg.bareType(), (c, type) => ({ ticketId: c.ticketId, version: c.version, typeId: type.id })),
    outcome: agentTicket(["rw"]),
    writes: "history",
  },
  "ticket.merge": {
    allowedFor: "agents with rw on both tickets",
    ...perTicket(duplicateTicket, (c, target) => ({ ticketId: c.ticketId, version: c.version, targetTicketId: target })),
    outcome: agentTicket(["rw"]),
    check: (result) => expect(result).toMatchObject({ changed: true }),
  },
  "ticket.split": {
    allowedFor: "agents with rw on the article's ticket and create on the new ticket's queue",
    ...perTicket(firstArticle, (c, articleId) => ({ articleId, queueId: c.queueId })),
    outcome: agentTicket(["rw"]),
    writes: "history",
    check: (result, c) => expect((result as { id: number }).id).not.toBe(c.ticketId),
  },
  "ticket.link": {
    allowedFor: "agents with rw on the ticket who can see the other",
    ...perTicket(siblingTicket, (c, other) => ({ ticketId: c.ticketId, otherTicketId: other, type: "normal" })),
    outcome: agentTicket(["rw"]),
    writes: "history",
  },
  "ticket.unlink": {
    allowedFor: "agents with rw on the ticket",
    ...perTicket(linkedSibling, (c, other) => ({ ticketId: c.ticketId, otherTicketId: other, type: "normal" })),
    outcome: agentTicket(["rw"]),
    writes: "history",
  },
  "ticket.links": {
    allowedFor: "agents with ro",
    build: ref,
    outcome: agentTicket(SIGHTED),
    check: (result) => expect(result).toMatchObject({ links: [], mergedInto: null, minutesAccounted: 0 }),
  },
  "article.recipients": {
    allowedFor: "agents with ro",
    build: ref,
    outcome: agentTicket(SIGHTED),
    check: (result) => expect((result as { reply: { to: string[] } }).reply.to).toHaveLength(1),
  },
  "template.list": {
    allowedFor: "agents",
    ...onFresh(() => createTemplate(), () => ({ kind: "reply" })),
    outcome: agentsOnly(),
    check: (result) => expect((result as unknown[]).length).toBeGreaterThan(0),
  },
  "template.render": {
    allowedFor: "agents with ro on the ticket",
    ...perTicket(() => createTemplate(), (c, tpl) => ({ templateId: tpl.id, ticketId: c.ticketId })),
    outcome: agentTicket(SIGHTED),
    check: (result) => expect((result as { body: string }).body).toMatch(/about ticket \d{16} \(Queue /),
  },
  "template.renderNew": {
    allowedFor: "agents (a new-ticket template, filled from the form)",
    ...onFresh(() => createTemplate({ kinds: ["new_ticket"] }), (tpl) => ({ templateId: tpl.id, customerName: "Ada" })),
    outcome: agentsOnly(),
    check: (result) => expect((result as { body: string }).body).toMatch(/^Hello Ada, about ticket  \(\)\. Agent /),
  },
  "article.note": {
    allowedFor: "agents with note (or rw)",
    build: (c) => ({ ticketId: c.ticketId, body: "An internal note from the matrix" }),
    outcome: agentTicket(["note", "rw"]),
    writes: "article",
  },
  "meta.options": {
    allowedFor: "every signed-in user",
    build: () => undefined,
    outcome: everyone(),
    check: (result) => expect((result as { priorities: unknown[] }).priorities).toHaveLength(5),
  },
  "meta.owners": {
    allowedFor: "agents with ro on the ticket's queue",
    build: ref,
    outcome: agentTicket(SIGHTED),
    check: (result, c) => expect((result as { id: number }[]).map((u) => u.id)).toContain(c.ownerCandidateId),
  },
  "meta.agents": {
    allowedFor: "agents and admins; never customers",
    build: () => undefined,
    outcome: agentsOnly(),
    check: (result, c) => expect((result as { id: number }[]).map((u) => u.id)).toContain(c.ownerCandidateId),
  },
  "meta.customerLookup": {
    allowedFor: "agents and admins; never customers",
    build: () => ({ query: "@" }),
    outcome: agentsOnly(),
    check: (result) => expect((result as unknown[]).length).toBeGreaterThan(0),
  },
  "meta.companyLookup": {
    allowedFor: "agents and admins; never customers",
    build: () => ({ query: "company" }),
    outcome: agentsOnly(),
    check: (result) => expect((result as unknown[]).length).toBeGreaterThan(0),
  },
  "meta.me": {
    allowedFor: "every signed-in user",
    build: () => undefined,
    outcome: everyone(),
    check: (result, c) => expect(result).toMatchObject({ id: c.user.id, role: c.user.role }),
  },
  "account.profile": {
    allowedFor: "every signed-in user, for their own account",
    build: () => undefined,
    outcome: everyone(),
    check: (result, c) => expect(result).toMatchObject({ email: c.user.email, name: c.user.name }),
  },
  "account.updateProfile": {
    allowedFor: "every signed-in user, for their own account",
    build: (c) => ({ name: c.user.name, language: "en", timeZone: c.user.timeZone, emailNotifications: {} }),
    outcome: everyone(),
    check: (result, c) => expect(result).toMatchObject({ name: c.user.name, timeZone: c.user.timeZone }),
  },
  "account.queueSubscriptions": {
    allowedFor: "agents and admins, for the queues they may see",
    build: () => undefined,
    outcome: agentsOnly(),
    check: (result, c) => expect((result as { id: number }[]).some((q) => q.id === c.queueId)).toBe(c.sees),
  },
  "account.setQueueSubscription": {
    allowedFor: "agents with ro on the queue; a queue they cannot see does not exist for them",
    build: (c) => ({ queueId: c.queueId, subscribed: true }),
    outcome: { ...agentsOnly(), admin: "NOT_FOUND", none: "NOT_FOUND" },
    check: (result, c) => expect(result).toEqual({ queueId: c.queueId, subscribed: true }),
  },
  "upload.limits": {
    allowedFor: "every signed-in user",
    build: () => undefined,
    outcome: everyone(),
    check: (result) => expect(result).toMatchObject({ maxBytes: 10 * 1024 * 1024, maxFiles: 10 }),
  },
  "upload.discard": {
    allowedFor: "every signed-in user, for their own unsent uploads",
    ...onOwnUpload((uploadId) => ({ uploadId })),
    outcome: everyone(),
    check: (result) => expect(result).toEqual({ discarded: true }),
  },
  "adminDirectory.agentList": { allowedFor: "admins", build: () => ({ limit: 5 }), outcome: adminOnly(), check: listed },
  "adminDirectory.agentGet": { allowedFor: "admins", build: (c) => ({ id: c.ownerCandidateId }), outcome: adminOnly(), check: (r, c) => expect(r).toMatchObject({ id: c.ownerCandidateId }) },
  "adminDirectory.agentCreate": { allowedFor: "admins", build: () => ({ name: "Matrix Agent", email: uniqueEmail("matrix-agent"), password: "matrix-password" }), outcome: adminOnly() },
  "adminDirectory.agentUpdate": { allowedFor: "admins", ...onFresh(() => createAgent(), (a) => ({ id: a.id, name: uniqueName("Renamed"), email: a.email, role: "agent" })), outcome: adminOnly() },
  "adminDirectory.agentSetEnabled": { allowedFor: "admins", ...onFresh(() => createAgent(), (a) => ({ id: a.id, enabled: false })), outcome: adminOnly() },
  "adminDirectory.agentResetPassword": { allowedFor: "admins", ...onFresh(() => createAgent(), (a) => ({ id: a.id, password: "a-new-password" })), outcome: adminOnly() },
  "adminDirectory.agentSetRoles": { allowedFor: "admins", ...onFresh(async () => ({ a: await createAgent(), r: await createBareRole() }), ({ a, r }) => ({ id: a.id, roleIds: [r.id] })), outcome: adminOnly() },
  "adminDirectory.agentSetGroupPermissions": { allowedFor: "admins", ...onFresh(async () => ({ a: await createAgent(), g: await createBareGroup() }), ({ a, g }) => ({ userId: a.id, groupId: g.id, permissions: ["ro"] })), outcome: adminOnly() },
  "adminDirectory.customerList": { allowedFor: "admins", build: () => ({ limit: 5 }), outcome: adminOnly(), check: listed },
  "adminDirectory.customerCreate": { allowedFor: "admins", build: () => ({ name: "Matrix Customer", email: uniqueEmail("matrix-customer") }), outcome: adminOnly() },
  "adminDirectory.customerUpdate": { allowedFor: "admins", ...onFresh(() => createCustomer(), (u) => ({ id: u.id, name: uniqueName("Renamed"), email: u.email })), outcome: adminOnly() },
  "adminDirectory.customerSetEnabled": { allowedFor: "admins", ...onFresh(() => createCustomer(), (u) => ({ id: u.id, enabled: false })), outcome: adminOnly() },
  "adminDirectory.customerApprove": { allowedFor: "admins", ...onFresh(() => createCustomer({ approved: false }), (u) => ({ id: u.id })), outcome: adminOnly() },
  "adminDirectory.customerResetPassword": { allowedFor: "admins", ...onFresh(() => createCustomer(), (u) => ({ id: u.id, password: "a-new-password" })), outcome: adminOnly() },
  "adminDirectory.customerMerge": { allowedFor: "admins", ...onFresh(async () => ({ d: await createCustomer(), t: await createCustomer() }), ({ d, t }) => ({ duplicateId: d.id, targetId: t.id })), outcome: adminOnly() },
  "adminDirectory.companyList": { allowedFor: "admins", build: () => ({ limit: 5 }), outcome: adminOnly(), check: listed },
  "adminDirectory.companyCreate": { allowedFor: "admins", build: () => ({ name: uniqueName("Matrix Company") }), outcome: adminOnly() },
  "adminDirectory.companyUpdate": { allowedFor: "admins", ...onFresh(() => createCompany(), (co) => ({ id: co.id, name: uniqueName("Renamed") })), outcome: adminOnly() },
  "adminDirectory.companySetValid": { allowedFor: "admins", ...onFresh(() => createCompany(), (co) => ({ id: co.id, valid: false })), outcome: adminOnly() },
  "adminDirectory.groupList": { allowedFor: "admins", build: () => ({ limit: 5 }), outcome: adminOnly(), check: listed },
  "adminDirectory.groupCreate": { allowedFor: "admins", build: () => ({ name: uniqueName("matrix-group") }), outcome: adminOnly() },
  "adminDirectory.groupUpdate": { allowedFor: "admins", ...onFresh(createBareGroup, (g) => ({ id: g.id, name: uniqueName("renamed") })), outcome: adminOnly() },
  "adminDirectory.groupSetValid": { allowedFor: "admins", ...onFresh(createBareGroup, (g) => ({ id: g.id, valid: false })), outcome: adminOnly() },
  "adminDirectory.groupDelete": { allowedFor: "admins", ...onFresh(createBareGroup, (g) => ({ id: g.id })), outcome: adminOnly() },
  "adminDirectory.groupPermissions": { allowedFor: "admins", ...onFresh(createBareGroup, (g) => ({ groupId: g.id })), outcome: adminOnly() },
  "adminDirectory.roleList": { allowedFor: "admins", build: () => ({ limit: 5 }), outcome: adminOnly(), check: listed },
  "adminDirectory.roleGet": { allowedFor: "admins", ...onFresh(() => createBareRole(), (r) => ({ id: r.id })), outcome: adminOnly() },
  "adminDirectory.roleCreate": { allowedFor: "admins", build: () => ({ name: uniqueName("Matrix role") }), outcome: adminOnly() },
  "adminDirectory.roleUpdate": { allowedFor: "admins", ...onFresh(() => createBareRole(), (r) => ({ id: r.id, name: uniqueName("Renamed") })), outcome: adminOnly() },
  "adminDirectory.roleSetValid": { allowedFor: "admins", ...onFresh(() => createBareRole(), (r) => ({ id: r.id, valid: false })), outcome: adminOnly() },
  "adminDirectory.roleDelete": { allowedFor: "admins", ...onFresh(() => createBareRole(), (r) => ({ id: r.id })), outcome: adminOnly() },
  "adminDirectory.roleSetMembers": { allowedFor: "admins", ...onFresh(async () => ({ r: await createBareRole(), a: await createAgent() }), ({ r, a }) => ({ id: r.id, userIds: [a.id] })), outcome: adminOnly() },
  "adminDirectory.roleSetGroupPermissions": { allowedFor: "admins", ...onFresh(async () => ({ r: await createBareRole(), g: await createBareGroup() }), ({ r, g }) => ({ roleId: r.id, groupId: g.id, permissions: ["rw"] })), outcome: adminOnly() },
  "adminDirectory.permissionMatrix": { allowedFor: "admins", build: () => ({ limit: 5 }), outcome: adminOnly(), check: (r) => expect((r as { agents: unknown[] }).agents.length).toBeGreaterThan(0) },
  "adminDirectory.auditList": { allowedFor: "admins", build: () => ({ limit: 5 }), outcome: adminOnly() },
  "adminDirectory.auditEntities": { allowedFor: "admins", build: () => undefined, outcome: adminOnly() },
  "adminMail.outboxList": { allowedFor: "admins", ...onFresh(() => createOutboxRow(), () => ({ limit: 5 })), outcome: adminOnly(), check: listed },
  "adminMail.outboxGet": { allowedFor: "admins", ...onFresh(() => createOutboxRow(), (m) => ({ id: m.id })), outcome: adminOnly(), check: (r) => expect(r).toMatchObject({ messageId: expect.any(String) }) },
  "adminMail.quarantineList": { allowedFor: "admins", ...onFresh(() => createQuarantined(), () => ({ limit: 5 })), outcome: adminOnly(), check: listed },
  "adminMail.quarantineRerun": { allowedFor: "admins", ...onFresh(() => createQuarantined(), (q) => ({ id: q.id })), outcome: adminOnly(), check: (r) => expect(r).toMatchObject({ outcome: "created", resolved: true }) },
  "adminMail.quarantineDiscard": { allowedFor: "admins", ...onFresh(() => createQuarantined(), (q) => ({ id: q.id })), outcome: adminOnly() },
  "adminMail.accounts": { allowedFor: "admins", ...onFresh(() => createMailAccount(), () => ({ limit: 5 })), outcome: adminOnly(), check: listed },
  "adminMail.pollNow": { allowedFor: "admins", ...onFresh(() => createMailAccount(), (a) => ({ id: a.id })), outcome: adminOnly(), check: (r) => expect(r).toEqual({ queued: true }) },
  "adminConfig.options": { allowedFor: "admins", build: () => undefined, outcome: adminOnly(), check: (r) => expect((r as { groups: unknown[] }).groups.length).toBeGreaterThan(0) },
  "adminConfig.preview": { allowedFor: "admins", build: () => ({ body: "Dear <CUSTOMER_NAME>" }), outcome: adminOnly(), check: (r) => expect(r).toMatchObject({ body: "Dear Carla Customer" }) },
  "adminConfig.queueList": { allowedFor: "admins", build: () => ({ limit: 5 }), outcome: adminOnly(), check: listed },
  "adminConfig.queueTree": { allowedFor: "admins", build: () => ({}), outcome: adminOnly(), check: (r) => expect((r as unknown[]).length).toBeGreaterThan(0) },
  "adminConfig.queueGet": { allowedFor: "admins", build: (c) => ({ id: c.queueId }), outcome: adminOnly(), check: (r, c) => expect(r).toMatchObject({ id: c.queueId }) },
  "adminConfig.queueCreate": { allowedFor: "admins", ...onFresh(createBareGroup, (g) => ({ name: uniqueName("Matrix queue"), groupId: g.id })), outcome: adminOnly() },
  "adminConfig.queueUpdate": { allowedFor: "admins", ...onFresh(() => createQueue(), (q) => ({ id: q.id, name: uniqueName("Renamed"), groupId: q.groupId })), outcome: adminOnly() },
  "adminConfig.queueMakeDefault": { allowedFor: "admins", ...onFresh(cfg.defaultQueue, (q) => ({ id: q.id })), outcome: adminOnly() },
  "adminConfig.queueSetValid": { allowedFor: "admins", ...onFresh(() => createQueue(), (q) => ({ id: q.id, valid: false })), outcome: adminOnly() },
  "adminConfig.queueDelete": { allowedFor: "admins", ...onFresh(() => createQueue(), (q) => ({ id: q.id })), outcome: adminOnly() },
  "adminConfig.stateList": { allowedFor: "admins", build: () => ({ limit: 5 }), outcome: adminOnly(), check: listed },
  "adminConfig.stateCreate": { allowedFor: "admins", build: () => ({ name: uniqueName("Matrix state"), type: "open" }), outcome: adminOnly() },
  "adminConfig.stateUpdate": { allowedFor: "admins", ...onFresh(() => cfg.bareState(), (st) => ({ id: st.id, name: uniqueName("Renamed"), type: "open" })), outcome: adminOnly() },
  "adminConfig.stateSetValid": { allowedFor: "admins", ...onFresh(() => cfg.bareState(), (st) => ({ id: st.id, valid: false })), outcome: adminOnly() },
  "adminConfig.stateDelete": { allowedFor: "admins", ...onFresh(() => cfg.bareState(), (st) => ({ id: st.id })), outcome: adminOnly() },
  "adminConfig.priorityList": { allowedFor: "admins", build: () => ({ limit: 5 }), outcome: adminOnly(), check: listed },
  "adminConfig.priorityCreate": { allowedFor: "admins", build: () => ({ name: uniqueName("Matrix priority"), level: 4 }), outcome: adminOnly() },
  "adminConfig.priorityUpdate": { allowedFor: "admins", ...onFresh(cfg.barePriority, (p) => ({ id: p.id, name: uniqueName("Renamed"), level: 1 })), outcome: adminOnly() },
  "adminConfig.prioritySetValid": { allowedFor: "admins", ...onFresh(cfg.barePriority, (p) => ({ id: p.id, valid: false })), outcome: adminOnly() },
  "adminConfig.priorityDelete": { allowedFor: "admins", ...onFresh(cfg.barePriority, (p) => ({ id: p.id })), outcome: adminOnly() },
  "adminConfig.typeList": { allowedFor: "admins", build: () => ({ limit: 5 }), outcome: adminOnly(), check: listed },
  "adminConfig.typeCreate": { allowedFor: "admins", build: () => ({ name: uniqueName("Matrix type") }), outcome: adminOnly() },
  "adminConfig.typeUpdate": { allowedFor: "admins", ...onFresh(cfg.bareType, (t) => ({ id: t.id, name: uniqueName("Renamed") })), outcome: adminOnly() },
  "adminConfig.typeSetValid": { allowedFor: "admins", ...onFresh(cfg.bareType, (t) => ({ id: t.id, valid: false })), outcome: adminOnly() },
  "adminConfig.typeDelete": { allowedFor: "admins", ...onFresh(cfg.bareType, (t) => ({ id: t.id })), outcome: adminOnly() },
  "adminConfig.serviceList": { allowedFor: "admins", ...onFresh(cfg.bareService, () => ({ limit: 5 })), outcome: adminOnly(), check: listed },
  "adminConfig.serviceCreate": { allowedFor: "admins", build: () => ({ name: uniqueName("Matrix service") }), outcome: adminOnly() },
  "adminConfig.serviceUpdate": { allowedFor: "admins", ...onFresh(cfg.bareService, (sv) => ({ id: sv.id, name: uniqueName("Renamed") })), outcome: adminOnly() },
  "adminConfig.serviceSetValid": { allowedFor: "admins", ...onFresh(cfg.bareService, (sv) => ({ id: sv.id, valid: false })), outcome: adminOnly() },
  "adminConfig.serviceDelete": { allowedFor: "admins", ...onFresh(cfg.bareService, (sv) => ({ id: sv.id })), outcome: adminOnly() },
  "adminSla.slaList": { allowedFor: "admins", ...onFresh(() => createSla(), () => ({ limit: 5 })), outcome: adminOnly(), check: listed },
  "adminSla.slaOptions": { allowedFor: "admins", build: () => undefined, outcome: adminOnly() },
  "adminSla.slaCreate": { allowedFor: "admins", build: () => ({ name: uniqueName("Matrix SLA"), firstResponseMinutes: 60 }), outcome: adminOnly() },
  "adminSla.slaUpdate": { allowedFor: "admins", ...onFresh(() => createSla(), (x) => ({ id: x.id, name: uniqueName("Renamed"), solutionMinutes: 30 })), outcome: adminOnly() },
  "adminSla.slaSetValid": { allowedFor: "admins", ...onFresh(() => createSla(), (x) => ({ id: x.id, valid: false })), outcome: adminOnly() },
  "adminSla.slaDelete": { allowedFor: "admins", ...onFresh(() => createSla(), (x) => ({ id: x.id })), outcome: adminOnly() },
  "adminConfig.calendarList": { allowedFor: "admins", ...onFresh(cfg.bareCalendar, () => ({ limit: 5 })), outcome: adminOnly(), check: listed },
  "adminConfig.calendarCreate": { allowedFor: "admins", build: () => ({ name: uniqueName("Matrix calendar"), timeZone: "UTC", workingHours: { mon: [["08:00", "16:00"]] } }), outcome: adminOnly() },
  "adminConfig.calendarUpdate": { allowedFor: "admins", ...onFresh(cfg.bareCalendar, (c) => ({ id: c.id, name: uniqueName("Renamed"), timeZone: "UTC", workingHours: { tue: [["08:00", "16:00"]] } })), outcome: adminOnly() },
  "adminConfig.calendarSetValid": { allowedFor: "admins", ...onFresh(cfg.bareCalendar, (c) => ({ id: c.id, valid: false })), outcome: adminOnly() },
  "adminConfig.calendarDelete": { allowedFor: "admins", ...onFresh(cfg.bareCalendar, (c) => ({ id: c.id })), outcome: adminOnly() },
  "adminConfig.calendarHolidayCountries": { allowedFor: "admins", build: () => undefined, outcome: adminOnly(), check: (r) => expect(r).toContainEqual({ code: "DE", name: "Germany" }) },
  "adminConfig.calendarHolidayImport": { allowedFor: "admins", build: () => ({ country: "DE", year: 2026 }), outcome: adminOnly(), check: (r) => expect(r).toContainEqual({ date: "2026-10-03", name: "National Holiday", recurring: false }) },
  "adminConfig.templateList": { allowedFor: "admins", ...onFresh(cfg.bareTemplate, () => ({ limit: 5 })), outcome: adminOnly(), check: listed },
  "adminConfig.templateCreate": { allowedFor: "admins", build: () => ({ name: uniqueName("Matrix template"), kinds: ["reply"], body: "Hello" }), outcome: adminOnly() },
  "adminConfig.templateUpdate": { allowedFor: "admins", ...onFresh(cfg.bareTemplate, (t) => ({ id: t.id, name: uniqueName("Renamed"), kinds: ["note"], body: "Changed" })), outcome: adminOnly() },
  "adminConfig.templateSetValid": { allowedFor: "admins", ...onFresh(cfg.bareTemplate, (t) => ({ id: t.id, valid: false })), outcome: adminOnly() },
  "adminConfig.templateDelete": { allowedFor: "admins", ...onFresh(cfg.bareTemplate, (t) => ({ id: t.id })), outcome: adminOnly() },
  "adminConfig.signatureList": { allowedFor: "admins", ...onFresh(() => cfg.bareSnippet("signature"), () => ({ limit: 5 })), outcome: adminOnly(), check: listed },
  "adminConfig.signatureCreate": { allowedFor: "admins", build: () => ({ name: uniqueName("Matrix signature"), body: "Regards" }), outcome: adminOnly() },
  "adminConfig.signatureUpdate": { allowedFor: "admins", ...onFresh(() => cfg.bareSnippet("signature"), (x) => ({ id: x.id, name: uniqueName("Renamed"), body: "Changed" })), outcome: adminOnly() },
  "adminConfig.signatureSetValid": { allowedFor: "admins", ...onFresh(() => cfg.bareSnippet("signature"), (x) => ({ id: x.id, valid: false })), outcome: adminOnly() },
  "adminConfig.signatureDelete": { allowedFor: "admins", ...onFresh(() => cfg.bareSnippet("signature"), (x) => ({ id: x.id })), outcome: adminOnly() },
  "adminConfig.salutationList": { allowedFor: "admins", ...onFresh(() => cfg.bareSnippet("salutation"), () => ({ limit: 5 })), outcome: adminOnly(), check: listed },
  "adminConfig.salutationCreate": { allowedFor: "admins", build: () => ({ name: uniqueName("Matrix salutation"), body: "Dear" }), outcome: adminOnly() },
  "adminConfig.salutationUpdate": { allowedFor: "admins", ...onFresh(() => cfg.bareSnippet("salutation"), (x) => ({ id: x.id, name: uniqueName("Renamed"), body: "Changed" })), outcome: adminOnly() },
  "adminConfig.salutationSetValid": { allowedFor: "admins", ...onFresh(() => cfg.bareSnippet("salutation"), (x) => ({ id: x.id, valid: false })), outcome: adminOnly() },
  "adminConfig.salutationDelete": { allowedFor: "admins", ...onFresh(() => cfg.bareSnippet("salutation"), (x) => ({ id: x.id })), outcome: adminOnly() },
  "adminConfig.autoResponseList": { allowedFor: "admins", ...onFresh(cfg.bareAutoResponse, () => ({ limit: 5 })), outcome: adminOnly(), check: listed },
  "adminConfig.autoResponseGet": { allowedFor: "admins", ...onFresh(cfg.bareAutoResponse, (a) => ({ id: a.id })), outcome: adminOnly(), check: (r) => expect((r as { texts: unknown[] }).texts).toHaveLength(1) },
  "adminConfig.autoResponseCreate": { allowedFor: "admins", build: () => ({ name: uniqueName("Matrix auto"), type: "reject", texts: [{ language: "en", subject: "Closed", body: "Closed" }] }), outcome: adminOnly() },
  "adminConfig.autoResponseUpdate": { allowedFor: "admins", ...onFresh(cfg.bareAutoResponse, (a) => ({ id: a.id, name: uniqueName("Renamed"), type: "new_ticket", texts: [{ language: "de", subject: "Erhalten", body: "Danke" }] })), outcome: adminOnly() },
  "adminConfig.autoResponseSetValid": { allowedFor: "admins", ...onFresh(cfg.bareAutoResponse, (a) => ({ id: a.id, valid: false })), outcome: adminOnly() },
  "adminConfig.autoResponseDelete": { allowedFor: "admins", ...onFresh(cfg.bareAutoResponse, (a) => ({ id: a.id })), outcome: adminOnly() },
  "adminConfig.notificationRuleList": { allowedFor: "admins", ...onFresh(cfg.bareNotificationRule, () => ({ limit: 5 })), outcome: adminOnly(), check: listed },
  "adminConfig.notificationRuleCreate": { allowedFor: "admins", build: () => ({ name: uniqueName("Matrix rule"), event: "follow_up", recipients: { owner: true }, channels: { email: false, app: true } }), outcome: adminOnly() },
  "adminConfig.notificationRuleUpdate": { allowedFor: "admins", ...onFresh(cfg.bareNotificationRule, (n) => ({ id: n.id, name: uniqueName("Renamed"), event: "new_ticket", recipients: { queueSubscribers: true }, channels: { email: true, app: true } })), outcome: adminOnly() },
  "adminConfig.notificationRuleSetValid": { allowedFor: "admins", ...onFresh(cfg.bareNotificationRule, (n) => ({ id: n.id, valid: false })), outcome: adminOnly() },
  "adminConfig.notificationRuleDelete": { allowedFor: "admins", ...onFresh(cfg.bareNotificationRule, (n) => ({ id: n.id })), outcome: adminOnly() },
  "adminConfig.mailAccountList": { allowedFor: "admins", ...onFresh(() => createMailAccount(), () => ({ limit: 5 })), outcome: adminOnly(), check: (r) => { listed(r); expect(JSON.stringify(r)).not.toContain("s3cret-imap-password"); } },
  "adminConfig.mailAccountCreate": { allowedFor: "admins", build: () => ({ name: uniqueName("Matrix mailbox"), host: "imap.example.com", username: "desk", secret: "matrix-secret" }), outcome: adminOnly() },
  "adminConfig.mailAccountUpdate": { allowedFor: "admins", ...onFresh(() => createMailAccount(), (a) => ({ id: a.id, name: uniqueName("Renamed"), host: a.host, port: a.port, tls: a.tls, username: a.username })), outcome: adminOnly() },
  "adminConfig.mailAccountSetValid": { allowedFor: "admins", ...onFresh(() => createMailAccount(), (a) => ({ id: a.id, valid: false })), outcome: adminOnly() },
  "adminConfig.mailAccountDelete": { allowedFor: "admins", ...onFresh(() => createMailAccount(), (a) => ({ id: a.id })), outcome: adminOnly() },
  "adminConfig.mailAccountTest": { allowedFor: "admins", ...onFresh(() => createMailAccount(), (a) => ({ id: a.id, host: a.host, port: a.port, tls: a.tls, username: a.username, folder: a.folder })), outcome: adminOnly(), check: (r) => expect(r).toMatchObject({ ok: false }) },
  "adminConfig.systemAddressList": { allowedFor: "admins", ...onFresh(cfg.bareSystemAddress, () => ({ limit: 5 })), outcome: adminOnly(), check: listed },
  "adminConfig.systemAddressCreate": { allowedFor: "admins", build: (c) => ({ address: uniqueEmail("matrix-desk"), displayName: "Matrix desk", queueId: c.queueId }), outcome: adminOnly() },
  "adminConfig.systemAddressUpdate": { allowedFor: "admins", ...onFresh(cfg.bareSystemAddress, (a) => ({ id: a.id, address: uniqueEmail("renamed"), displayName: "Renamed", queueId: a.queueId })), outcome: adminOnly() },
  "adminConfig.systemAddressSetValid": { allowedFor: "admins", ...onFresh(cfg.bareSystemAddress, (a) => ({ id: a.id, valid: false })), outcome: adminOnly() },
  "adminConfig.systemAddressDelete": { allowedFor: "admins", ...onFresh(cfg.bareSystemAddress, (a) => ({ id: a.id })), outcome: adminOnly() },
  "adminConfig.filterList": { allowedFor: "admins", ...onFresh(cfg.bareFilter, () => ({ limit: 5 })), outcome: adminOnly(), check: listed },
  "adminConfig.filterCreate": { allowedFor: "admins", build: () => ({ name: uniqueName("Matrix filter"), match: [{ field: "x-matrix", pattern: "^never$", regex: true }], set: { ignore: true } }), outcome: adminOnly() },
  "adminConfig.filterUpdate": { allowedFor: "admins", ...onFresh(cfg.bareFilter, (f) => ({ id: f.id, name: uniqueName("Renamed"), match: [{ field: "x-matrix", pattern: "never" }], set: { ignore: true } })), outcome: adminOnly() },
  "adminConfig.filterSetValid": { allowedFor: "admins", ...onFresh(cfg.bareFilter, (f) => ({ id: f.id, valid: false })), outcome: adminOnly() },
  "adminConfig.filterDelete": { allowedFor: "admins", ...onFresh(cfg.bareFilter, (f) => ({ id: f.id })), outcome: adminOnly() },
  "adminConfig.filterDryRun": { allowedFor: "admins", build: () => ({ raw: cfg.pastedMessage() }), outcome: adminOnly(), check: (r) => expect(r).toMatchObject({ result: { ignore: false } }) },
  "adminConfig.settingsGet": { allowedFor: "admins", build: () => undefined, outcome: adminOnly(), check: (r) => expect(r).toMatchObject({ ticketHook: "Ticket#" }) },
  "adminConfig.settingsUpdate": { allowedFor: "admins", ...onFresh(cfg.currentSettings, (settings) => settings), outcome: adminOnly(), check: (r) => expect(r).toEqual({ changed: [] }) },
  "dashboard.summary": { allowedFor: "agents (their own dashboard)", build: () => undefined, outcome: agentsOnly(), check: (r) => expect(r).toMatchObject({ locked: { count: expect.any(Number) }, newInMyQueues: { items: expect.any(Array) } }) },
  "queue.tree": {
    allowedFor: "agents; the tree holds only queues they have ro on",
    build: () => undefined,
    outcome: agentsOnly(),
    check: (r, c) => expect((r as { id: number }[]).some((q) => q.id === c.queueId)).toBe(c.sees),
  },
  "savedSearch.list": { allowedFor: "agents (own and shared searches)", build: () => undefined, outcome: agentsOnly(), check: (r) => expect(r).toEqual(expect.any(Array)) },
  "savedSearch.create": { allowedFor: "agents", build: () => ({ name: "Matrix search", filters: { stateTypes: ["open"] } }), outcome: agentsOnly(), check: (r) => expect(r).toMatchObject({ id: expect.any(Number) }) },
  "savedSearch.update": { allowedFor: "agents, on searches they created (admins: any)", ...onOwnSavedSearch((id) => ({ id, name: "Renamed search" })), outcome: agentsOnly() },
  "savedSearch.delete": { allowedFor: "agents, on searches they created (admins: any)", ...onOwnSavedSearch((id) => ({ id })), outcome: agentsOnly() },
  "report.builtin": {
    allowedFor: "agents; only tickets of queues they hold ro on are counted",
    build: () => ({ dimension: "queue", period: { preset: "today" } }),
    outcome: agentsOnly(),
    check: (r, c) => expect((r as { current: { keys: string[][] } }).current.keys.some((k) => k[0] === String(c.queueId))).toBe(c.sees),
  },
  "report.build": {
    allowedFor: "agents; only tickets of queues they hold ro on are counted",
    build: () => TICKETS_PER_QUEUE,
    outcome: agentsOnly(),
    check: (r, c) => expect((r as { keys: string[][] }).keys.some((k) => k[0] === String(c.queueId))).toBe(c.sees),
  },
  "report.exportCsv": { allowedFor: "agents (their own scope)", build: () => ({ kind: "builtin", input: { dimension: "queue", period: { preset: "today" } } }), outcome: agentsOnly(), check: (r) => expect((r as { csv: string }).csv.startsWith("\uFEFF")).toBe(true) },
  "report.ticketListCsv": { allowedFor: "agents; rows only from queues they hold ro on", build: (c) => ({ queueIds: [c.queueId] }), outcome: agentsOnly(), check: (r, c) => expect((r as { rows: number }).rows > 0).toBe(c.sees) },
  "report.list": { allowedFor: "agents (own and shared reports)", build: () => undefined, outcome: agentsOnly(), check: (r) => expect(r).toEqual(expect.any(Array)) },
  "report.save": { allowedFor: "agents", build: () => ({ name: "Matrix report", definition: TICKETS_PER_QUEUE }), outcome: agentsOnly(), check: (r) => expect(r).toMatchObject({ id: expect.any(Number) }) },
  "report.update": { allowedFor: "agents, on reports they saved (admins: any)", ...onOwnReport(({ reportId }) => ({ id: reportId, name: "Renamed report", definition: TICKETS_PER_QUEUE })), outcome: agentsOnly() },
  "report.delete": { allowedFor: "agents, on reports they saved (admins: any)", ...onOwnReport(({ reportId }) => ({ id: reportId })), outcome: agentsOnly() },
  "report.schedules": { allowedFor: "agents (their own schedules)", build: () => undefined, outcome: agentsOnly(), check: (r) => expect(r).toEqual(expect.any(Array)) },
  "report.schedule": { allowedFor: "agents, on reports they can see", ...onOwnReport(({ reportId }) => ({ reportId, frequency: "weekly", format: "csv", recipients: ["boss@example.com"] })), outcome: agentsOnly(), check: (r) => expect(r).toMatchObject({ id: expect.any(Number) }) },
  "report.unschedule": { allowedFor: "agents, on their own schedules", ...onOwnReport(({ scheduleId }) => ({ id: scheduleId }), { schedule: true }), outcome: agentsOnly() },
  "report.runNow": { allowedFor: "agents, on reports they can see (a job generates the file)", ...onOwnReport(({ reportId }) => ({ reportId, format: "csv" })), outcome: agentsOnly(), check: (r) => expect(r).toMatchObject({ status: "queued" }) },
  "report.runs": { allowedFor: "agents, on reports they can see", ...onOwnReport(({ reportId }) => ({ id: reportId })), outcome: agentsOnly(), check: (r) => expect(r).toEqual([]) },
  "ticket.bulk": {
    allowedFor: "agents; each ticket needs the action's permission (close: rw), refusals are per-ticket results",
    build: (c) => ({ ticketIds: [c.ticketId], action: "close", params: {} }),
    outcome: agentsOnly(),
    check: (r, c) => expect((r as { results: { ok: boolean }[] }).results[0]!.ok).toBe(c.user.id === fx.callers.rw.id),
  },
  "notification.list": { allowedFor: "agents (their own)", build: () => ({ limit: 5 }), outcome: agentsOnly(), check: (r) => expect(r).toMatchObject({ items: expect.any(Array), unread: expect.any(Number) }) },
  "notification.markRead": { allowedFor: "agents (their own)", build: () => ({ all: true }), outcome: agentsOnly() },
  "live.events": {
    allowedFor: "every signed-in user; the stream carries only tickets they may see",
    build: () => ({}),
    outcome: everyone(),
    check: (result) => expect(result).toBe(SUBSCRIBED),
  },
  "presence.heartbeat": { allowedFor: "agents with ro", build: (c) => ({ ...ref(c), activity: "viewing" }), outcome: agentTicket(SIGHTED) },
  "presence.leave": { allowedFor: "agents with ro", build: ref, outcome: agentTicket(SIGHTED) },
  "presence.list": { allowedFor: "agents with ro", build: ref, outcome: agentTicket(SIGHTED), check: (result) => expect(result).toEqual([]) },
  "duplicate.suggestions": {
    allowedFor: "agents with ro",
    build: ref,
    outcome: agentTicket(SIGHTED),
    check: (result) => expect(Array.isArray((result as { items: unknown[] }).items)).toBe(true),
  },
  "duplicate.dismiss": {
    allowedFor: "agents with rw (what merging needs)",
    ...perTicket(suggestedOriginal, (c, originalId) => ({ ticketId: c.ticketId, originalId })),
    outcome: agentTicket(["rw"]),
    check: (result) => expect(result).toEqual({ dismissed: true }),
  },
  "duplicate.similarOpen": {
    allowedFor: "customers; only their own open tickets are compared",
    build: () => ({ title: "Matrix", body: "Created by the matrix" }),
    outcome: { ...Object.fromEntries(Object.keys(PROFILE_LABEL).map((p) => [p, "FORBIDDEN"])), customerOwn: "ok", customerOther: "ok" } as Record<Profile, Outcome>,
    check: (result) => expect(Array.isArray((result as { items: unknown[] }).items)).toBe(true),
  },
  "faq.categories": { allowedFor: "every signed-in user; categories holding an article they may read", build: () => undefined, outcome: everyone(), check: (r) => expect(r).toEqual(expect.any(Array)) },
  "faq.list": { allowedFor: "every signed-in user; published articles of a visibility they may read", build: () => ({ limit: 5 }), outcome: everyone(), check: (r) => expect(r).toMatchObject({ items: expect.any(Array) }) },
  "faq.get": { allowedFor: "every signed-in user, on published articles of a visibility they may read", ...perTicket(() => createFaq({ texts: { en: ["Matrix FAQ", "Body"] } }), (_c, a) => ({ id: a.id })), outcome: everyone(), check: (r) => expect(r).toMatchObject({ title: "Matrix FAQ" }) },
  "faq.search": { allowedFor: "every signed-in user; results follow visibility", build: () => ({ query: "matrix" }), outcome: everyone(), check: (r) => expect(r).toEqual(expect.any(Array)) },
  "faq.suggest": { allowedFor: "every signed-in user; suggestions follow visibility", build: () => ({ subject: "matrix printer" }), outcome: everyone(), check: (r) => expect(r).toEqual(expect.any(Array)) },
  "faq.vote": { allowedFor: "every signed-in user, on articles they may read", ...perTicket(() => createFaq({ texts: { en: ["Matrix vote", "Body"] } }), (_c, a) => ({ id: a.id, kind: "helpful" })), outcome: everyone() },
  "faq.draftFromTicket": {
    allowedFor: "agents with ro on the ticket's queue (an internal draft for the FAQ editors)",
    ...perTicket(async (c) => { await createFaq({ texts: { en: ["Seed", "x"] } }); return firstArticle(c); }, (c, articleId) => ({ ticketId: c.ticketId, articleId })),
    outcome: agentTicket(SIGHTED),
    check: (r) => expect(r).toMatchObject({ id: expect.any(Number) }),
  },
  "faqEditor.categoryList": { allowedFor: "FAQ editors (admins and agents with faq_editor)", build: () => ({}), outcome: adminOnly(), check: (r) => expect(r).toMatchObject({ items: expect.any(Array) }) },
  "faqEditor.categorySave": { allowedFor: "FAQ editors", build: () => ({ names: { en: "Matrix category" } }), outcome: adminOnly(), check: (r) => expect(r).toMatchObject({ id: expect.any(Number) }) },
  "faqEditor.categorySetValid": { allowedFor: "FAQ editors", ...perTicket(() => createFaqCategory(), (_c, cat) => ({ id: cat.id, valid: false })), outcome: adminOnly() },
  "faqEditor.articleList": { allowedFor: "FAQ editors", build: () => ({ limit: 5 }), outcome: adminOnly(), check: listed },
  "faqEditor.articleGet": { allowedFor: "FAQ editors", ...perTicket(() => createFaq({ state: "draft", texts: { en: ["Matrix draft", "Body"] } }), (_c, a) => ({ id: a.id })), outcome: adminOnly() },
  "faqEditor.articleCreate": {
    allowedFor: "FAQ editors",
    ...perTicket(() => createFaqCategory(), (_c, cat) => ({ categoryId: cat.id, translations: [{ language: "en", title: "Matrix new", body: "Body" }] })),
    outcome: adminOnly(),
    check: (r) => expect(r).toMatchObject({ id: expect.any(Number) }),
  },
  "faqEditor.articleUpdate": {
    allowedFor: "FAQ editors",
    ...perTicket(() => createFaqWithCategory(), (_c, a) => ({ id: a.id, version: a.version, categoryId: a.categoryId, translations: [{ language: "en", title: "Matrix edited", body: "Body" }] })),
    outcome: adminOnly(),
  },
  "faqEditor.articleSetState": { allowedFor: "FAQ editors", ...perTicket(() => createFaq({ state: "draft", texts: { en: ["Matrix publish", "Body"] } }), (_c, a) => ({ id: a.id, version: a.version, state: "published" })), outcome: adminOnly() },
  "faqEditor.history": { allowedFor: "FAQ editors", ...perTicket(() => createFaq({ texts: { en: ["Matrix history", "Body"] } }), (_c, a) => ({ id: a.id })), outcome: adminOnly(), check: (r) => expect((r as unknown[]).length).toBeGreaterThan(0) },
  "search.tickets": {
    allowedFor: "agents; results only from queues where they hold ro",
    build: () => ({ query: fx.callers.customerOwn.email, limit: 50 }),
    outcome: agentsOnly(),
    check: (result, c) => expect((result as { items: { id: number }[] }).items.some((t) => t.id === c.ticketId)).toBe(c.sees),
  },
};

const fx = {} as {
  queue: Awaited<ReturnType<typeof createQueue>>;
  target: Awaited<ReturnType<typeof createQueue>>;
  callers: Record<Profile, UserRow>;
  ownerCandidateId: number;
  openStateId: number;
  highPriorityId: number;
};

beforeAll(async () => {
  const [companyA, companyB] = [await createCompany(), await createCompany()];
  fx.queue = await createQueue();
  fx.target = await createQueue();
  const callers = {
    customerOwn: await createCustomer({ companyId: companyA.id }),
    // Sees its company's tickets, so only the company boundary keeps it out.
    customerOther: await createCustomer({ companyId: companyB.id, seesCompanyTickets: true }),
  } as Record<Profile, UserRow>;
  for (const [profile, { admin, permissions }] of Object.entries(AGENT_PROFILES) as [AgentProfile, (typeof AGENT_PROFILES)[AgentProfile]][]) {
    const agent = await createAgent({ admin, queues: permissions.length ? [fx.queue] : [], permissions: [...permissions] });
    await grant(agent.id, fx.target.groupId, ["move_into"]);
    callers[profile] = agent;
  }
  fx.callers = callers;
  fx.ownerCandidateId = (await createAgent({ queues: [fx.queue], permissions: ["owner"] })).id;
  fx.openStateId = (await stateNamed("open")).id;
  fx.highPriorityId = (await priorityAt(5)).id;
});

/** A fresh ticket of `customerOwn` in the matrix queue, prepared for the case. */
async function contextFor(profile: Profile, c: Case): Promise<Ctx> {
  const { id } = await createTicket({ customer: fx.callers.customerOwn, queue: fx.queue });
  const base: Ctx = {
    user: fx.callers[profile],
    ticketId: id,
    version: 0,
    queueId: fx.queue.id,
    targetQueueId: fx.target.id,
    openStateId: fx.openStateId,
    highPriorityId: fx.highPriorityId,
    ownerCandidateId: fx.ownerCandidateId,
  };
  await c.prepare?.(base);
  const [row] = await db.select({ version: tickets.version }).from(tickets).where(eq(tickets.id, id));
  return { ...base, version: row!.version };
}

const SUBSCRIBED = Symbol("subscribed");

function call(caller: ReturnType<typeof callerFor>, key: string, input: unknown): Promise<unknown> {
  const [area, name] = key.split(".") as [string, string];
  const proc = (caller as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[area]?.[name];
  if (!proc) throw new Error(`no procedure ${key} on the caller`);
  return proc(input).then(async (result) => {
    // A subscription hands back its stream once its checks passed; close it before it starts listening.
    if (result && typeof result === "object" && Symbol.asyncIterator in result) {
      await (result as AsyncGenerator).return(undefined);
      return SUBSCRIBED;
    }
    return result;
  });
}

describe("permission matrix", () => {
  it("has exactly one row per procedure of the router", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(procedures.length).toBeGreaterThan(0);
    expect(Object.keys(MATRIX).sort()).toEqual(procedures);
  });

  for (const [key, c] of Object.entries(MATRIX)) {
    describe(`${key} (allowed for ${c.allowedFor})`, () => {
      it("anonymous → UNAUTHORIZED, writes nothing", async () => {
        const ctx = await contextFor("customerOwn", c);
        const { message } = await expectRefusedWithoutTrace(ctx.ticketId, () => call(callerFor(null), key, c.build(ctx)), "UNAUTHORIZED");
        expect(message).toBe("Please sign in.");
      });

      it("a session that ended → UNAUTHORIZED, writes nothing", async () => {
        const ctx = await contextFor("customerOwn", c);
        const { message } = await expectRefusedWithoutTrace(ctx.ticketId, () => call(callerFor(null, { sessionEnded: true }), key, c.build(ctx)), "UNAUTHORIZED");
        expect(message).toMatch(/session has ended/);
      });

      for (const profile of Object.keys(PROFILE_LABEL) as Profile[]) {
        const expected = c.outcome[profile];
        it(`${PROFILE_LABEL[profile]} → ${expected}`, async () => {
          const ctx = await contextFor(profile, c);
          const run = () => call(callerFor(ctx.user), key, c.build(ctx));
          if (expected !== "ok") {
            await expectRefusedWithoutTrace(ctx.ticketId, run, expected);
            return;
          }
          const before = await ticketFootprint(ctx.ticketId);
          const settled = await settle(run());
          expect(settled.outcome, settled.message).toBe("ok");
          c.check?.(settled.result, { ...ctx, sees: profile === "customerOwn" || (SIGHTED as string[]).includes(profile) });
          const after = await ticketFootprint(ctx.ticketId);
          if (c.writes) {
            expect(after.history).toBeGreaterThan(before.history);
            expect(after.ticket!.version).toBeGreaterThan(before.ticket!.version);
          }
          if (c.writes === "article") expect(after.articles).toBe(before.articles + 1);
        });
      }
    });
  }
});

describe("queue permissions beyond the matrix", () => {
  it("moving needs move_into on the target as well as on the source", async () => {
    const customer = await createCustomer();
    const source = await createQueue();
    const target = await createQueue();
    const agent = await createAgent({ queues: [source], permissions: ["ro", "move_into"] });
    const { id } = await createTicket({ customer, queue: source });
    const version = (await ticketFootprint(id)).ticket!.version;
    const refused = await expectRefusedWithoutTrace(id, () => callerFor(agent).ticket.move({ ticketId: id, version, queueId: target.id }), "FORBIDDEN");
    expect(refused.message).toMatch(/target queue/);

    await grant(agent.id, target.groupId, ["move_into"]);
    await callerFor(agent).ticket.move({ ticketId: id, version, queueId: target.id });
    expect((await ticketFootprint(id)).ticket!.queueId).toBe(target.id);
  });

  it("move_into on the target alone does not let an agent move a ticket out of a queue where it only has ro", async () => {
    const customer = await createCustomer();
    const source = await createQueue();
    const target = await createQueue();
    const agent = await createAgent({ queues: [source], permissions: ["ro"] });
    await grant(agent.id, target.groupId, ["move_into"]);
    const { id } = await createTicket({ customer, queue: source });
    const version = (await ticketFootprint(id)).ticket!.version;
    await expectRefusedWithoutTrace(id, () => callerFor(agent).ticket.move({ ticketId: id, version, queueId: target.id }), "FORBIDDEN");
  });

  it("a note-only agent can note but not reply, change state or lock", async () => {
    const customer = await createCustomer();
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue], permissions: ["ro", "note"] });
    const { id } = await createTicket({ customer, queue });
    const caller = callerFor(agent);
    const version = (await ticketFootprint(id)).ticket!.version;
    await expectRefusedWithoutTrace(id, () => caller.article.reply({ ticketId: id, body: "no" }), "FORBIDDEN");
    await expectRefusedWithoutTrace(id, () => caller.ticket.setState({ ticketId: id, version, stateId: fx.openStateId }), "FORBIDDEN");
    await expectRefusedWithoutTrace(id, () => caller.ticket.lock({ ticketId: id, version }), "FORBIDDEN");
    const before = await ticketFootprint(id);
    await caller.article.note({ ticketId: id, body: "yes" });
    expect((await ticketFootprint(id)).articles).toBe(before.articles + 1);
  });

  it("permissions other than ro do not make a queue's tickets visible (ro is sight)", async () => {
    const customer = await createCustomer();
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue], permissions: ["note", "priority", "move_into"] });
    const { id } = await createTicket({ customer, queue });
    const caller = callerFor(agent);
    await expectRefusedWithoutTrace(id, () => caller.ticket.get({ ticketId: id }), "NOT_FOUND");
    await expectRefusedWithoutTrace(id, () => caller.article.note({ ticketId: id, body: "unseen" }), "NOT_FOUND");
    expect((await caller.ticket.list({ limit: 100 })).items.map((t) => t.id)).not.toContain(id);
  });

  it("permissions held through a role count, but not through an invalid role", async () => {
    const customer = await createCustomer();
    const queue = await createQueue();
    const viaRole = await createAgent();
    const viaInvalidRole = await createAgent();
    await createRole({ groupId: queue.groupId, permissions: ["rw"], userIds: [viaRole.id] });
    await createRole({ groupId: queue.groupId, permissions: ["rw"], userIds: [viaInvalidRole.id], valid: false });
    const { id } = await createTicket({ customer, queue });
    await expectRefusedWithoutTrace(id, () => callerFor(viaInvalidRole).article.reply({ ticketId: id, body: "no" }), "NOT_FOUND");
    const before = await ticketFootprint(id);
    await callerFor(viaRole).article.reply({ ticketId: id, body: "yes" });
    expect((await ticketFootprint(id)).articles).toBe(before.articles + 1);
  });
});
