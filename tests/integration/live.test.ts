import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createDb, db } from "@/db";
import { articles, ticketPresence, tickets } from "@/db/schema";
import { liveListening } from "@/server/live/listener";
import type { LiveEvent } from "@/server/live/events";
import { translate } from "@/server/i18n/translate";
import { NEW_CUSTOMER_ARTICLE_MESSAGE } from "@/server/schemas/live";
import { createCaller } from "@/server/trpc/root";
import { callerFor } from "../helpers/caller";
import { ticketFootprint } from "../helpers/db-state";
import { expectRefusedWithoutTrace } from "../helpers/refusals";
import { actorOf, createAgent, createCompany, createCustomer, createQueue, createTicket } from "../factories";

type UserRow = Parameters<typeof actorOf>[0];

// A second pool, as another app instance would have: changes made here reach subscribers only through PostgreSQL.
const other = createDb(process.env.DATABASE_URL!, 1);
const open: Subscription[] = [];

afterEach(() => {
  for (const s of open.splice(0)) s.stop();
});
afterAll(async () => {
  await other.$client.end({ timeout: 2 });
});

describe("live.events over LISTEN/NOTIFY", () => {
  it("a ticket change committed on another connection reaches an agent who sees the queue", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue], permissions: ["ro"] });
    const { id } = await createTicket({ customer: await createCustomer(), queue });
    const live = await subscribe(agent);

    await other.update(tickets).set({ title: "Changed elsewhere" }).where(eq(tickets.id, id));
    expect(await live.next((e) => "ticketId" in e && e.ticketId === id)).toEqual({ kind: "ticket_changed", ticketId: id });

    const created = await createTicket({ customer: await createCustomer(), queue });
    expect(await live.next((e) => e.kind === "ticket_created")).toEqual({ kind: "ticket_created", ticketId: created.id });
  });

  it("an agent without ro on the queue hears nothing of it", async () => {
    const hidden = await createQueue();
    const visible = await createQueue();
    const outsider = await createAgent({ queues: [visible], permissions: ["ro"] });
    const { id } = await createTicket({ customer: await createCustomer(), queue: hidden });
    const { id: sentinel } = await createTicket({ customer: await createCustomer(), queue: visible });
    const live = await subscribe(outsider);

    await other.update(tickets).set({ title: "Secret change" }).where(eq(tickets.id, id));
    await other.insert(articles).values({ ticketId: id, channel: "note", senderType: "agent", isInternal: true, subject: "x", bodyText: "x" });
    await other.update(tickets).set({ title: "Sentinel" }).where(eq(tickets.id, sentinel));
    // Notifications arrive in commit order: once the sentinel is in, the others would have been too.
    const seen = await live.until((e) => e.kind === "ticket_changed" && e.ticketId === sentinel);
    expect(seen.filter((e) => "ticketId" in e && e.ticketId === id)).toEqual([]);
  });

  it("a ticket moved out of the agent's queue still tells them it left", async () => {
    const source = await createQueue();
    const target = await createQueue();
    const watcher = await createAgent({ queues: [source], permissions: ["ro"] });
    const { id } = await createTicket({ customer: await createCustomer(), queue: source });
    const live = await subscribe(watcher);

    await other.update(tickets).set({ queueId: target.id }).where(eq(tickets.id, id));
    expect(await live.next((e) => e.kind === "ticket_changed")).toEqual({ kind: "ticket_changed", ticketId: id });
  });

  it("customers hear only of their own tickets and only of public articles", async () => {
    const queue = await createQueue();
    const company = await createCompany();
    const customer = await createCustomer({ companyId: company.id });
    const stranger = await createCustomer();
    const agent = await createAgent({ queues: [queue] });
    const { id: own } = await createTicket({ customer, queue });
    const { id: foreign } = await createTicket({ customer: stranger, queue });
    const live = await subscribe(customer);

    await other.update(tickets).set({ title: "Not yours" }).where(eq(tickets.id, foreign));
    const [note] = await other.insert(articles).values({ ticketId: own, channel: "note", senderType: "agent", isInternal: true, subject: "n", bodyText: "internal" }).returning({ id: articles.id });
    const reply = await callerFor(agent).article.reply({ ticketId: own, body: "Public answer" });

    const seen = await live.until((e) => e.kind === "article_added" && e.articleId === reply.articleId);
    expect(seen.every((e) => "ticketId" in e && e.ticketId === own)).toBe(true);
    expect(seen.some((e) => e.kind === "article_added" && e.articleId === note!.id)).toBe(false);
    expect(seen.at(-1)).toEqual({ kind: "article_added", ticketId: own, articleId: reply.articleId, fromCustomer: false });
  });

  it("a stream that reconnects (lastEventId) starts with a resync, since NOTIFY keeps no history", async () => {
    const agent = await createAgent();
    const live = await subscribe(agent, { lastEventId: "earlier-1" });
    expect(await live.next()).toEqual({ kind: "resync" });
  });

  it("a disabled agent's stream ends at the next event", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue], permissions: ["ro"] });
    const { id } = await createTicket({ customer: await createCustomer(), queue });
    const live = await subscribe(agent);
    await other.update(tickets).set({ title: "Before disabling" }).where(eq(tickets.id, id));
    await live.next((e) => e.kind === "ticket_changed");
    await db.execute(sql`update users set enabled = false where id = ${agent.id}`);
    // Permissions are re-read every 15 s, not per event: step past that.
    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now + 16_000);
    await other.update(tickets).set({ title: "After disabling" }).where(eq(tickets.id, id));
    try {
      expect(await live.ended()).toBe(true);
    } finally {
      vi.restoreAllMocks();
    }
  });
});

