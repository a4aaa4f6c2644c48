import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZodError } from "zod";
import { db } from "@/db";
import * as s from "@/db/schema";
import { ingestMail } from "@/server/mail/postmaster";
import { getSetting } from "@/server/services/settings";
import { callerFor } from "../helpers/caller";
import { tableCounts } from "../helpers/db-state";
import { type Dovecot, startDovecot } from "../helpers/dovecot";
import { buildMail } from "../helpers/mail";
import { settle } from "../helpers/refusals";
import { createAgent, createCustomer, createGroup, createQueue, createTicket, stateNamed } from "../factories";

type UserRow = typeof s.users.$inferSelect;
let admin: UserRow;
let asAdmin: ReturnType<typeof callerFor>;
const tag = () => randomUUID().slice(0, 8);

beforeAll(async () => {
  admin = await createAgent({ admin: true });
  asAdmin = callerFor(admin);
});

/** The audit rows of one record, newest first. */
async function auditOf(entity: string, entityId: number | string) {
  return db
    .select()
    .from(s.auditLog)
    .where(and(eq(s.auditLog.entity, entity), eq(s.auditLog.entityId, String(entityId))))
    .orderBy(desc(s.auditLog.id));
}

/** A refused call: the code, the message, and not one row written anywhere. */
async function refused(run: () => Promise<unknown>, code: string) {
  const before = await tableCounts();
  const result = await settle(run());
  expect(result.outcome, result.message).toBe(code);
  expect(await tableCounts()).toEqual(before);
  return result.message ?? "";
}

async function queueRow(id: number) {
  const [row] = await db.select().from(s.queues).where(eq(s.queues.id, id));
  return row!;
}

