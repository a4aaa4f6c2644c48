import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { articles, attachments, outbox, salutations, signatures, storedFiles, systemAddresses, ticketHistory, ticketLinks, timeAccounting } from "@/db/schema";
import { callerFor } from "../helpers/caller";
import { ticketFootprint } from "../helpers/db-state";
import { expectRefusedWithoutTrace } from "../helpers/refusals";
import { createTemplate } from "../helpers/zoom";
import { createAgent, createCustomer, createQueue, createTicket, grant, stateNamed, ticketRow } from "../factories";

async function setup() {
  const queue = await createQueue();
  const agent = await createAgent({ queues: [queue] });
  const customer = await createCustomer({ name: "Carla Caller" });
  const a = await createTicket({ customer, queue, title: "Printer jam", body: "First message" });
  const b = await createTicket({ customer, queue, title: "Printer jam again", body: "Second message" });
  return { queue, agent, customer, a: a.id, b: b.id, caller: callerFor(agent) };
}

const events = async (ticketId: number) => (await db.select({ event: ticketHistory.event }).from(ticketHistory).where(eq(ticketHistory.ticketId, ticketId))).map((h) => h.event);

describe("merge", () => {
  it("moves articles, history, time and links to the target; the source points at it", async () => {
    const { queue, customer, a, b, caller } = await setup();
    const third = await createTicket({ customer, queue });
    await caller.ticket.link({ ticketId: a, otherTicketId: third.id, type: "normal" });
    await caller.article.note({ ticketId: a, body: "timed note", timeUnits: 15 });
    const source = await ticketRow(a);
    const target = await ticketRow(b);

    await caller.ticket.merge({ ticketId: a, version: source.version, targetNumber: target.number });

    const merged = await ticketRow(a);
    expect(merged).toMatchObject({ stateType: "merged", mergedIntoId: b });
    expect(await db.select().from(articles).where(eq(articles.ticketId, a))).toHaveLength(0);
    expect((await db.select({ body: articles.bodyText }).from(articles).where(eq(articles.ticketId, b))).map((x) => x.body)).toEqual(
      expect.arrayContaining(["First message", "Second message", "timed note"]),
    );
    expect(await events(a)).toEqual(["merged_into", "state_changed"]);
    expect(await events(b)).toEqual(expect.arrayContaining(["created", "linked", "merged_from"]));
    expect((await db.select().from(timeAccounting).where(eq(timeAccounting.ticketId, b))).map((t) => t.minutes)).toEqual([15]);
    expect(await db.select().from(ticketLinks).where(eq(ticketLinks.sourceTicketId, a))).toHaveLength(0);
    expect(await db.select().from(ticketLinks).where(and(eq(ticketLinks.sourceTicketId, b), eq(ticketLinks.targetTicketId, third.id)))).toHaveLength(1);

    const relations = await caller.ticket.links({ ticketId: a });
    expect(relations.mergedInto).toMatchObject({ id: b, number: target.number });
    expect((await caller.ticket.links({ ticketId: b })).mergedFrom.map((t) => t.id)).toEqual([a]);

    // The merged ticket takes no more answers: they belong on the target.
    await expectRefusedWithoutTrace(a, () => caller.article.reply({ ticketId: a, body: "too late" }), "PRECONDITION_FAILED");
  });

  it("refuses merging into itself, into a merged ticket, or into a ticket without rw, writing nothing", async () => {
    const { queue, customer, a, b, caller, agent } = await setup();
    const va = (await ticketRow(a)).version;
    expect((await expectRefusedWithoutTrace(a, () => caller.ticket.merge({ ticketId: a, version: va, targetTicketId: a }), "BAD_REQUEST")).message).toMatch(/itself/);

    const c = await createTicket({ customer, queue });
    await caller.ticket.merge({ ticketId: b, version: (await ticketRow(b)).version, targetTicketId: c.id });
    expect((await expectRefusedWithoutTrace(a, () => caller.ticket.merge({ ticketId: a, version: va, targetTicketId: b }), "PRECONDITION_FAILED")).message).toMatch(
      /itself merged/,
    );

    const roQueue = await createQueue();
    await grant(agent.id, roQueue.groupId, ["ro"]);
    const other = await createTicket({ customer, queue: roQueue });
    expect((await expectRefusedWithoutTrace(a, () => caller.ticket.merge({ ticketId: a, version: va, targetTicketId: other.id }), "FORBIDDEN")).message).toMatch(/rw/);
    expect(await ticketFootprint(other.id)).toMatchObject({ articles: 1 });
  });

  it("refuses merging tickets of different customers, or an internal ticket into a customer's, writing nothing", async () => {
    const { queue, agent, a, caller } = await setup();
    const stranger = await createTicket({ customer: await createCustomer({ name: "Someone Else" }), queue });
    const va = (await ticketRow(a)).version;
    const refused = await expectRefusedWithoutTrace(a, () => caller.ticket.merge({ ticketId: a, version: va, targetTicketId: stranger.id }), "BAD_REQUEST");
    expect(refused.message).toMatch(/another customer/);
    expect(await ticketFootprint(stranger.id)).toMatchObject({ articles: 1 });

    const internal = await callerFor(agent).ticket.create({ channel: "internal", queueId: queue.id, title: "Agents only", body: "Between us" });
    const vi = (await ticketRow(internal.id)).version;
    expect((await expectRefusedWithoutTrace(internal.id, () => caller.ticket.merge({ ticketId: internal.id, version: vi, targetTicketId: a }), "BAD_REQUEST")).message).toMatch(/internal ticket/);
  });
});

