import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import * as s from "@/db/schema";
import { archiveClosed } from "@/jobs/definitions/archive-closed";
import { archiveClosedHandler } from "@/jobs/handlers/archive-closed";
import { HANDLERS } from "@/jobs/registry";
import { LIVE_CHANNEL } from "@/server/live/channel";
import { ingestMail } from "@/server/mail/postmaster";
import { getSetting, setSetting } from "@/server/services/settings";
import { archiveClosedTickets } from "@/server/services/tickets/archive";
import { readHistory } from "@/server/services/tickets/history";
import { setClockOffset } from "@/server/time/clock";
import { callerFor } from "../helpers/caller";
import { buildMail, uniqueMessageId } from "../helpers/mail";
import { setTicket } from "../helpers/workspace";
import { createAgent, createCustomer, createQueue, createTicket, ticketRow } from "../factories";

const DAY = 24 * 3_600_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
type Queue = Awaited<ReturnType<typeof createQueue>>;

afterEach(async () => {
  setClockOffset(0);
  await setSetting(db, "ticket.archive_days", 30);
});

/** A ticket closed by an agent, its close then dated `closedDaysAgo` days back. */
async function closedTicket(queue: Queue, closedDaysAgo: number) {
  const agent = await createAgent({ queues: [queue] });
  const { id } = await createTicket({ customer: await createCustomer(), queue });
  await callerFor(agent).ticket.close({ ticketId: id });
  await setTicket(id, { closedAt: daysAgo(closedDaysAgo) });
  return id;
}

/** The counters must equal an exact count over tickets for the queues. */
async function expectCountersExact(queueIds: number[]) {
  const exact = await db.execute<{ queue_id: string; state_type: string; n: number }>(
    sql`select queue_id, state_type, count(*)::int as n from tickets where not archived and queue_id in ${queueIds} group by 1, 2`,
  );
  const counters = await db.execute<{ queue_id: string; state_type: string; n: number }>(
    sql`select queue_id, state_type, count as n from queue_ticket_counts where queue_id in ${queueIds} and count <> 0`,
  );
  const key = (r: { queue_id: string; state_type: string; n: number }) => `${r.queue_id}/${r.state_type}=${r.n}`;
  expect(counters.map(key).sort()).toEqual(exact.map(key).sort());
}

