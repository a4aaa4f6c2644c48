import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { ticketDuplicates, tickets } from "@/db/schema";
import { ingestMail } from "@/server/mail/postmaster";
import { draftWords, similarOpenTickets, wordsOf } from "@/server/services/duplicates/similar";
import { setSetting } from "@/server/services/settings";
import { callerFor } from "../helpers/caller";
import { buildMail } from "../helpers/mail";
import { createAgent, createCustomer, createQueue, stateNamed, ticketRow } from "../factories";

const FIRST = {
  title: "Printer on the third floor does not print",
  body: "Hello, the printer on the third floor stopped printing this morning. It shows error E-45 on its display. Could you please have a look? Regards, Anna",
};
const REWORDED = {
  title: "3rd floor printer still not printing",
  body: "Hi, our printer upstairs on floor three is not printing anything at all, the display says error E-45. Please help. Anna",
};
const UNRELATED = {
  title: "Password reset for the VPN",
  body: "Hello, I forgot my VPN password and cannot log in from home any more. Could you please reset it? Regards, Anna",
};

async function desk() {
  const queue = await createQueue();
  const customer = await createCustomer();
  const agent = await createAgent({ queues: [queue] });
  const open = (t: { title: string; body: string }, who = customer) => callerFor(who).ticket.create({ channel: "web", queueId: queue.id, ...t });
  const suggestions = async (ticketId: number) => (await callerFor(agent).duplicate.suggestions({ ticketId })).items.map((s) => s.id);
  return { queue, customer, agent, open, suggestions };
}