describe("split", () => {
  it("copies the article with its attachments into a new ticket linked as child", async () => {
    const { a, caller, agent } = await setup();
    const target = await createQueue();
    await grant(agent.id, target.groupId, ["ro", "create"]);
    const [article] = await db.select().from(articles).where(eq(articles.ticketId, a));
    const sha = `split-${Date.now()}-${Math.random()}`;
    await db.insert(storedFiles).values({ sha256: sha, size: 3, backend: "local" });
    await db.insert(attachments).values({ articleId: article!.id, fileSha256: sha, filename: "log.txt", contentType: "text/plain", size: 3 });

    const created = await caller.ticket.split({ articleId: article!.id, queueId: target.id, title: "Split off" });

    const row = await ticketRow(created.id);
    expect(row).toMatchObject({ title: "Split off", queueId: target.id, customerUserId: (await ticketRow(a)).customerUserId });
    const [copy] = await db.select().from(articles).where(eq(articles.ticketId, created.id));
    expect(copy).toMatchObject({ bodyText: "First message", messageId: null });
    expect(await db.select({ sha: attachments.fileSha256, name: attachments.filename }).from(attachments).where(eq(attachments.articleId, copy!.id))).toEqual([{ sha, name: "log.txt" }]);
    expect(await db.select().from(articles).where(eq(articles.ticketId, a))).toHaveLength(1);
    expect(await events(a)).toContain("split_to");
    expect(await events(created.id)).toEqual(["created", "split_from", "article_added"]);
    const links = await caller.ticket.links({ ticketId: a });
    expect(links.links).toEqual([expect.objectContaining({ id: created.id, role: "child" })]);
  });

  it("needs create on the new ticket's queue", async () => {
    const { a, caller, agent } = await setup();
    const target = await createQueue();
    await grant(agent.id, target.groupId, ["ro", "move_into"]);
    const [article] = await db.select().from(articles).where(eq(articles.ticketId, a));
    const refused = await expectRefusedWithoutTrace(a, () => caller.ticket.split({ articleId: article!.id, queueId: target.id }), "FORBIDDEN");
    expect(refused.message).toMatch(/create/);
  });
});

