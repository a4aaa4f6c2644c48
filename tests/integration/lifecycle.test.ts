import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import * as s from "@/db/schema";
import { ingestMail } from "@/server/mail/postmaster";
import { sendAutoResponse } from "@/server/services/notifications/auto-response";
import { commitChange } from "@/server/services/tickets/lifecycle";
import { releaseExpiredLocks } from "@/server/services/tickets/locks";
import { callerFor } from "../helpers/caller";
import { buildMail, uniqueMessageId } from "../helpers/mail";
import { setTicket } from "../helpers/workspace";
import { createAgent, createCustomer, createQueue, createTicket, grant, stateNamed, ticketRow } from "../factories";

const token = () => randomUUID().slice(0, 8);
const pipe = (raw: Buffer) => ingestMail(db, raw, { source: "pipe" });

async function history(ticketId: number) {
  return db
    .select({ event: s.ticketHistory.event, actorId: s.ticketHistory.actorId, articleId: s.ticketHistory.articleId, newValue: s.ticketHistory.newValue })
    .from(s.ticketHistory)
    .where(eq(s.ticketHistory.ticketId, ticketId))
    .orderBy(asc(s.ticketHistory.id));
}
const events = async (ticketId: number) => (await history(ticketId)).map((h) => h.event);

async function articlesOf(ticketId: number) {
  return db.select().from(s.articles).where(eq(s.articles.ticketId, ticketId)).orderBy(asc(s.articles.id));
}

/** A queue the agent works with `rw`, a customer, and a portal ticket of theirs. */
async function desk() {
  const queue = await createQueue();
  const agent = await createAgent({ queues: [queue] });
  const customer = await createCustomer();
  return { queue, agent, customer };
}

async function mailQueue() {
  const queue = await createQueue();
  const address = `desk-${token()}@desk.example`;
  await db.insert(s.systemAddresses).values({ address, displayName: "Desk", queueId: queue.id });
  return { queue, address };
}

const NOBODY_WAITS = { waitingSince: null, lastCustomerArticleAt: null, firstResponseAt: null, closedAt: null, reopenCount: 0 };

describe("opening a ticket derives its columns from the first article", () => {
  it("web (customer): the customer waits since their article; nobody answered yet", async () => {
    const { queue, customer } = await desk();
    const { id } = await callerFor(customer).ticket.create({ channel: "web", queueId: queue.id, title: "Web", body: "Help" });
    const row = await ticketRow(id);
    const [article] = await articlesOf(id);
    expect(article).toMatchObject({ senderType: "customer", isInternal: false, createdBy: customer.id });
    expect(row).toMatchObject({ stateType: "new", waitingSince: article!.createdAt, lastCustomerArticleAt: article!.createdAt, firstResponseAt: null, closedAt: null, reopenCount: 0, version: 1, createdBy: customer.id });
    expect(await history(id)).toEqual([
      { event: "created", actorId: customer.id, articleId: null, newValue: row.number },
      { event: "article_added", actorId: customer.id, articleId: article!.id, newValue: "web" },
    ]);
  });

  it("phone: the caller is the customer and waits; the agent who took the call is the author", async () => {
    const { queue, agent } = await desk();
    const caller = `caller-${token()}@customer.example`;
    const { id } = await callerFor(agent).ticket.create({ channel: "phone", queueId: queue.id, title: "Call", body: "Rang about the printer", customerEmail: caller });
    const row = await ticketRow(id);
    const [article] = await articlesOf(id);
    expect(article).toMatchObject({ senderType: "customer", channel: "phone", createdBy: agent.id });
    expect(row).toMatchObject({ waitingSince: article!.createdAt, lastCustomerArticleAt: article!.createdAt, firstResponseAt: null });
    expect(await events(id)).toEqual(["created", "article_added"]);
  });

  it("e-mail (outbound): the agent's mail is the first response and nobody waits", async () => {
    const { queue, agent } = await desk();
    const { id } = await callerFor(agent).ticket.create({ channel: "email", queueId: queue.id, title: "We write first", body: "Your order shipped", customerEmail: `c-${token()}@customer.example` });
    const row = await ticketRow(id);
    const [article] = await articlesOf(id);
    expect(article).toMatchObject({ senderType: "agent", isInternal: false, deliveryStatus: "queued" });
    expect(row).toMatchObject({ stateType: "open", waitingSince: null, lastCustomerArticleAt: null, firstResponseAt: article!.createdAt });
  });

  it("internal: no customer, nobody waits, nothing to respond to", async () => {
    const { queue, agent } = await desk();
    const { id } = await callerFor(agent).ticket.create({ channel: "internal", queueId: queue.id, title: "Inside", body: "Rotate the keys" });
    expect(await ticketRow(id)).toMatchObject({ isInternal: true, customerUserId: null, ...NOBODY_WAITS });
    expect((await articlesOf(id))[0]).toMatchObject({ isInternal: true, senderType: "agent" });
  });

  it("by mail: the sender waits, the system is the actor", async () => {
    const { address } = await mailQueue();
    const r = await pipe(buildMail({ from: `Casey <casey-${token()}@customer.example>`, to: address, subject: `Printer ${token()}`, messageId: uniqueMessageId() }));
    expect(r.outcome).toBe("created");
    const [row] = await db.select().from(s.tickets).where(eq(s.tickets.number, r.ticketNumber!));
    const [article] = await articlesOf(row!.id);
    expect(row).toMatchObject({ createdBy: null, changedBy: null, waitingSince: article!.createdAt, lastCustomerArticleAt: article!.createdAt, firstResponseAt: null });
    expect(await history(row!.id)).toEqual([
      { event: "created", actorId: null, articleId: null, newValue: row!.number },
      { event: "article_added", actorId: null, articleId: article!.id, newValue: "email" },
    ]);
  });
});