describe("nightly archive", () => {
  it("is a registered nightly cron job, and the admin's setting is offered again", async () => {
    expect(HANDLERS.map((h) => h.job)).toContain(archiveClosed);
    expect(archiveClosed.cron).toMatch(/^\d+ \d+ \* \* \*$/);
    const admin = await createAgent({ admin: true });
    const settings = await callerFor(admin).adminConfig.settingsGet();
    expect(settings.archiveDays).toBe(30);
    await callerFor(admin).adminConfig.settingsUpdate({ ...settings, archiveDays: 90 });
    expect(await getSetting(db, "ticket.archive_days")).toBe(90);
  });

  it("flags only tickets closed longer ago than the setting, in batches, and keeps the counters right", async () => {
    const queue = await createQueue();
    const other = await createQueue();
    const old = [await closedTicket(queue, 40), await closedTicket(queue, 31), await closedTicket(other, 100), await closedTicket(queue, 45), await closedTicket(other, 35)];
    const recent = await closedTicket(queue, 10);
    const { id: openOld } = await createTicket({ customer: await createCustomer(), queue });
    await setTicket(openOld, { createdAt: daysAgo(200), changedAt: daysAgo(200) });
    await expectCountersExact([queue.id, other.id]);
    const versions = new Map(await Promise.all(old.map(async (id) => [id, (await ticketRow(id)).version] as const)));

    const result = await archiveClosedTickets(db, { batchSize: 2 });
    expect(result.archived).toBeGreaterThanOrEqual(old.length);
    expect(result.batches).toBeGreaterThanOrEqual(3);
    for (const id of old) {
      const row = await ticketRow(id);
      // A flag, not a change: no new version for an agent's open zoom to trip over.
      expect(row).toMatchObject({ archived: true, stateType: "closed", version: versions.get(id) });
      expect((await readHistory(db, id)).filter((h) => h.event === "archived")).toEqual([expect.objectContaining({ actorId: null })]);
    }
    expect((await ticketRow(recent)).archived).toBe(false);
    expect((await ticketRow(openOld)).archived).toBe(false);
    await expectCountersExact([queue.id, other.id]);

    // Running again (the next night) finds nothing new and writes nothing twice.
    expect((await archiveClosedHandler.run(db, {})) as { archived: number }).toMatchObject({ archived: 0 });
    expect((await readHistory(db, old[0]!)).filter((h) => h.event === "archived")).toHaveLength(1);

    // Eleven days later the recent one is old enough (the job reads the desk's clock).
    setClockOffset(21 * DAY);
    expect(await archiveClosedTickets(db)).toMatchObject({ archived: 1 });
    expect((await ticketRow(recent)).archived).toBe(true);
    await expectCountersExact([queue.id, other.id]);
  });

  it("the nightly flag is not announced to live views; a ticket coming back is", async () => {
    const queue = await createQueue();
    const id = await closedTicket(queue, 60);
    const sentinel = await closedTicket(queue, 1);
    const listener = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const heard: number[] = [];
    let sentinelHeard: () => void = () => {};
    const sentinelSeen = new Promise<void>((resolve) => (sentinelHeard = resolve));
    try {
      await listener.listen(LIVE_CHANNEL, (payload) => {
        const event = JSON.parse(payload) as { ticketId?: number };
        if (event.ticketId === sentinel) sentinelHeard();
        else if (event.ticketId) heard.push(event.ticketId);
      });
      await archiveClosedTickets(db);
      expect((await ticketRow(id)).archived).toBe(true);
      // Notifications arrive in commit order: once the sentinel's is in, the archive's would have been too.
      await setTicket(sentinel, { title: "Sentinel" });
      await sentinelSeen;
      expect(heard).not.toContain(id);
      const customer = await db.select().from(s.users).where(eq(s.users.id, (await ticketRow(id)).customerUserId!));
      await callerFor(customer[0]!).article.reply({ ticketId: id, body: "Back again." });
      await expect.poll(() => heard.includes(id)).toBe(true);
    } finally {
      await listener.end({ timeout: 2 });
    }
  });

  it("0 days never archives", async () => {
    const queue = await createQueue();
    const id = await closedTicket(queue, 400);
    await setSetting(db, "ticket.archive_days", 0);
    expect(await archiveClosedTickets(db)).toEqual({ archived: 0, batches: 0, cutoff: null });
    expect((await ticketRow(id)).archived).toBe(false);
  });

  it("archived tickets leave the agent's lists and counts, and come back with 'include archive'", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const customer = await createCustomer();
    const title = `Archive probe ${randomUUID().slice(0, 8)}`;
    const { id } = await createTicket({ customer, queue, title });
    await callerFor(agent).ticket.close({ ticketId: id });
    await setTicket(id, { closedAt: daysAgo(60) });
    const list = (more: Record<string, unknown> = {}) => callerFor(agent).ticket.list({ queueIds: [queue.id], ...more }).then((r) => r.items.map((t) => t.id));
    expect(await list()).toEqual([id]);

    await archiveClosedTickets(db);
    expect(await list()).toEqual([]);
    expect(await list({ stateTypes: ["closed"] })).toEqual([]);
    expect(await list({ includeArchived: true })).toEqual([id]);
    expect((await callerFor(agent).ticket.list({ queueIds: [queue.id], includeArchived: true })).items[0]).toMatchObject({ archived: true });
    const search = (more: Record<string, unknown> = {}) => callerFor(agent).search.tickets({ query: title, ...more }).then((r) => r.items.map((t) => t.id));
    expect(await search()).toEqual([]);
    expect(await search({ includeArchived: true })).toEqual([id]);
    const [closedCount] = await db.select().from(s.queueTicketCounts).where(sql`${s.queueTicketCounts.queueId} = ${queue.id} and ${s.queueTicketCounts.stateType} = 'closed'`);
    expect(closedCount?.count ?? 0).toBe(0);
    // The customer's own list is their history, not the desk's working set: it keeps the ticket.
    expect((await callerFor(customer).ticket.list({})).items.map((t) => t.id)).toContain(id);
  });
});