describe("queues", () => {
  it("creates a queue under a parent with a group: its name is the path, the tree nests it, the audit row says who and what", async () => {
    const group = await createGroup();
    const parent = await asAdmin.adminConfig.queueCreate({ name: `Support ${tag()}`, groupId: group.id });
    const open = await stateNamed("open");
    const { id, name } = await asAdmin.adminConfig.queueCreate({
      name: "Hardware",
      parentId: parent.id,
      groupId: group.id,
      followUp: "new_ticket",
      defaultNextStateId: open.id,
      customerVisible: false,
      customerMayChoosePriority: true,
      unlockTimeoutMinutes: 90,
    });
    expect(name).toBe(`${parent.name}::Hardware`);
    expect(await queueRow(id)).toMatchObject({ parentId: parent.id, groupId: group.id, followUp: "new_ticket", customerVisible: false, customerMayChoosePriority: true, unlockTimeoutMinutes: 90 });

    const tree = await asAdmin.adminConfig.queueTree({});
    expect(tree.find((q) => q.id === id)).toMatchObject({ parentId: parent.id, leafName: "Hardware", groupName: group.name });
    const [entry] = await auditOf("queue", id);
    expect(entry).toMatchObject({ actorId: admin.id, action: "create", after: { name: `${parent.name}::Hardware`, groupId: group.id, followUp: "new_ticket" } });
  });

  it("renaming or moving a queue renames its whole subtree; a queue cannot move under itself or a descendant", async () => {
    const group = await createGroup();
    const top = await asAdmin.adminConfig.queueCreate({ name: `Top ${tag()}`, groupId: group.id });
    const mid = await asAdmin.adminConfig.queueCreate({ name: "Mid", parentId: top.id, groupId: group.id });
    const leaf = await asAdmin.adminConfig.queueCreate({ name: "Leaf", parentId: mid.id, groupId: group.id });
    const renamed = `Renamed ${tag()}`;
    const current = await asAdmin.adminConfig.queueGet({ id: top.id });
    await asAdmin.adminConfig.queueUpdate({ ...current, name: renamed });
    expect((await queueRow(mid.id)).name).toBe(`${renamed}::Mid`);
    expect((await queueRow(leaf.id)).name).toBe(`${renamed}::Mid::Leaf`);

    const self = await refused(() => asAdmin.adminConfig.queueUpdate({ ...current, name: renamed, parentId: top.id }), "BAD_REQUEST");
    expect(self).toMatch(/cannot be its own parent/);
    const below = await refused(() => asAdmin.adminConfig.queueUpdate({ ...current, name: renamed, parentId: leaf.id }), "BAD_REQUEST");
    expect(below).toMatch(/under one of its own sub-queues/);

    // Moving the middle queue to the top level takes its child along.
    const midNow = await asAdmin.adminConfig.queueGet({ id: mid.id });
    await asAdmin.adminConfig.queueUpdate({ ...midNow, parentId: null, name: `Mid ${tag()}` });
    const moved = await queueRow(mid.id);
    expect(moved.parentId).toBeNull();
    expect((await queueRow(leaf.id)).name).toBe(`${moved.name}::Leaf`);
    expect((await auditOf("queue", mid.id))[0]).toMatchObject({ action: "update", before: { parentId: top.id }, after: { parentId: null } });
  });

  it("a queue name with “::” is refused; auto-responses must be of their kind; the group must exist", async () => {
    const group = await createGroup();
    await refused(() => asAdmin.adminConfig.queueCreate({ name: "A::B", groupId: group.id }), "BAD_REQUEST");
    const [receipt] = await db.select().from(s.autoResponses).where(eq(s.autoResponses.type, "new_ticket")).limit(1);
    const auto = receipt ?? (await db.insert(s.autoResponses).values({ name: `Receipt ${tag()}`, type: "new_ticket" }).returning())[0]!;
    const wrongKind = await refused(() => asAdmin.adminConfig.queueCreate({ name: `Q ${tag()}`, groupId: group.id, autoResponses: { new_ticket: null, follow_up: auto.id, reject: null } }), "BAD_REQUEST");
    expect(wrongKind).toMatch(/one of its kind/);
    await refused(() => asAdmin.adminConfig.queueCreate({ name: `Q ${tag()}`, groupId: 987_654_321 }), "BAD_REQUEST");

    const { id } = await asAdmin.adminConfig.queueCreate({ name: `Q ${tag()}`, groupId: group.id, autoResponses: { new_ticket: auto.id, follow_up: null, reject: null } });
    expect((await asAdmin.adminConfig.queueGet({ id })).autoResponses).toEqual({ new_ticket: auto.id, follow_up: null, reject: null });
  });

  it("a queue with tickets cannot be deleted (CONFLICT: in use — disable it instead) but can be disabled; an unused one is deleted", async () => {
    const queue = await createQueue();
    await createTicket({ customer: await createCustomer(), queue });
    const message = await refused(() => asAdmin.adminConfig.queueDelete({ id: queue.id }), "CONFLICT");
    expect(message).toBe(`The queue “${queue.name}” is in use (tickets) — disable it instead.`);

    await asAdmin.adminConfig.queueSetValid({ id: queue.id, valid: false });
    expect((await queueRow(queue.id)).valid).toBe(false);
    expect((await auditOf("queue", queue.id))[0]).toMatchObject({ action: "disable", before: { valid: true }, after: { valid: false } });

    const unused = await createQueue();
    await asAdmin.adminConfig.queueDelete({ id: unused.id });
    expect(await db.select().from(s.queues).where(eq(s.queues.id, unused.id))).toEqual([]);
    expect((await auditOf("queue", unused.id))[0]).toMatchObject({ action: "delete", before: { name: unused.name } });
  });

  it("a parent with sub-queues and the default queue cannot be deleted; the default cannot be disabled until another is the default", async () => {
    const group = await createGroup();
    const parent = await asAdmin.adminConfig.queueCreate({ name: `Parent ${tag()}`, groupId: group.id });
    await asAdmin.adminConfig.queueCreate({ name: "Child", parentId: parent.id, groupId: group.id });
    expect(await refused(() => asAdmin.adminConfig.queueDelete({ id: parent.id }), "CONFLICT")).toMatch(/in use \(1 sub-queue\) — disable it instead/);

    const [postmaster] = await db.select().from(s.queues).where(eq(s.queues.isDefault, true));
    expect(await refused(() => asAdmin.adminConfig.queueSetValid({ id: postmaster!.id, valid: false }), "PRECONDITION_FAILED")).toMatch(/default queue/);
    await asAdmin.adminConfig.queueMakeDefault({ id: parent.id });
    expect((await queueRow(parent.id)).isDefault).toBe(true);
    expect((await queueRow(postmaster!.id)).isDefault).toBe(false);
    await asAdmin.adminConfig.queueMakeDefault({ id: postmaster!.id });
  });

  it("lists queues by name with search and keyset pages", async () => {
    const t = tag();
    const group = await createGroup();
    for (const n of ["Alpha", "Bravo", "Charlie"]) await asAdmin.adminConfig.queueCreate({ name: `${n} ${t}`, groupId: group.id });
    const first = await asAdmin.adminConfig.queueList({ search: t, limit: 2 });
    expect(first.items.map((q) => q.name)).toEqual([`Alpha ${t}`, `Bravo ${t}`]);
    const second = await asAdmin.adminConfig.queueList({ search: t, limit: 2, cursor: first.nextCursor });
    expect(second.items.map((q) => q.name)).toEqual([`Charlie ${t}`]);
    expect(second.nextCursor).toBeNull();
  });
});