describe("articles move the wait", () => {
  it("an agent's reply ends the wait and is the first response once; a note or forward does neither; the customer's next reply waits again", async () => {
    const { queue, agent, customer } = await desk();
    const { id } = await createTicket({ customer, queue });
    const opened = await ticketRow(id);

    await callerFor(agent).article.note({ ticketId: id, body: "Looking into it" });
    await callerFor(agent).article.forward({ ticketId: id, to: ["vendor@vendor.example"], body: "Seen this?" });
    expect(await ticketRow(id)).toMatchObject({ waitingSince: opened.waitingSince, firstResponseAt: null, version: opened.version + 2 });

    await callerFor(agent).article.reply({ ticketId: id, body: "Fixed" });
    const answered = await ticketRow(id);
    const reply = (await articlesOf(id)).at(-1)!;
    expect(answered).toMatchObject({ waitingSince: null, firstResponseAt: reply.createdAt, ownerId: agent.id, stateType: "open", changedBy: agent.id });

    await callerFor(customer).article.reply({ ticketId: id, body: "Still broken" });
    const again = await ticketRow(id);
    const back = (await articlesOf(id)).at(-1)!;
    expect(again).toMatchObject({ waitingSince: back.createdAt, lastCustomerArticleAt: back.createdAt, firstResponseAt: reply.createdAt });

    await callerFor(agent).article.reply({ ticketId: id, body: "Now?" });
    expect(await ticketRow(id)).toMatchObject({ waitingSince: null, firstResponseAt: reply.createdAt, lastCustomerArticleAt: back.createdAt });
    expect((await events(id)).filter((e) => e === "article_added")).toHaveLength(6);
  });

  it("a phone note shown to the customer is a response; a hidden one is not", async () => {
    const { queue, agent, customer } = await desk();
    const { id } = await createTicket({ customer, queue });
    await callerFor(agent).article.note({ ticketId: id, channel: "phone", body: "Called, no answer" });
    expect((await ticketRow(id)).firstResponseAt).toBeNull();
    await callerFor(agent).article.note({ ticketId: id, channel: "phone", visibleToCustomer: true, body: "Talked it through" });
    const call = (await articlesOf(id)).at(-1)!;
    expect(await ticketRow(id)).toMatchObject({ firstResponseAt: call.createdAt, waitingSince: null });
  });

  it("an auto-response is a system article: it neither answers the customer nor ends the wait, nor makes a new version", async () => {
    const { queue, address } = await mailQueue();
    const [response] = await db.insert(s.autoResponses).values({ name: `receipt ${token()}`, type: "new_ticket" }).returning();
    await db.insert(s.autoResponseTexts).values({ autoResponseId: response!.id, language: "en", subject: "Received", body: "We have it (<TICKET_NUMBER>)." });
    await db.insert(s.queueAutoResponses).values({ queueId: queue.id, type: "new_ticket", autoResponseId: response!.id });
    const r = await pipe(buildMail({ from: `dana-${token()}@customer.example`, to: address, subject: "Hello", messageId: uniqueMessageId() }));
    const [before] = await db.select().from(s.tickets).where(eq(s.tickets.number, r.ticketNumber!));

    expect(await sendAutoResponse(db, { ticketId: before!.id, articleId: Number(r.articleId), type: "new_ticket" })).toEqual({ sent: true });
    expect(await sendAutoResponse(db, { ticketId: before!.id, articleId: Number(r.articleId), type: "new_ticket" })).toMatchObject({ sent: false });

    const after = await ticketRow(before!.id);
    const receipt = (await articlesOf(before!.id)).at(-1)!;
    expect(receipt).toMatchObject({ senderType: "system", isInternal: false, deliveryStatus: "queued", createdBy: null });
    expect(after).toMatchObject({ waitingSince: before!.waitingSince, lastCustomerArticleAt: before!.lastCustomerArticleAt, firstResponseAt: null, version: before!.version, changedAt: before!.changedAt });
    expect((await history(before!.id)).at(-1)).toEqual({ event: "article_added", actorId: null, articleId: receipt.id, newValue: "auto-response new_ticket" });
  });
});

