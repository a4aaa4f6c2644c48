import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import * as s from "@/db/schema";
import { recomputeGoverned } from "@/server/services/sla/recompute";
import { commitChange } from "@/server/services/tickets/lifecycle";
import { setClockOffset } from "@/server/time/clock";
import { callerFor } from "../helpers/caller";
import { createCalendar, createService, createSla, minutes } from "../helpers/sla";
import { createAgent, createCompany, createCustomer, createQueue, createTicket, priorityAt, stateNamed, ticketRow } from "../factories";

afterEach(() => setClockOffset(0));

async function desk(sla: Partial<typeof s.slas.$inferInsert> = {}) {
  const slaRow = await createSla(sla);
  const queue = await createQueue({ slaId: slaRow.id });
  const agent = await createAgent({ queues: [queue] });
  const customer = await createCustomer();
  const { id } = await createTicket({ customer, queue });
  return { sla: slaRow, queue, agent, customer, id };
}

const at = (d: Date | null) => d?.getTime() ?? null;
const plus = (d: Date, n: number) => d.getTime() + minutes(n);

describe("deadlines are recomputed on every change that matters", () => {
  it("a new ticket gets first response and solution deadlines from its queue's SLA (24/7), escalation_at the earliest, and timers", async () => {
    const { sla, id } = await desk();
    const t = await ticketRow(id);
    expect(t.slaId).toBe(sla.id);
    expect(at(t.firstResponseDueAt)).toBe(plus(t.createdAt, 60));
    expect(at(t.solutionDueAt)).toBe(plus(t.createdAt, 480));
    expect(t.updateDueAt).toBeNull();
    expect(at(t.escalationAt)).toBe(plus(t.createdAt, 60));
    // Warning at 80 %: 48 minutes in, the first timer due.
    expect(at(t.slaTimerAt)).toBe(plus(t.createdAt, 48));
    expect(t.slaTimers.map((x) => x.key.split(":").slice(0, 2).join(":"))).toEqual(["firstResponse:warning", "firstResponse:breach", "solution:warning", "solution:breach"]);
  });

  it("a ticket without any SLA gets no deadlines", async () => {
    const queue = await createQueue();
    const { id } = await createTicket({ customer: await createCustomer(), queue });
    expect(await ticketRow(id)).toMatchObject({ slaId: null, escalationAt: null, firstResponseDueAt: null, slaTimerAt: null });
  });

  it("an agent's public answer ends the first-response deadline; an internal note does not", async () => {
    const { agent, id } = await desk();
    const before = await ticketRow(id);
    await callerFor(agent).article.note({ ticketId: id, body: "internal thoughts" });
    const noted = await ticketRow(id);
    expect(at(noted.firstResponseDueAt)).toBe(at(before.firstResponseDueAt));
    expect(at(noted.escalationAt)).toBe(at(before.firstResponseDueAt));

    await callerFor(agent).article.reply({ ticketId: id, body: "We are on it." });
    const answered = await ticketRow(id);
    expect(answered.firstResponseDueAt).toBeNull();
    expect(at(answered.escalationAt)).toBe(at(before.solutionDueAt));
    expect(answered.slaTimers.some((x) => x.key.startsWith("firstResponse"))).toBe(false);
  });

  it("a customer's article after the answer starts the update deadline from its time", async () => {
    const { agent, customer, id } = await desk({ updateMinutes: 30 });
    await callerFor(agent).article.reply({ ticketId: id, body: "Answer." });
    setClockOffset(minutes(10));
    await callerFor(customer).article.reply({ ticketId: id, body: "Still broken." });
    const t = await ticketRow(id);
    expect(t.updateDueAt).not.toBeNull();
    // Thirty minutes after the customer wrote (the desk clock is ten minutes on).
    expect(Math.abs(t.updateDueAt!.getTime() - (Date.now() + minutes(40)))).toBeLessThan(minutes(1));
    expect(at(t.escalationAt)).toBe(at(t.updateDueAt));
  });

  it("a pending state pauses the clock when the SLA says so; reopening moves the deadlines by the paused time", async () => {
    const { agent, id } = await desk({ pauseWhenPending: true });
    const before = await ticketRow(id);
    const pending = await stateNamed("pending reminder");
    await callerFor(agent).ticket.setState({ ticketId: id, version: before.version, stateId: pending.id, pendingUntil: new Date(Date.now() + minutes(600)) });
    const paused = await ticketRow(id);
    expect(paused).toMatchObject({ slaPaused: true, escalationAt: null, firstResponseDueAt: null, slaTimerAt: null });

    setClockOffset(minutes(30));
    await callerFor(agent).ticket.setState({ ticketId: id, version: paused.version, stateId: (await stateNamed("open")).id });
    const resumed = await ticketRow(id);
    expect(resumed.slaPaused).toBe(false);
    // Thirty minutes paused (within a second or so of test time).
    expect(Math.abs(resumed.firstResponseDueAt!.getTime() - plus(before.firstResponseDueAt!, 30))).toBeLessThan(5_000);
    expect(Math.abs(resumed.solutionDueAt!.getTime() - plus(before.solutionDueAt!, 30))).toBeLessThan(5_000);
  });

  it("a pending state does not pause an SLA that counts through it", async () => {
    const { agent, id } = await desk({ pauseWhenPending: false });
    const before = await ticketRow(id);
    const pending = await stateNamed("pending reminder");
    await callerFor(agent).ticket.setState({ ticketId: id, version: before.version, stateId: pending.id, pendingUntil: new Date(Date.now() + minutes(600)) });
    const t = await ticketRow(id);
    expect(t.slaPaused).toBe(false);
    expect(at(t.escalationAt)).toBe(at(before.escalationAt));
  });

  it("closing clears the deadlines", async () => {
    const { agent, id } = await desk();
    await callerFor(agent).ticket.close({ ticketId: id });
    expect(await ticketRow(id)).toMatchObject({ escalationAt: null, solutionDueAt: null, slaTimerAt: null, slaTimers: [] });
  });

  it("a move to a queue with another SLA switches SLA and deadlines", async () => {
    const { agent, id } = await desk();
    const other = await createSla({ firstResponseMinutes: 15 });
    const target = await createQueue({ slaId: other.id, groupId: (await db.select().from(s.queues).where(eq(s.queues.id, (await ticketRow(id)).queueId)))[0]!.groupId });
    await callerFor(agent).ticket.move({ ticketId: id, version: (await ticketRow(id)).version, queueId: target.id });
    const t = await ticketRow(id);
    expect(t.slaId).toBe(other.id);
    expect(at(t.firstResponseDueAt)).toBe(plus(t.createdAt, 15));
  });

  it("the service's SLA wins over the company's and the queue's; the company's over the queue's", async () => {
    const { agent, id } = await desk();
    const service = await createService();
    const bySvc = await createSla({ firstResponseMinutes: 5 }, [service.id]);
    const company = await createCompany({ slaId: (await createSla({ firstResponseMinutes: 25 })).id });

    const ticket = await ticketRow(id);
    const withCompany = await db.transaction(async (tx) => {
      const [row] = await tx.select().from(s.tickets).where(eq(s.tickets.id, id)).for("update");
      return commitChange(tx, { id: agent.id }, row!, { customerCompanyId: company.id }, []);
    });
    expect(withCompany.slaId).toBe(company.slaId);
    expect(at(withCompany.firstResponseDueAt)).toBe(plus(ticket.createdAt, 25));

    await callerFor(agent).ticket.setClassification({ ticketId: id, version: withCompany.version, serviceId: service.id });
    const t = await ticketRow(id);
    expect(t.slaId).toBe(bySvc.id);
    expect(at(t.firstResponseDueAt)).toBe(plus(ticket.createdAt, 5));
  });

  it("a priority change keeps the deadlines (the SLA does not depend on it)", async () => {
    const { agent, id } = await desk();
    const before = await ticketRow(id);
    await callerFor(agent).ticket.setPriority({ ticketId: id, version: before.version, priorityId: (await priorityAt(5)).id });
    const t = await ticketRow(id);
    expect(t.version).toBe(before.version + 1);
    expect(at(t.escalationAt)).toBe(at(before.escalationAt));
    expect(t.slaTimers).toEqual(before.slaTimers);
  });

  it("an SLA edit (through the admin screen) queues a recompute that moves its open tickets' deadlines", async () => {
    const { sla, id } = await desk();
    const admin = await createAgent({ admin: true });
    await callerFor(admin).adminSla.slaUpdate({ id: sla.id, name: sla.name, firstResponseMinutes: 90, updateMinutes: 120, solutionMinutes: 480, warnPercent: 80, pauseWhenPending: true, serviceIds: [] });
    const [job] = await db.execute<{ data: { slaId: number } }>(sql`select data from pgboss.job where name = 'sla.recompute' order by created_on desc limit 1`);
    expect(job?.data.slaId).toBe(sla.id);
    expect((await recomputeGoverned(db, job!.data)).tickets).toBeGreaterThanOrEqual(1);
    const t = await ticketRow(id);
    expect(at(t.firstResponseDueAt)).toBe(plus(t.createdAt, 90));
  });

  it("a calendar edit moves the deadlines of tickets whose SLA counts in it", async () => {
    const calendar = await createCalendar("UTC", [["00:00", "24:00"]], true);
    const { id } = await desk({ calendarId: calendar.id });
    const before = await ticketRow(id);
    // Every day round the clock: the deadline is an hour on.
    expect(at(before.firstResponseDueAt)).toBe(plus(before.createdAt, 60));
    const all: [string, string][] = [["00:00", "24:00"]];
    await db.update(s.calendars).set({ workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], [dayName(before.createdAt)]: [["00:00", "00:30"]], [dayName(new Date(before.createdAt.getTime() + 86_400_000))]: all } }).where(eq(s.calendars.id, calendar.id));
    await recomputeGoverned(db, { calendarId: calendar.id });
    const t = await ticketRow(id);
    expect(t.firstResponseDueAt!.getTime()).toBeGreaterThan(before.firstResponseDueAt!.getTime());
  });

  it("the queue's calendar counts when the SLA has none", async () => {
    // Working hours only on a day that is not today: the deadline lies on that day.
    const calendar = await createCalendar("UTC", []);
    const other = dayName(new Date(Date.now() + 2 * 86_400_000));
    await db.update(s.calendars).set({ workingHours: { [other]: [["10:00", "12:00"]] } }).where(eq(s.calendars.id, calendar.id));
    const sla = await createSla({ firstResponseMinutes: 60 });
    const queue = await createQueue({ slaId: sla.id, calendarId: calendar.id });
    const { id } = await createTicket({ customer: await createCustomer(), queue });
    const t = await ticketRow(id);
    expect(dayName(t.firstResponseDueAt!)).toBe(other);
    expect(t.firstResponseDueAt!.getUTCHours()).toBe(11);
  });
});