describe("links", () => {
  it("links both ways, shows parent and child, and unlinks with history on both", async () => {
    const { a, b, caller } = await setup();
    await caller.ticket.link({ ticketId: a, otherNumber: (await ticketRow(b)).number, type: "parent_child" });
    expect((await caller.ticket.links({ ticketId: a })).links).toEqual([expect.objectContaining({ id: b, role: "child" })]);
    expect((await caller.ticket.links({ ticketId: b })).links).toEqual([expect.objectContaining({ id: a, role: "parent" })]);
    await caller.ticket.unlink({ ticketId: b, otherTicketId: a, type: "parent_child" });
    expect((await caller.ticket.links({ ticketId: a })).links).toEqual([]);
    expect(await events(a)).toEqual(expect.arrayContaining(["linked", "unlinked"]));
    expect(await events(b)).toEqual(expect.arrayContaining(["linked", "unlinked"]));
  });

  it("cannot link to a ticket the agent cannot see", async () => {
    const { a, caller } = await setup();
    const hidden = await createTicket({ customer: await createCustomer(), queue: await createQueue() });
    await expectRefusedWithoutTrace(a, () => caller.ticket.link({ ticketId: a, otherTicketId: hidden.id, type: "normal" }), "NOT_FOUND");
  });
});

describe("reply, notes and time", () => {
  it("reply all goes to the customer and the other addresses of the last mail, never the desk's own", async () => {
    const { ingestMail } = await import("@/server/mail/postmaster");
    const queue = await createQueue({ isDefault: false });
    const agent = await createAgent({ queues: [queue] });
    const deskAddress = `support-${Date.now()}@desk.example`;
    await db.insert(systemAddresses).values({ address: deskAddress, displayName: "Support", queueId: queue.id });
    const raw = [
      "From: Ann <ann@customer.example>",
      `To: Support <${deskAddress}>, boss@customer.example`,
      "Cc: Colleague <colleague@customer.example>",
      "Subject: Outage",
      `Message-ID: <outage-${Date.now()}@customer.example>`,
      "",
      "Everything is down.",
      "",
    ].join("\r\n");
    const result = await ingestMail(db, Buffer.from(raw), { source: "pipe", queueName: queue.name });
    const [first] = await db.select().from(articles).where(eq(articles.id, Number(result.articleId)));
    const caller = callerFor(agent);
    const recipients = await caller.article.recipients({ ticketId: first!.ticketId });
    expect(recipients.reply).toEqual({ to: ["ann@customer.example"], cc: [] });
    expect(recipients.replyAll.to).toEqual(["ann@customer.example"]);
    expect(recipients.replyAll.cc).toEqual(["boss@customer.example", "colleague@customer.example"]);

    const sent = await caller.article.reply({ ticketId: first!.ticketId, body: "We are on it", ...recipients.replyAll });
    const [mail] = await db.select().from(outbox).where(eq(outbox.articleId, sent.articleId!));
    expect(mail).toMatchObject({ toAddresses: "ann@customer.example", ccAddresses: "boss@customer.example, colleague@customer.example" });
  });

  it("uses the agent's own signature when set, else the queue's, with the queue's salutation", async () => {
    const [sal] = await db.insert(salutations).values({ name: `Sal ${Math.random()}`, body: "Dear <CUSTOMER_NAME>," }).returning();
    const [sig] = await db.insert(signatures).values({ name: `Sig ${Math.random()}`, body: "-- <QUEUE_NAME> team" }).returning();
    const queue = await createQueue({ salutationId: sal!.id, signatureId: sig!.id });
    const plain = await createAgent({ queues: [queue] });
    const personal = await createAgent({ queues: [queue], values: { signature: "Cheers, <AGENT_NAME>" } });
    const customer = await createCustomer({ name: "Carla Caller" });
    const { id } = await createTicket({ customer, queue });
    const one = await callerFor(plain).article.reply({ ticketId: id, body: "First answer" });
    const two = await callerFor(personal).article.reply({ ticketId: id, body: "Second answer" });
    const [m1] = await db.select().from(outbox).where(eq(outbox.articleId, one.articleId!));
    const [m2] = await db.select().from(outbox).where(eq(outbox.articleId, two.articleId!));
    expect(m1!.bodyText).toBe(`Dear Carla Caller,\nFirst answer\n-- ${queue.name} team`);
    expect(m2!.bodyText).toBe(`Dear Carla Caller,\nSecond answer\nCheers, ${personal.name}`);
  });

  it("a reply can leave the ticket pending with a time, and records accounted minutes", async () => {
    const { a, caller } = await setup();
    const pending = await stateNamed("pending reminder");
    const until = new Date(Date.now() + 86_400_000);
    await caller.article.reply({ ticketId: a, body: "Waiting for you", nextStateId: pending.id, pendingUntil: until, timeUnits: 7 });
    expect(await ticketRow(a)).toMatchObject({ stateId: pending.id, pendingUntil: until });
    expect((await caller.ticket.links({ ticketId: a })).minutesAccounted).toBe(7);
  });

  it("phone notes are internal by default; showing one to the customer needs rw", async () => {
    const { a, caller, queue, customer } = await setup();
    const internal = await caller.article.note({ ticketId: a, body: "Called, no answer", channel: "phone", timeUnits: 3 });
    const shown = await caller.article.note({ ticketId: a, body: "We spoke on the phone", channel: "phone", visibleToCustomer: true });
    const rows = await db.select({ id: articles.id, channel: articles.channel, isInternal: articles.isInternal }).from(articles).where(eq(articles.ticketId, a));
    expect(rows).toEqual(expect.arrayContaining([{ id: internal.articleId, channel: "phone", isInternal: true }, { id: shown.articleId, channel: "phone", isInternal: false }]));
    expect((await callerFor(customer).ticket.get({ ticketId: a })).articles.map((x) => x.id)).toContain(shown.articleId);
    expect(await db.select().from(timeAccounting).where(eq(timeAccounting.articleId, internal.articleId))).toHaveLength(1);

    const noteOnly = await createAgent({ queues: [queue], permissions: ["ro", "note"] });
    await expectRefusedWithoutTrace(a, () => callerFor(noteOnly).article.note({ ticketId: a, body: "x", channel: "phone", visibleToCustomer: true }), "FORBIDDEN");
    await callerFor(noteOnly).article.note({ ticketId: a, body: "internal call", channel: "phone" });
  });

  it("sets the responsible agent, who needs the owner permission", async () => {
    const { a, caller, queue } = await setup();
    const candidate = await createAgent({ queues: [queue], permissions: ["ro", "owner"] });
    const outsider = await createAgent();
    const version = (await ticketRow(a)).version;
    await expectRefusedWithoutTrace(a, () => caller.ticket.setResponsible({ ticketId: a, version, responsibleId: outsider.id }), "BAD_REQUEST");
    await caller.ticket.setResponsible({ ticketId: a, version, responsibleId: candidate.id });
    expect((await ticketRow(a)).responsibleId).toBe(candidate.id);
    expect((await caller.ticket.links({ ticketId: a })).responsible).toEqual({ id: candidate.id, name: candidate.name });
  });
});

describe("templates", () => {
  it("lists valid templates per kind and renders placeholders for a ticket", async () => {
    const { a, caller, agent, queue } = await setup();
    const tpl = await createTemplate({ kinds: ["reply"] });
    const hidden = await createTemplate({ kinds: ["reply"], valid: false });
    const noteOnly = await createTemplate({ kinds: ["note"] });
    const ids = (await caller.template.list({ kind: "reply" })).map((x) => x.id);
    expect(ids).toContain(tpl.id);
    expect(ids).not.toContain(hidden.id);
    expect(ids).not.toContain(noteOnly.id);
    const t = await ticketRow(a);
    const rendered = await caller.template.render({ templateId: tpl.id, ticketId: a });
    expect(rendered.body).toBe(`Hello Carla Caller, about ticket ${t.number} (${queue.name}). ${agent.name}`);
    const stranger = await createAgent();
    await expectRefusedWithoutTrace(a, () => callerFor(stranger).template.render({ templateId: tpl.id, ticketId: a }), "NOT_FOUND");
  });
});