describe("state changes derive closed_at, reopen count and the lock", () => {
  it("closing ends the wait and the lock; the customer's reply in the portal reopens", async () => {
    const { queue, agent, customer } = await desk();
    const { id } = await createTicket({ customer, queue });
    await callerFor(agent).ticket.lock({ ticketId: id, version: (await ticketRow(id)).version });
    expect(await ticketRow(id)).toMatchObject({ locked: true, ownerId: agent.id });
    const closed = await stateNamed("closed successful");
    await callerFor(agent).ticket.setState({ ticketId: id, version: (await ticketRow(id)).version, stateId: closed.id });
    const shut = await ticketRow(id);
    expect(shut).toMatchObject({ stateType: "closed", waitingSince: null, locked: false, lockedAt: null, reopenCount: 0 });
    expect(shut.closedAt).toBeInstanceOf(Date);

    await callerFor(customer).article.reply({ ticketId: id, body: "It broke again" });
    const reopened = await ticketRow(id);
    const last = (await articlesOf(id)).at(-1)!;
    expect(reopened).toMatchObject({ stateType: "open", closedAt: null, reopenCount: 1, waitingSince: last.createdAt, lastCustomerArticleAt: last.createdAt });
    expect((await events(id)).slice(-3)).toEqual(["state_changed", "reopened", "article_added"]);
  });

  it("a follow-up by mail reopens a closed ticket and the customer waits again", async () => {
    const { address } = await mailQueue();
    const customer = `erin-${token()}@customer.example`;
    const firstId = uniqueMessageId();
    const first = await pipe(buildMail({ from: customer, to: address, subject: `Invoice ${token()}`, messageId: firstId }));
    const [ticket] = await db.select().from(s.tickets).where(eq(s.tickets.number, first.ticketNumber!));
    const agent = await createAgent({ queues: [{ id: ticket!.queueId, groupId: (await db.select().from(s.queues).where(eq(s.queues.id, ticket!.queueId)))[0]!.groupId }] });
    await callerFor(agent).article.reply({ ticketId: ticket!.id, body: "Sent again", nextStateId: (await stateNamed("closed successful")).id });
    const closed = await ticketRow(ticket!.id);
    expect(closed).toMatchObject({ stateType: "closed", waitingSince: null, reopenCount: 0 });
    expect(closed.firstResponseAt).toBeInstanceOf(Date);

    const again = await pipe(buildMail({ from: customer, to: address, subject: "Re: Invoice", messageId: uniqueMessageId(), inReplyTo: firstId }));
    expect(again).toMatchObject({ outcome: "follow_up", ticketNumber: ticket!.number });
    const reopened = await ticketRow(ticket!.id);
    const mail = (await articlesOf(ticket!.id)).at(-1)!;
    expect(reopened).toMatchObject({ stateType: "open", closedAt: null, reopenCount: 1, waitingSince: mail.createdAt, lastCustomerArticleAt: mail.createdAt, firstResponseAt: closed.firstResponseAt, changedBy: null });
    expect((await history(ticket!.id)).slice(-3)).toEqual([
      { event: "state_changed", actorId: null, articleId: null, newValue: "open" },
      { event: "reopened", actorId: null, articleId: null, newValue: null },
      { event: "article_added", actorId: null, articleId: mail.id, newValue: "email follow-up" },
    ]);
  });

  it("bulk close and lock go through the same lifecycle, one version and history per ticket", async () => {
    const { queue, agent, customer } = await desk();
    const a = await createTicket({ customer, queue });
    const b = await createTicket({ customer, queue });
    const out = await callerFor(agent).ticket.bulk({ ticketIds: [a.id, b.id], action: "lock", params: {} });
    expect(out).toMatchObject({ done: 2 });
    const closedOut = await callerFor(agent).ticket.bulk({ ticketIds: [a.id, b.id], action: "close", params: {} });
    expect(closedOut).toMatchObject({ done: 2, refused: 0 });
    for (const t of [a, b]) {
      const row = await ticketRow(t.id);
      expect(row).toMatchObject({ stateType: "closed", waitingSince: null, locked: false, version: 3, changedBy: agent.id });
      expect(row.closedAt).toBeInstanceOf(Date);
      expect(await events(t.id)).toEqual(["created", "article_added", "locked", "owner_changed", "state_changed"]);
    }
  });

  it("an expired lock is released by the system through the lifecycle", async () => {
    const queue = await createQueue({ unlockTimeoutMinutes: 5 });
    const agent = await createAgent({ queues: [queue] });
    const { id } = await createTicket({ customer: await createCustomer(), queue });
    await callerFor(agent).ticket.lock({ ticketId: id, version: (await ticketRow(id)).version });
    const locked = await ticketRow(id);
    expect(await releaseExpiredLocks(db, new Date(Date.now() + 10 * 60_000))).toBeGreaterThanOrEqual(1);
    expect(await ticketRow(id)).toMatchObject({ locked: false, lockedAt: null, ownerId: agent.id, version: locked.version + 1, changedBy: null });
    expect((await history(id)).at(-1)).toEqual({ event: "unlocked", actorId: null, articleId: null, newValue: "unlocked (lock expired)" });
  });
});

