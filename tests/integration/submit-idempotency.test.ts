import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { articles, outbox, tickets } from "@/db/schema";
import { callerFor } from "../helpers/caller";
import { createAgent, createCustomer, createQueue, createTicket } from "../factories";

/** Three submissions of one form in the same tick (a double click and a retry) with the form's key. */
const thrice = <T>(submit: () => Promise<T>) => Promise.all([submit(), submit(), submit()]);

describe("submits are idempotent on the server", () => {
  it("a customer's new ticket: three submissions with one key open one ticket and all get it back", async () => {
    const queue = await createQueue();
    const customer = await createCustomer();
    const caller = callerFor(customer);
    const submitKey = randomUUID();
    const title = `Thrice ${submitKey}`;
    const results = await thrice(() => caller.ticket.create({ channel: "web", queueId: queue.id, title, body: "Printer on fire", submitKey }));
    const rows = await db.select().from(tickets).where(eq(tickets.title, title));
    expect(rows).toHaveLength(1);
    expect(results).toEqual([0, 1, 2].map(() => ({ id: rows[0]!.id, number: rows[0]!.number })));
    expect(await db.select().from(articles).where(eq(articles.ticketId, rows[0]!.id))).toHaveLength(1);
  });

  it("an agent's new ticket likewise; a new key opens a second ticket", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const caller = callerFor(agent);
    const title = `Agent thrice ${randomUUID()}`;
    const submitKey = randomUUID();
    const input = { channel: "email" as const, queueId: queue.id, title, body: "We will call you", customerEmail: `c-${randomUUID()}@test.example` };
    await thrice(() => caller.ticket.create({ ...input, submitKey }));
    expect(await db.select().from(tickets).where(eq(tickets.title, title))).toHaveLength(1);
    // One mail to the customer, not three.
    const [ticket] = await db.select().from(tickets).where(eq(tickets.title, title));
    expect(await db.select().from(outbox).where(eq(outbox.ticketId, ticket!.id))).toHaveLength(1);
    await caller.ticket.create({ ...input, submitKey: randomUUID() });
    expect(await db.select().from(tickets).where(eq(tickets.title, title))).toHaveLength(2);
  });

  it("replies and notes: one article per key, the same article id for every submission", async () => {
    const queue = await createQueue();
    const customer = await createCustomer();
    const agent = await createAgent({ queues: [queue] });
    const ticket = await createTicket({ customer, queue });
    const agentCaller = callerFor(agent);
    const replyKey = randomUUID();
    const replies = await thrice(() => agentCaller.article.reply({ ticketId: ticket.id, body: "Turn it off and on", submitKey: replyKey }));
    expect(new Set(replies.map((r) => r.articleId)).size).toBe(1);
    const noteKey = randomUUID();
    const notes = await thrice(() => agentCaller.article.note({ ticketId: ticket.id, body: "Called them", submitKey: noteKey }));
    expect(new Set(notes.map((r) => r.articleId)).size).toBe(1);
    const customerKey = randomUUID();
    const followUps = await thrice(() => callerFor(customer).article.reply({ ticketId: ticket.id, body: "Still on fire", submitKey: customerKey }));
    expect(new Set(followUps.map((r) => r.articleId)).size).toBe(1);
    const all = await db.select().from(articles).where(eq(articles.ticketId, ticket.id));
    // The first article, one reply, one note, one follow-up.
    expect(all).toHaveLength(4);
    expect(await db.select().from(outbox).where(and(eq(outbox.ticketId, ticket.id), eq(outbox.kind, "reply")))).toHaveLength(1);
  });

  it("splitting an article that came with a key copies it without the key", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const caller = callerFor(agent);
    const created = await caller.ticket.create({ channel: "internal", queueId: queue.id, title: "Two things", body: "One and two", submitKey: randomUUID() });
    const [first] = await db.select().from(articles).where(eq(articles.ticketId, created.id));
    const split = await caller.ticket.split({ articleId: first!.id, queueId: queue.id });
    const [copy] = await db.select().from(articles).where(eq(articles.ticketId, split.id));
    expect(copy).toMatchObject({ bodyText: "One and two", submitKey: null });
  });

  it("another user's key does not return their ticket", async () => {
    const queue = await createQueue();
    const submitKey = randomUUID();
    const first = await callerFor(await createCustomer()).ticket.create({ channel: "web", queueId: queue.id, title: "Mine", body: "x", submitKey });
    const second = await callerFor(await createCustomer()).ticket.create({ channel: "web", queueId: queue.id, title: "Theirs", body: "x", submitKey });
    expect(second.id).not.toBe(first.id);
  });
});