describe("presence", () => {
  it("heartbeats show other agents viewing or writing, never the caller, and notify once per change", async () => {
    const queue = await createQueue();
    const anna = await createAgent({ queues: [queue], values: { name: "Anna Viewer" } });
    const ben = await createAgent({ queues: [queue], values: { name: "Ben Writer" } });
    const { id } = await createTicket({ customer: await createCustomer(), queue });
    const live = await subscribe(ben);

    await callerFor(anna).presence.heartbeat({ ticketId: id, activity: "viewing" });
    expect(await live.next((e) => e.kind === "presence")).toEqual({ kind: "presence", ticketId: id });
    await callerFor(ben).presence.heartbeat({ ticketId: id, activity: "composing" });
    await live.next((e) => e.kind === "presence");

    expect((await callerFor(ben).presence.list({ ticketId: id })).map((p) => [p.name, p.activity])).toEqual([["Anna Viewer", "viewing"]]);
    expect((await callerFor(anna).presence.list({ ticketId: id })).map((p) => [p.name, p.activity])).toEqual([["Ben Writer", "composing"]]);

    // A plain refresh is silent; a change of activity is announced.
    await callerFor(anna).presence.heartbeat({ ticketId: id, activity: "viewing" });
    await callerFor(anna).presence.heartbeat({ ticketId: id, activity: "composing" });
    await other.update(tickets).set({ title: "Sentinel" }).where(eq(tickets.id, id));
    const seen = await live.until((e) => e.kind === "ticket_changed" && e.ticketId === id);
    expect(seen.filter((e) => e.kind === "presence")).toHaveLength(1);
  });

  it("rows older than the window no longer count, and leave removes the caller at once", async () => {
    const queue = await createQueue();
    const anna = await createAgent({ queues: [queue] });
    const ben = await createAgent({ queues: [queue] });
    const { id } = await createTicket({ customer: await createCustomer(), queue });
    await callerFor(anna).presence.heartbeat({ ticketId: id, activity: "viewing" });
    await db.update(ticketPresence).set({ seenAt: sql`now() - interval '41 seconds'` }).where(and(eq(ticketPresence.ticketId, id), eq(ticketPresence.userId, anna.id)));
    expect(await callerFor(ben).presence.list({ ticketId: id })).toEqual([]);

    await callerFor(anna).presence.heartbeat({ ticketId: id, activity: "viewing" });
    expect(await callerFor(ben).presence.list({ ticketId: id })).toHaveLength(1);
    await callerFor(anna).presence.leave({ ticketId: id });
    expect(await callerFor(ben).presence.list({ ticketId: id })).toEqual([]);
  });

  it("needs ro on the ticket's queue and is for agents only", async () => {
    const queue = await createQueue();
    const customer = await createCustomer();
    const outsider = await createAgent();
    const { id } = await createTicket({ customer, queue });
    await expectRefusedWithoutTrace(id, () => callerFor(outsider).presence.heartbeat({ ticketId: id, activity: "viewing" }), "NOT_FOUND");
    await expectRefusedWithoutTrace(id, () => callerFor(customer).presence.heartbeat({ ticketId: id, activity: "viewing" }), "FORBIDDEN");
  });
});