describe("duplicate requests at intake", () => {
  it("scores a reworded repeat above the threshold and an unrelated request of the same customer below it", async () => {
    const d = await desk();
    const first = await d.open(FIRST);
    const other = await d.open(UNRELATED);
    const scores = await similarOpenTickets(db, { customerUserId: d.customer.id, ...REWORDED }, 0);
    const of = (id: number) => scores.find((s) => s.id === id)?.score ?? 0;
    expect(of(first.id)).toBeGreaterThanOrEqual(0.3);
    expect(of(other.id)).toBeLessThan(0.2);
  });

  it("a reworded repeat is suggested as a duplicate of the customer's open ticket, shown to the agent", async () => {
    const d = await desk();
    const first = await d.open(FIRST);
    await d.open(UNRELATED);
    const repeat = await d.open(REWORDED);
    expect(await d.suggestions(repeat.id)).toEqual([first.id]);
    const [item] = (await callerFor(d.agent).duplicate.suggestions({ ticketId: repeat.id })).items;
    expect(item).toMatchObject({ id: first.id, number: first.number, title: FIRST.title });
  });

  it("a repeat taken by phone (an agent records it for the customer) is checked too", async () => {
    const d = await desk();
    const first = await d.open(FIRST);
    const phone = await callerFor(d.agent).ticket.create({ channel: "phone", queueId: d.queue.id, customerEmail: d.customer.email, ...REWORDED });
    expect(await d.suggestions(phone.id)).toEqual([first.id]);
  });

  it("a repeat sent by e-mail (the postmaster) is checked too", async () => {
    const address = `mail-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@customer.example`;
    const first = await ingestMail(db, buildMail({ from: `Anna <${address}>`, subject: FIRST.title, text: FIRST.body }), { source: "pipe" });
    const again = await ingestMail(db, buildMail({ from: `Anna <${address}>`, subject: REWORDED.title, text: REWORDED.body }), { source: "pipe" });
    expect([first.outcome, again.outcome]).toEqual(["created", "created"]);
    const [original] = await db.select().from(tickets).where(eq(tickets.number, first.ticketNumber!));
    const [repeat] = await db.select().from(tickets).where(eq(tickets.number, again.ticketNumber!));
    const rows = await db.select().from(ticketDuplicates).where(eq(ticketDuplicates.ticketId, repeat!.id));
    expect(rows.map((r) => r.originalId)).toEqual([original!.id]);
  });

  it("ignores another customer's ticket and the customer's closed tickets", async () => {
    const d = await desk();
    const stranger = await createCustomer();
    await d.open(FIRST, stranger);
    const closed = await d.open(FIRST);
    const closedState = await stateNamed("closed successful");
    await callerFor(d.agent).ticket.setState({ ticketId: closed.id, version: (await ticketRow(closed.id)).version, stateId: closedState.id });
    const repeat = await d.open(REWORDED);
    expect(await d.suggestions(repeat.id)).toEqual([]);
    expect(await db.select().from(ticketDuplicates).where(eq(ticketDuplicates.ticketId, repeat.id))).toEqual([]);
  });

  it("the agent's ticket list marks the possible duplicate with the original's number; customers never see the mark", async () => {
    const d = await desk();
    const first = await d.open(FIRST);
    const repeat = await d.open(REWORDED);
    const rows = (await callerFor(d.agent).ticket.list({ queueIds: [d.queue.id], limit: 10 })).items;
    expect(rows.find((r) => r.id === repeat.id)?.possibleDuplicateOf).toBe(first.number);
    expect(rows.find((r) => r.id === first.id)?.possibleDuplicateOf).toBeNull();
    const own = (await callerFor(d.customer).ticket.list({ limit: 10 })).items;
    expect(own.find((r) => r.id === repeat.id)?.possibleDuplicateOf).toBeNull();
    await callerFor(d.agent).duplicate.dismiss({ ticketId: repeat.id, originalId: first.id });
    const after = (await callerFor(d.agent).ticket.list({ queueIds: [d.queue.id], limit: 10 })).items;
    expect(after.find((r) => r.id === repeat.id)?.possibleDuplicateOf).toBeNull();
  });

  it('"not a duplicate" stays dismissed: never suggested again for that pair, other pairs still are', async () => {
    const d = await desk();
    const first = await d.open(FIRST);
    const repeat = await d.open(REWORDED);
    await callerFor(d.agent).duplicate.dismiss({ ticketId: repeat.id, originalId: first.id });
    expect(await d.suggestions(repeat.id)).toEqual([]);
    const third = await d.open({ ...REWORDED, title: "Third floor printer is not printing" });
    expect((await d.suggestions(third.id)).sort()).toEqual([first.id, repeat.id].sort());
    expect(await d.suggestions(repeat.id)).toEqual([]);
    const [row] = await db.select().from(ticketDuplicates).where(eq(ticketDuplicates.ticketId, repeat.id));
    expect(row).toMatchObject({ originalId: first.id, dismissedBy: d.agent.id });
    await expect(callerFor(d.agent).duplicate.dismiss({ ticketId: repeat.id, originalId: first.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("merging the duplicate from the suggestion moves it into the original, and the suggestion is gone", async () => {
    const d = await desk();
    const first = await d.open(FIRST);
    const repeat = await d.open(REWORDED);
    const [suggested] = await d.suggestions(repeat.id);
    await callerFor(d.agent).ticket.merge({ ticketId: repeat.id, version: (await ticketRow(repeat.id)).version, targetTicketId: suggested! });
    expect(await d.suggestions(repeat.id)).toEqual([]);
    const zoom = await callerFor(d.agent).ticket.get({ ticketId: first.id });
    expect(zoom.articles.map((a) => a.bodyText)).toEqual([FIRST.body, REWORDED.body]);
  });

  it("the portal warns the customer of a similar open request of their own only, and the threshold comes from the settings", async () => {
    const d = await desk();
    const first = await d.open(FIRST);
    const similar = (who = d.customer) => callerFor(who).duplicate.similarOpen(REWORDED);
    expect((await similar()).items).toEqual([{ id: first.id, number: first.number, title: FIRST.title }]);
    expect((await similar(await createCustomer())).items).toEqual([]);
    await setSetting(db, "tickets.duplicate_threshold_percent", 0);
    try {
      expect((await similar()).items).toEqual([]);
      const repeat = await d.open(REWORDED);
      expect(await d.suggestions(repeat.id)).toEqual([]);
    } finally {
      await setSetting(db, "tickets.duplicate_threshold_percent", 30);
    }
  });
});

describe("the duplicate check's draft words", () => {
  it("folding title and body apart and joining them gives the words of the folded whole, for text that folds in every way", async () => {
    const titles = ["Drukarka nie działa", "Straße ﬁle ＡＢＣ", "ΣΊΣΥΦΟΣ ΟΔΟΣ", "درخواست\u200cپشتیبانی ٱلكتاب ١٢٣", "İstanbul DİKKAT", "e\u0301te\u0301 Ǆungla", "", "Final Σ", "ﬀ ﬃ ㎏ ½"];
    const bodies = ["\u0301\u0308 accents first", "Grüße aus Köln, ÆØÅ", "σοφός ΟΔΟΣ.", "سلام\u0640\u064Bكمك", "", "x".repeat(40), "\u200c\u200cleading joiners", "Ǳ ǲ ǳ ℌ ℍ", "ı İ i̇"];
    const pairs = titles.flatMap((t) => bodies.map((b) => [t, b] as const));
    for (const [title, body] of pairs) {
      const [row] = await db.execute<{ same: boolean; old: string[]; now: string[] }>(sql`
        select ${wordsOf(sql`${title} || ' ' || ${body}`)} = ${draftWords(sql`helpdesk_fold(${title})`, sql`helpdesk_fold(${body})`)} as same,
          ${wordsOf(sql`${title} || ' ' || ${body}`)} as old, ${draftWords(sql`helpdesk_fold(${title})`, sql`helpdesk_fold(${body})`)} as now`);
      expect(row, JSON.stringify({ title, body })).toMatchObject({ same: true });
    }
  });
});