describe("a customer's reply to an archived ticket", () => {
  const pipe = (raw: Buffer) => ingestMail(db, raw, { source: "pipe" });

  async function archivedMailTicket(followUp: "reopen" | "reject" | "new_ticket") {
    const queue = await createQueue({ followUp });
    const address = `desk-${randomUUID().slice(0, 8)}@desk.example`;
    await db.insert(s.systemAddresses).values({ address, displayName: "Desk", queueId: queue.id });
    const customer = `customer-${randomUUID().slice(0, 8)}@customer.example`;
    const messageId = uniqueMessageId();
    const first = await pipe(buildMail({ from: customer, to: address, messageId }));
    const [ticket] = await db.select().from(s.tickets).where(eq(s.tickets.number, first.ticketNumber!));
    const agent = await createAgent({ queues: [queue] });
    await callerFor(agent).ticket.close({ ticketId: ticket!.id });
    await setTicket(ticket!.id, { closedAt: daysAgo(60) });
    await archiveClosedTickets(db);
    expect((await ticketRow(ticket!.id)).archived).toBe(true);
    const answer = () => pipe(buildMail({ from: customer, to: address, inReplyTo: messageId, subject: "Re: it is broken again" }));
    return { queue, id: ticket!.id, answer };
  }

  it("by mail, in a reopening queue: back from the archive and open, through the lifecycle", async () => {
    const { queue, id, answer } = await archivedMailTicket("reopen");
    const before = await ticketRow(id);
    expect(await answer()).toMatchObject({ outcome: "follow_up", ticketNumber: before.number });
    const row = await ticketRow(id);
    expect(row).toMatchObject({ archived: false, stateType: "open", version: before.version + 1, reopenCount: before.reopenCount + 1 });
    expect((await readHistory(db, id)).map((h) => h.event)).toEqual(expect.arrayContaining(["archived", "reopened", "unarchived"]));
    await expectCountersExact([queue.id]);
  });

  it("by mail, in a rejecting queue: the answer is kept and the ticket leaves the archive, still closed", async () => {
    const { id, answer } = await archivedMailTicket("reject");
    expect((await answer()).reason).toMatch(/rejected/);
    expect(await ticketRow(id)).toMatchObject({ archived: false, stateType: "closed" });
  });

  it("by mail, in a queue that opens new tickets: a new ticket, the archived one left alone", async () => {
    const { id, answer } = await archivedMailTicket("new_ticket");
    const before = await ticketRow(id);
    const result = await answer();
    expect(result.outcome).toBe("created");
    expect(result.ticketNumber).not.toBe(before.number);
    expect(await ticketRow(id)).toMatchObject({ archived: true, version: before.version });
  });

  it("in the portal: reopened and back from the archive", async () => {
    const queue = await createQueue();
    const customer = await createCustomer();
    const { id } = await createTicket({ customer, queue });
    await callerFor(customer).ticket.close({ ticketId: id });
    await setTicket(id, { closedAt: daysAgo(60) });
    await archiveClosedTickets(db);
    expect((await ticketRow(id)).archived).toBe(true);
    await callerFor(customer).article.reply({ ticketId: id, body: "It is broken again." });
    expect(await ticketRow(id)).toMatchObject({ archived: false, stateType: "open" });
    await expectCountersExact([queue.id]);
  });

  it("an agent reopening an archived ticket brings it back too; an agent's note does not", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const id = await closedTicket(queue, 60);
    await archiveClosedTickets(db);
    await callerFor(agent).article.note({ ticketId: id, body: "For the record." });
    expect((await ticketRow(id)).archived).toBe(true);
    const open = await db.select().from(s.states).where(eq(s.states.name, "open"));
    await callerFor(agent).ticket.setState({ ticketId: id, version: (await ticketRow(id)).version, stateId: open[0]!.id });
    expect(await ticketRow(id)).toMatchObject({ archived: false, stateType: "open" });
    await expectCountersExact([queue.id]);
  });
});