describe("states, priorities, types, services", () => {
  it("state names are unique without case; new states only of the existing types; a pending-auto state needs an open or closed next state", async () => {
    const name = `Waiting for parts ${tag()}`;
    const { id } = await asAdmin.adminConfig.stateCreate({ name, type: "pending_reminder" });
    expect(await refused(() => asAdmin.adminConfig.stateCreate({ name: name.toUpperCase(), type: "open" }), "CONFLICT")).toMatch(/already exists/);
    await refused(() => asAdmin.adminConfig.stateCreate({ name: `Other ${tag()}`, type: "archived" as never }), "BAD_REQUEST");
    expect(await refused(() => asAdmin.adminConfig.stateCreate({ name: `Auto ${tag()}`, type: "pending_auto" }), "BAD_REQUEST")).toMatch(/Choose the state tickets move to/);
    const closed = await stateNamed("closed successful");
    await asAdmin.adminConfig.stateCreate({ name: `Auto ${tag()}`, type: "pending_auto", nextStateId: closed.id });
    expect((await auditOf("state", id))[0]).toMatchObject({ action: "create", after: { name, type: "pending_reminder" } });
  });

  it("a state in use cannot be deleted, with a clear message, but can be disabled; the desk's own states stay as they are", async () => {
    const { id } = await asAdmin.adminConfig.stateCreate({ name: `In use ${tag()}`, type: "open" });
    const queue = await createQueue();
    const ticket = await createTicket({ customer: await createCustomer(), queue });
    await db.update(s.tickets).set({ stateId: id, stateType: "open" }).where(eq(s.tickets.id, ticket.id));
    const message = await refused(() => asAdmin.adminConfig.stateDelete({ id }), "CONFLICT");
    expect(message).toMatch(/^The state “In use .*” is in use \(tickets\) — disable it instead\.$/);
    await asAdmin.adminConfig.stateSetValid({ id, valid: false });
    expect((await auditOf("state", id))[0]).toMatchObject({ action: "disable" });

    const open = await stateNamed("open");
    await refused(() => asAdmin.adminConfig.stateSetValid({ id: open.id, valid: false }), "PRECONDITION_FAILED");
    await refused(() => asAdmin.adminConfig.stateUpdate({ id: open.id, name: "Offen", type: "open" }), "PRECONDITION_FAILED");
    await refused(() => asAdmin.adminConfig.stateDelete({ id: open.id }), "CONFLICT");

    const unused = await asAdmin.adminConfig.stateCreate({ name: `Unused ${tag()}`, type: "closed" });
    await asAdmin.adminConfig.stateDelete({ id: unused.id });
    expect((await auditOf("state", unused.id))[0]).toMatchObject({ action: "delete" });
  });

  it("priorities, types and services: create, edit, in-use refusal, audit; a service cannot nest under itself", async () => {
    const p = await asAdmin.adminConfig.priorityCreate({ name: `Urgent ${tag()}`, level: 5, color: "#FF0000" });
    await asAdmin.adminConfig.priorityUpdate({ id: p.id, name: `Critical ${tag()}`, level: 5, color: "#aa0000" });
    expect((await auditOf("priority", p.id)).map((a) => a.action)).toEqual(["update", "create"]);
    const [normal] = await db.select().from(s.priorities).where(eq(s.priorities.level, 3));
    expect(await refused(() => asAdmin.adminConfig.prioritySetValid({ id: normal!.id, valid: false }), "PRECONDITION_FAILED")).toMatch(/level 3/);

    const type = await asAdmin.adminConfig.typeCreate({ name: `Change request ${tag()}` });
    const queue = await createQueue();
    const ticket = await createTicket({ customer: await createCustomer(), queue });
    await db.update(s.tickets).set({ typeId: type.id }).where(eq(s.tickets.id, ticket.id));
    expect(await refused(() => asAdmin.adminConfig.typeDelete({ id: type.id }), "CONFLICT")).toMatch(/in use \(tickets\) — disable it instead/);

    const it1 = await asAdmin.adminConfig.serviceCreate({ name: `IT ${tag()}` });
    const mail = await asAdmin.adminConfig.serviceCreate({ name: `E-mail ${tag()}`, parentId: it1.id });
    await refused(() => asAdmin.adminConfig.serviceUpdate({ id: it1.id, name: `IT ${tag()}`, parentId: mail.id }), "BAD_REQUEST");
    expect(await refused(() => asAdmin.adminConfig.serviceDelete({ id: it1.id }), "CONFLICT")).toMatch(/1 sub-service/);
    await asAdmin.adminConfig.serviceDelete({ id: mail.id });
    const list = await asAdmin.adminConfig.serviceList({ search: "IT " });
    expect(list.items.find((x) => x.id === it1.id)).toBeTruthy();
  });
});