function dayName(d: Date) {
  return ["sun", "mon", "tue", "wed", "thu", "fri", "sat"][d.getUTCDay()]!;
}

describe("what agents and customers see of the SLA", () => {
  it("the zoom shows the SLA's name, each deadline and the working time left; the customer sees nothing of it by default", async () => {
    const { sla, agent, customer, id } = await desk();
    const asAgent = await callerFor(agent).ticket.get({ ticketId: id });
    expect(asAgent.sla.agent).toMatchObject({ name: sla.name, paused: false });
    expect(asAgent.sla.agent!.deadlines.map((d) => d.kind)).toEqual(["firstResponse", "solution"]);
    expect(asAgent.sla.agent!.deadlines[0]!.workingMinutesLeft).toBeGreaterThan(58);
    expect(asAgent.sla.agent!.deadlines[0]!.workingMinutesLeft).toBeLessThanOrEqual(60);

    const asCustomer = await callerFor(customer).ticket.get({ ticketId: id });
    expect(asCustomer.sla).toEqual({ agent: null, customer: null });
    expect(asCustomer.ticket.escalationAt).toBeNull();
  });

  it("with 'show the expected answer time' on, the customer sees when the first response is due", async () => {
    const { customer, id } = await desk();
    await db.insert(s.settings).values({ key: "portal.show_expected_answer_time", value: true }).onConflictDoUpdate({ target: s.settings.key, set: { value: true } });
    const { invalidateConfig } = await import("@/server/services/config-cache");
    invalidateConfig();
    try {
      const t = await ticketRow(id);
      const asCustomer = await callerFor(customer).ticket.get({ ticketId: id });
      expect(asCustomer.sla.customer?.expectedAnswerAt.getTime()).toBe(t.firstResponseDueAt!.getTime());
    } finally {
      await db.delete(s.settings).where(eq(s.settings.key, "portal.show_expected_answer_time"));
      invalidateConfig();
    }
  });

  it("ticket lists filter escalated and escalating-soon tickets and sort by escalation", async () => {
    const { queue, agent, customer, id: later } = await desk({ firstResponseMinutes: 300 });
    const { id: sooner } = await createTicket({ customer, queue });
    await db.update(s.tickets).set({ escalationAt: new Date(Date.now() + minutes(30)) }).where(eq(s.tickets.id, sooner));
    const { id: past } = await createTicket({ customer, queue });
    await db.update(s.tickets).set({ escalationAt: new Date(Date.now() - minutes(5)) }).where(eq(s.tickets.id, past));
    const list = (input: object) => callerFor(agent).ticket.list({ queueIds: [queue.id], ...input }).then((r) => r.items.map((x) => x.id));
    expect(await list({ escalation: "escalated" })).toEqual([past]);
    expect(await list({ escalation: "soon", escalationWithinMinutes: 60 })).toEqual([sooner]);
    expect(await list({ sort: "escalation", direction: "asc" })).toEqual([past, sooner, later]);
  });
});

describe("calendar edits through the admin screen", () => {
  it("saving a calendar queues the recompute of the tickets that count in it", async () => {
    const calendar = await createCalendar("UTC", [["00:00", "24:00"]], true);
    const admin = await createAgent({ admin: true });
    const all: [string, string][] = [["00:00", "24:00"]];
    await callerFor(admin).adminConfig.calendarUpdate({ id: calendar.id, name: calendar.name, timeZone: "UTC", workingHours: { mon: all, tue: all, wed: all, thu: all, fri: all, sat: [], sun: [] }, holidays: [] });
    const [job] = await db.execute<{ data: { calendarId: number } }>(sql`select data from pgboss.job where name = 'sla.recompute' order by created_on desc limit 1`);
    expect(job?.data.calendarId).toBe(calendar.id);
  });
});