describe("collision safety on article.reply", () => {
  it("refuses a reply when the customer wrote since the draft began, writes nothing, and sends once confirmed", async () => {
    const queue = await createQueue();
    const customer = await createCustomer();
    const agent = await createAgent({ queues: [queue] });
    const { id } = await createTicket({ customer, queue });
    const seenArticleId = await newestArticle(id);
    await callerFor(customer).article.reply({ ticketId: id, body: "Also, the screen flickers." });

    const refused = await expectRefusedWithoutTrace(id, () => callerFor(agent).article.reply({ ticketId: id, body: "Fixed.", seenArticleId }), "CONFLICT");
    expect(refused.message).toBe(translate("en", NEW_CUSTOMER_ARTICLE_MESSAGE));

    const before = await ticketFootprint(id);
    await callerFor(agent).article.reply({ ticketId: id, body: "Fixed, flicker too.", seenArticleId, confirmed: true });
    expect((await ticketFootprint(id)).articles).toBe(before.articles + 1);
  });

  it("agent articles and notes since the draft began do not stop the reply", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const { id } = await createTicket({ customer: await createCustomer(), queue });
    const seenArticleId = await newestArticle(id);
    await callerFor(agent).article.note({ ticketId: id, body: "Checked the logs." });
    const before = await ticketFootprint(id);
    await callerFor(agent).article.reply({ ticketId: id, body: "On it.", seenArticleId });
    expect((await ticketFootprint(id)).articles).toBe(before.articles + 1);
  });
});

async function newestArticle(ticketId: number) {
  const [row] = await db.select({ id: sql<number>`max(${articles.id})::bigint`.mapWith(Number) }).from(articles).where(eq(articles.ticketId, ticketId));
  return row!.id;
}

type Subscription = {
  /** The next event (matching `where`, skipping others), or a failure after a few seconds. */
  next: (where?: (e: LiveEvent) => boolean) => Promise<LiveEvent>;
  /** Every event up to and including the first that matches. */
  until: (where: (e: LiveEvent) => boolean) => Promise<LiveEvent[]>;
  /** Whether the stream finished by itself within a few seconds. */
  ended: () => Promise<boolean>;
  stop: () => void;
};

/** Subscribes as `user` through the router, exactly as the SSE handler does, once LISTEN is active. */
async function subscribe(user: UserRow, input: { lastEventId?: string } = {}): Promise<Subscription> {
  const abort = new AbortController();
  const caller = createCaller({ db, actor: actorOf(user), sessionEnded: false, clientAddress: "192.0.2.1" }, { signal: abort.signal });
  const stream = (await caller.live.events(input)) as AsyncIterable<unknown>;
  const iterator = stream[Symbol.asyncIterator]();
  const received: LiveEvent[] = [];
  let done = false;
  let wake: () => void = () => {};
  const pump = (async () => {
    try {
      for (;;) {
        const step = await iterator.next();
        if (step.done) break;
        // tracked(id, data) arrives as [id, data, marker] on a server-side caller.
        received.push((Array.isArray(step.value) ? step.value[1] : step.value) as LiveEvent);
        wake();
      }
    } catch {
      // aborted by stop()
    } finally {
      done = true;
      wake();
    }
  })();
  void pump;
  await liveListening();
  const sub: Subscription = {
    async next(where = () => true) {
      const events = await sub.until(where);
      return events.at(-1)!;
    },
    async until(where) {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const index = received.findIndex(where);
        if (index >= 0) return received.splice(0, index + 1);
        if (done) throw new Error("the stream ended");
        if (Date.now() > deadline) throw new Error(`no matching event; got ${JSON.stringify(received)}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 100);
        });
      }
    },
    async ended() {
      for (let i = 0; i < 100 && !done; i++) await new Promise((r) => setTimeout(r, 50));
      return done;
    },
    stop: () => abort.abort(),
  };
  open.push(sub);
  return sub;
}