describe("split and merge", () => {
  it("split: the new ticket's wait starts at the copied customer article", async () => {
    const { queue, agent, customer } = await desk();
    const target = await createQueue();
    await grant(agent.id, target.groupId, ["ro", "create"]);
    const { id } = await createTicket({ customer, queue });
    const [article] = await articlesOf(id);
    const created = await callerFor(agent).ticket.split({ articleId: article!.id, queueId: target.id });
    const row = await ticketRow(created.id);
    const [copy] = await articlesOf(created.id);
    expect(row).toMatchObject({ queueId: target.id, waitingSince: article!.createdAt, lastCustomerArticleAt: article!.createdAt, firstResponseAt: null, createdBy: agent.id });
    expect(copy).toMatchObject({ senderType: "customer", createdAt: article!.createdAt, createdBy: customer.id, timeUnits: 0 });
    expect(await events(created.id)).toEqual(["created", "split_from", "article_added"]);
    expect((await events(id)).at(-1)).toBe("split_to");
  });

  it("merge: the target waits since the earlier of the two; the source stops waiting and loses its lock", async () => {
    const { queue, agent, customer } = await desk();
    const source = await createTicket({ customer, queue });
    const target = await createTicket({ customer, queue });
    const early = new Date(Date.now() - 3_600_000);
    await setTicket(source.id, { waitingSince: early, lastCustomerArticleAt: early });
    await callerFor(agent).ticket.lock({ ticketId: source.id, version: (await ticketRow(source.id)).version });
    const targetBefore = await ticketRow(target.id);

    await callerFor(agent).ticket.merge({ ticketId: source.id, version: (await ticketRow(source.id)).version, targetTicketId: target.id });
    const merged = await ticketRow(source.id);
    expect(merged).toMatchObject({ stateType: "merged", mergedIntoId: target.id, waitingSince: null, locked: false, pendingUntil: null, reopenCount: 0 });
    const into = await ticketRow(target.id);
    expect(into).toMatchObject({ waitingSince: early, lastCustomerArticleAt: targetBefore.lastCustomerArticleAt, version: targetBefore.version + 1 });
    expect(await articlesOf(source.id)).toHaveLength(0);
    expect(await articlesOf(target.id)).toHaveLength(2);
  });
});

describe("commitChange", () => {
  it("refuses a stale version and writes nothing", async () => {
    const { queue, agent, customer } = await desk();
    const { id } = await createTicket({ customer, queue });
    const stale = await ticketRow(id);
    await setTicket(id, { title: "Changed meanwhile" });
    await db.update(s.tickets).set({ version: stale.version + 1 }).where(eq(s.tickets.id, id));
    await expect(db.transaction((tx) => commitChange(tx, agent, stale, { title: "Mine" }, [{ event: "title_changed", field: "title", newValue: "Mine" }]))).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await ticketRow(id)).toMatchObject({ title: "Changed meanwhile" });
    expect(await db.$count(s.ticketHistory, and(eq(s.ticketHistory.ticketId, id), eq(s.ticketHistory.event, "title_changed")))).toBe(0);
  });
});

const TABLE = String.raw`(tickets|articles|\$\{(tickets|articles)\})`;
const WRITES = [/\.(insert|update)\((tickets|articles)\)/, new RegExp(String.raw`\binsert\s+into\s+${TABLE}\s*\(`, "i"), new RegExp(String.raw`\bupdate\s+${TABLE}(\s+\w+)?\s+set\b`, "i")];

describe("one door", () => {
  it("tickets and articles are inserted and updated only by the lifecycle", () => {
    const root = join(__dirname, "../..");
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          if (!/^(node_modules|migrations|seed)$/.test(name)) walk(path);
        } else if (path.endsWith(".ts") && !path.endsWith("server/services/tickets/lifecycle.ts")) {
          const text = readFileSync(path, "utf8");
          if (WRITES.some((re) => re.test(text))) offenders.push(path.slice(root.length + 1));
        }
      }
    };
    for (const dir of ["app", "server", "jobs", "db"]) walk(join(root, dir));
    expect(offenders).toEqual([]);
  });
});