describe("texts", () => {
  it("previews placeholders with sample values and names unknown ones", async () => {
    const result = await asAdmin.adminConfig.preview({
      subject: "About <TICKET_TITLE>",
      body: "Dear <CUSTOMER_NAME>, ticket <TICKET_NUMBER> in <QUEUE_NAME>. <AGENT_NAME> <CUSTOMER_NAEM>",
      withHook: true,
    });
    expect(result.body).toMatch(/^Dear Carla Customer, ticket \d{16} in Support\. /);
    expect(result.body).toContain(admin.name);
    expect(result.body).toContain("<CUSTOMER_NAEM>");
    expect(result.unknown).toEqual(["CUSTOMER_NAEM"]);
    expect(result.subject).toMatch(/^\[Ticket#\d{16}\] About The printer/);
  });

  it("a signature a queue uses cannot be deleted; templates and auto-responses with texts per language are audited", async () => {
    const sig = await asAdmin.adminConfig.signatureCreate({ name: `Sig ${tag()}`, body: "Regards, <AGENT_NAME>" });
    await createQueue({ signatureId: sig.id });
    expect(await refused(() => asAdmin.adminConfig.signatureDelete({ id: sig.id }), "CONFLICT")).toMatch(/in use \(1 queue\) — disable it instead/);
    const sal = await asAdmin.adminConfig.salutationCreate({ name: `Sal ${tag()}`, body: "Dear <CUSTOMER_NAME>," });
    await asAdmin.adminConfig.salutationDelete({ id: sal.id });
    expect((await auditOf("salutation", sal.id)).map((a) => a.action)).toEqual(["delete", "create"]);

    const tpl = await asAdmin.adminConfig.templateCreate({ name: `Tpl ${tag()}`, kinds: ["reply", "note", "reply"], body: "Hello <CUSTOMER_NAME>" });
    const [tplRow] = await db.select().from(s.templates).where(eq(s.templates.id, tpl.id));
    expect(tplRow!.kinds).toEqual(["reply", "note"]);

    const auto = await asAdmin.adminConfig.autoResponseCreate({
      name: `Receipt ${tag()}`,
      type: "new_ticket",
      texts: [
        { language: "en", subject: "Received: <TICKET_TITLE>", body: "We opened <TICKET_NUMBER>." },
        { language: "de", subject: "Erhalten: <TICKET_TITLE>", body: "Wir haben <TICKET_NUMBER> eröffnet." },
      ],
    });
    expect((await asAdmin.adminConfig.autoResponseGet({ id: auto.id })).texts.map((t) => t.language)).toEqual(["de", "en"]);
    await refused(() => asAdmin.adminConfig.autoResponseCreate({ name: `Dup ${tag()}`, type: "reject", texts: [{ language: "en", subject: "a", body: "b" }, { language: "en", subject: "c", body: "d" }] }), "BAD_REQUEST");
    const group = await createGroup();
    await asAdmin.adminConfig.queueCreate({ name: `AutoQ ${tag()}`, groupId: group.id, autoResponses: { new_ticket: auto.id, follow_up: null, reject: null } });
    expect(await refused(() => asAdmin.adminConfig.autoResponseUpdate({ id: auto.id, name: "x", type: "reject", texts: [{ language: "en", subject: "a", body: "b" }] }), "CONFLICT")).toMatch(/type cannot change/);
    expect(await refused(() => asAdmin.adminConfig.autoResponseDelete({ id: auto.id }), "CONFLICT")).toMatch(/1 queue/);
  });
});

describe("notification rules", () => {
  it("creates a rule for agents and queues; a rule without recipients or channels is refused", async () => {
    const agent = await createAgent();
    const queue = await createQueue();
    const { id } = await asAdmin.adminConfig.notificationRuleCreate({
      name: `Escalations ${tag()}`,
      event: "escalation",
      recipients: { owner: true, userIds: [agent.id] },
      channels: { email: true, app: false },
      queueIds: [queue.id],
    });
    const list = await asAdmin.adminConfig.notificationRuleList({ search: "Escalations" });
    expect(list.items.find((r) => r.id === id)).toMatchObject({ agents: [{ id: agent.id, name: agent.name }], queues: [{ id: queue.id, name: queue.name }] });
    await refused(() => asAdmin.adminConfig.notificationRuleCreate({ name: `None ${tag()}`, event: "new_ticket", recipients: {}, channels: { email: true, app: true } }), "BAD_REQUEST");
    await refused(() => asAdmin.adminConfig.notificationRuleCreate({ name: `Silent ${tag()}`, event: "new_ticket", recipients: { owner: true }, channels: { email: false, app: false } }), "BAD_REQUEST");
    const customer = await createCustomer();
    await refused(() => asAdmin.adminConfig.notificationRuleCreate({ name: `Cust ${tag()}`, event: "new_ticket", recipients: { userIds: [customer.id] }, channels: { email: true, app: true } }), "BAD_REQUEST");
    expect((await auditOf("notification_rule", id))[0]).toMatchObject({ action: "create" });
  });

  it("audits what an edit changed, refuses a taken name, and disables and deletes a rule", async () => {
    const values = { event: "new_ticket" as const, recipients: { owner: true }, channels: { email: true, app: true } };
    const { id } = await asAdmin.adminConfig.notificationRuleCreate({ name: `Owners ${tag()}`, ...values });
    const other = await asAdmin.adminConfig.notificationRuleCreate({ name: `Others ${tag()}`, ...values });
    const [otherRow] = await db.select().from(s.notificationRules).where(eq(s.notificationRules.id, other.id));
    const name = `Owners renamed ${tag()}`;
    await asAdmin.adminConfig.notificationRuleUpdate({ id, name, ...values, channels: { email: false, app: true } });
    // Saving unchanged values writes no audit row.
    await asAdmin.adminConfig.notificationRuleUpdate({ id, name, ...values, channels: { email: false, app: true } });
    const [update] = await auditOf("notification_rule", id);
    expect(update).toMatchObject({ action: "update", after: { name, channels: { email: false, app: true } } });
    expect(Object.keys(update!.after as object).sort()).toEqual(["channels", "name"]);
    expect(await refused(() => asAdmin.adminConfig.notificationRuleUpdate({ id, name: otherRow!.name, ...values }), "CONFLICT")).toMatch(/already exists/);
    await asAdmin.adminConfig.notificationRuleSetValid({ id, valid: false });
    await asAdmin.adminConfig.notificationRuleDelete({ id });
    expect(await db.select().from(s.notificationRules).where(eq(s.notificationRules.id, id))).toEqual([]);
    expect((await auditOf("notification_rule", id)).map((a) => a.action)).toEqual(["delete", "disable", "update", "create"]);
  });
});

describe("mail accounts and system addresses", () => {
  let dv: Dovecot;
  beforeAll(async () => {
    dv = await startDovecot();
  });
  afterAll(async () => {
    await dv?.stop();
  });

  it("the secret goes in and is never returned: not by create, list, update, the audit log or a failed test", async () => {
    const secret = `s3cret-${tag()}`;
    const { id } = await asAdmin.adminConfig.mailAccountCreate({ name: `Box ${tag()}`, host: "127.0.0.1", port: 1, tls: false, username: "desk", secret });
    const list = await asAdmin.adminConfig.mailAccountList({ limit: 100 });
    expect(list.items.find((a) => a.id === id)).toBeTruthy();
    const edited = await asAdmin.adminConfig.mailAccountUpdate({ id, name: `Box ${tag()}`, host: "127.0.0.1", port: 1, tls: false, username: "desk2", secret: "" });
    const [row] = await db.select().from(s.mailAccounts).where(eq(s.mailAccounts.id, id));
    expect(row).toMatchObject({ secret, username: "desk2" });
    const failed = await asAdmin.adminConfig.mailAccountTest({ id, host: "127.0.0.1", port: 1, tls: false, username: "desk2", folder: "INBOX" });
    expect(failed).toMatchObject({ ok: false, error: expect.stringMatching(/could not connect/) });
    const audits = await auditOf("mail_account", id);
    expect(audits.map((a) => a.action)).toEqual(["update", "create"]);
    expect(JSON.stringify([list, edited, failed, audits, await asAdmin.adminConfig.mailAccountList({ search: "Box" })])).not.toContain(secret);

    await asAdmin.adminConfig.mailAccountUpdate({ id, name: row!.name, host: "127.0.0.1", port: 1, tls: false, username: "desk2", secret: "another-secret" });
    expect((await auditOf("mail_account", id))[0]).toMatchObject({ after: { credentialsChanged: true } });
    expect(JSON.stringify(await auditOf("mail_account", id))).not.toContain("another-secret");
  });

  it("tests a connection with the stored secret: logs in and lists folders; a wrong password is explained", async () => {
    const { id } = await asAdmin.adminConfig.mailAccountCreate({ name: `Dovecot ${tag()}`, host: dv.host, port: dv.port, tls: false, username: dv.user, secret: dv.password });
    const ok = await asAdmin.adminConfig.mailAccountTest({ id, host: dv.host, port: dv.port, tls: false, username: dv.user, folder: "INBOX" });
    expect(ok).toMatchObject({ ok: true, error: null, folders: expect.arrayContaining(["INBOX"]) });
    const wrong = await asAdmin.adminConfig.mailAccountTest({ host: dv.host, port: dv.port, tls: false, username: dv.user, folder: "INBOX", secret: "wrong-password" });
    expect(wrong).toMatchObject({ ok: false, error: expect.stringMatching(/authentication failed/) });
    expect(JSON.stringify([ok, wrong])).not.toContain(dv.password);
  });

  it("an account that imported mail is in use; a system address a queue sends from is in use", async () => {
    const { id } = await asAdmin.adminConfig.mailAccountCreate({ name: `Used ${tag()}`, host: "127.0.0.1", port: 1, tls: false, username: "desk", secret: "x" });
    await db.update(s.mailAccounts).set({ importedCount: 3 }).where(eq(s.mailAccounts.id, id));
    expect(await refused(() => asAdmin.adminConfig.mailAccountDelete({ id }), "CONFLICT")).toMatch(/3 imported messages\) — disable it instead/);

    const queue = await createQueue();
    const address = await asAdmin.adminConfig.systemAddressCreate({ address: `Desk-${tag()}@Example.com`, displayName: "Desk", queueId: queue.id });
    const [row] = await db.select().from(s.systemAddresses).where(eq(s.systemAddresses.id, address.id));
    expect(row!.address).toBe(row!.address.toLowerCase());
    await refused(() => asAdmin.adminConfig.systemAddressCreate({ address: row!.address.toUpperCase(), displayName: "Again", queueId: queue.id }), "CONFLICT");
    const current = await asAdmin.adminConfig.queueGet({ id: queue.id });
    await asAdmin.adminConfig.queueUpdate({ ...current, name: current.leafName, systemAddressId: address.id });
    expect(await refused(() => asAdmin.adminConfig.systemAddressDelete({ id: address.id }), "CONFLICT")).toMatch(/1 queue sends from it/);
  });
});

describe("postmaster filters", () => {
  it("a regular expression that does not compile is refused with the reason", async () => {
    const create = () => asAdmin.adminConfig.filterCreate({ name: `Broken ${tag()}`, match: [{ field: "subject", pattern: "([a-z", regex: true }], set: { ignore: true } });
    await refused(create, "BAD_REQUEST");
    const error = await create().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    const issues = ((error as TRPCError).cause as ZodError).issues;
    expect(issues).toEqual([expect.objectContaining({ path: ["match", 0, "pattern"], message: "This regular expression does not compile: Unterminated character class" })]);
  });

  it("a dry run shows which filter matched and what it would set, the same as the postmaster then does", async () => {
    const t = tag();
    const queue = await createQueue();
    const [high] = await db.select().from(s.priorities).where(eq(s.priorities.level, 4));
    const first = await asAdmin.adminConfig.filterCreate({ name: `Invoices ${t}`, position: 10, match: [{ field: "subject", pattern: `invoice ${t}` }], set: { queueId: queue.id } });
    const second = await asAdmin.adminConfig.filterCreate({
      name: `Urgent ${t}`,
      position: 20,
      match: [
        { field: "from", pattern: "@vip\\.example$|@vip\\.example>", regex: true },
        { field: "x-spam-flag", pattern: "yes", negate: true },
      ],
      set: { priorityId: high!.id },
      stop: true,
    });
    const later = await asAdmin.adminConfig.filterCreate({ name: `Never ${t}`, position: 30, match: [{ field: "body", pattern: "hello" }], set: { ignore: true } });
    const raw = buildMail({ from: "Boss <boss@vip.example>", subject: `Invoice ${t} for March`, text: "Hello, see attached." }).toString("utf8").replace(/\r\n/g, "\n");

    const before = await tableCounts();
    const run = await asAdmin.adminConfig.filterDryRun({ raw });
    expect(await tableCounts()).toEqual(before);
    expect(run.message).toMatchObject({ subject: `Invoice ${t} for March`, from: "Boss <boss@vip.example>" });
    const byId = (id: number) => run.filters.find((f) => f.id === id)!;
    expect(byId(first.id)).toMatchObject({ outcome: "matched", conditions: [{ field: "subject", hit: true }] });
    expect(byId(second.id)).toMatchObject({ outcome: "matched", conditions: [{ hit: true }, { hit: true, negate: true }] });
    expect(byId(later.id).outcome).toBe("not_reached");
    expect(run.matched).toEqual([`Invoices ${t}`, `Urgent ${t}`]);
    expect(run.stoppedBy).toBe(`Urgent ${t}`);
    expect(run.result).toMatchObject({ ignore: false, setNames: { queue: queue.name, priority: high!.name } });

    const ingested = await ingestMail(db, Buffer.from(raw), { source: "pipe" });
    expect(ingested.outcome).toBe("created");
    const [ticket] = await db.select().from(s.tickets).where(eq(s.tickets.number, ingested.ticketNumber!));
    expect(ticket).toMatchObject({ queueId: queue.id, priorityId: high!.id });

    // Disabled filters are shown as skipped, as the postmaster skips them.
    await asAdmin.adminConfig.filterSetValid({ id: first.id, valid: false });
    const again = await asAdmin.adminConfig.filterDryRun({ raw });
    expect(again.filters.find((f) => f.id === first.id)!.outcome).toBe("disabled");
    expect(again.result.setNames.queue).toBeNull();
    for (const f of [first, second, later]) await asAdmin.adminConfig.filterDelete({ id: f.id });
    expect((await auditOf("postmaster_filter", second.id)).map((a) => a.action)).toEqual(["delete", "create"]);
  });

  it("a dry run of something that is not a message says so", async () => {
    expect(await refused(() => asAdmin.adminConfig.filterDryRun({ raw: "just some words" }), "BAD_REQUEST")).toMatch(/does not look like an e-mail/);
  });
});

describe("system settings", () => {
  it("changing the ticket hook is audited and the next reply's subject uses it", async () => {
    const settings = await asAdmin.adminConfig.settingsGet();
    expect(settings).toMatchObject({ ticketHook: "Ticket#", systemId: "10", archiveDays: 30, registration: "approval", customerMayChooseService: false });
    // Settings nothing reads are not offered (they come back with their readers); the nightly archive job reads archiveDays.
    expect(Object.keys(settings)).not.toContain("timeZone");
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue], permissions: ["rw"] });
    const ticket = await createTicket({ customer: await createCustomer(), queue, title: "Printer broken" });
    expect(await getSetting(db, "ticket.hook")).toBe("Ticket#");

    const result = await asAdmin.adminConfig.settingsUpdate({ ...settings, ticketHook: "Case#", maxAutoResponsesPerDay: 3 });
    expect(result.changed.sort()).toEqual(["postmaster.max_auto_responses_per_day", "ticket.hook"]);
    expect((await auditOf("setting", "ticket.hook"))[0]).toMatchObject({ actorId: admin.id, action: "update", before: { value: "Ticket#" }, after: { value: "Case#" } });

    const { articleId } = (await callerFor(agent).article.reply({ ticketId: ticket.id, body: "Fixed." })) as { articleId: number };
    const [mail] = await db.select().from(s.outbox).where(eq(s.outbox.articleId, articleId));
    expect(mail!.subject).toBe(`[Case#${ticket.number}] Re: Printer broken`);

    await asAdmin.adminConfig.settingsUpdate({ ...settings });
    expect(await getSetting(db, "ticket.hook")).toBe("Ticket#");
  });

  it("a new system id is in the next ticket's number", async () => {
    const settings = await asAdmin.adminConfig.settingsGet();
    await asAdmin.adminConfig.settingsUpdate({ ...settings, systemId: "42" });
    const { number } = await createTicket({ customer: await createCustomer(), queue: await createQueue() });
    expect(number.slice(8, 10)).toBe("42");
    await asAdmin.adminConfig.settingsUpdate(settings);
    expect((await auditOf("setting", "ticket.system_id")).map((a) => a.after)).toEqual([{ value: "10" }, { value: "42" }]);
  });

  it("refuses a system id or sender that is not one", async () => {
    const settings = await asAdmin.adminConfig.settingsGet();
    await refused(() => asAdmin.adminConfig.settingsUpdate({ ...settings, systemId: "123" }), "BAD_REQUEST");
    await refused(() => asAdmin.adminConfig.settingsUpdate({ ...settings, defaultFrom: "Helpdesk <not an address>" }), "BAD_REQUEST");
    await refused(() => asAdmin.adminConfig.settingsUpdate({ ...settings, registration: "sometimes" as never }), "BAD_REQUEST");
  });

  it("saving unchanged settings writes nothing", async () => {
    const settings = await asAdmin.adminConfig.settingsGet();
    const before = await tableCounts();
    expect(await asAdmin.adminConfig.settingsUpdate(settings)).toEqual({ changed: [] });
    expect(await tableCounts()).toEqual(before);
  });
});
