import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { articles, tickets } from "@/db/schema";
import { MARK_END, MARK_START } from "@/server/schemas/search";
import { fold } from "@/server/services/search/snippet";
import { callerFor } from "../helpers/caller";
import { insertUpload } from "../helpers/uploads";
import { createAgent, createCustomer, createQueue, priorityAt, stateNamed } from "../factories";

/** A queue of its own with a customer and an agent holding rw there, so tests never see each other's tickets. */
async function desk() {
  const queue = await createQueue();
  const customer = await createCustomer();
  const agent = await createAgent({ queues: [queue] });
  const open = (title: string, body = "Nothing special here.") => callerFor(customer).ticket.create({ channel: "web", queueId: queue.id, title, body });
  const search = (query: string, more: Record<string, unknown> = {}) => callerFor(agent).search.tickets({ query, ...more });
  return { queue, customer, agent, open, search };
}

const ids = (r: { items: { id: number }[] }) => r.items.map((t) => t.id);
const word = () => `w${randomUUID().replace(/-/g, "").slice(0, 10)}`;

describe("search: languages and folding", () => {
  it("helpdesk_fold folds accents, ß, ł, Arabic letter variants, harakat, tatweel, ZWNJ and digits like the snippet's fold", async () => {
    const cases = ["Zażółć GĘŚLĄ jaźń", "Straße", "ŁÓDŹ", "علي كتاب مدرسة", "أحمد إيران آب ٱلله مؤسسة سائل", "مـــن كِتَابٌ", "می\u200Cخواهم", "۱۲۳ ٤٥٦", "ﻙ ﬁle"];
    for (const input of cases) {
      const [row] = await db.execute<{ f: string }>(sql`select helpdesk_fold(${input}) as f`);
      expect(row!.f, input).toBe(fold(input));
    }
    const [row] = await db.execute<{ f: string }>(sql`select helpdesk_fold('Straße Łódź يك') as f`);
    expect(row!.f).toBe("strasse lodz یک");
  });

  it("Polish text is found with and without diacritics, and the snippet marks the original word", async () => {
    const d = await desk();
    const t = await d.open("Nie działa drukarka", "Zażółć gęślą jaźń — drukarka nie drukuje.");
    for (const q of ["zazolc", "zażółć", "ZAŻÓŁĆ gesla", "jazn"]) expect(ids(await d.search(q)), q).toEqual([t.id]);
    const [hit] = (await d.search("zazolc")).items;
    expect(hit).toMatchObject({ matchedIn: "article" });
    expect(hit!.snippet).toContain(`${MARK_START}Zażółć${MARK_END}`);
  });

  it("German ß and ss find each other", async () => {
    const d = await desk();
    const a = await d.open("Lieferung in die Hauptstraße", "Bitte liefern.");
    const b = await d.open("Adresse", "Wir wohnen in der Hauptstrasse 5.");
    expect(ids(await d.search("hauptstrasse")).sort()).toEqual([a.id, b.id].sort());
    expect(ids(await d.search("Hauptstraße")).sort()).toEqual([a.id, b.id].sort());
  });

  it("Persian text is found when typed with Arabic letter variants, harakat or a space for the half-space", async () => {
    const d = await desk();
    const t = await d.open("درخواست پیش‌فاکتور", "این یک متن درباره کیبورد است.");
    expect(ids(await d.search("كيبورد"))).toEqual([t.id]); // Arabic kaf and yeh
    expect(ids(await d.search("كِيبورد"))).toEqual([t.id]); // with a kasra
    expect(ids(await d.search("پيش فاكتور"))).toEqual([t.id]);
  });

  it("partial words find their tickets", async () => {
    const d = await desk();
    const t = await d.open("Nie działa drukarka", "Serwer wydruku nie odpowiada.");
    expect(ids(await d.search("drukar"))).toEqual([t.id]);
    expect(ids(await d.search("dzial"))).toEqual([t.id]);
    expect(ids(await d.search("serwer odpow"))).toEqual([t.id]);
    // Only the last word is a prefix (search as you type); earlier words match whole.
    expect(ids(await d.search("serw odpowiada"))).toEqual([]);
  });
});

describe("search: numbers, addresses, attachments", () => {
  it("an exact ticket number puts that ticket first, even among tickets that mention it", async () => {
    const d = await desk();
    const target = await d.open("Printer jam");
    await d.open("Follow-up", `See ticket ${target.number} for details.`);
    const result = await d.search(`Ticket#${target.number}`);
    expect(result.items[0]).toMatchObject({ id: target.id, matchedIn: "number" });
    expect(ids(await d.search(target.number.slice(0, 12)))).toContain(target.id);
  });

  it("an e-mail address finds the customer's tickets and tickets whose articles were sent to it", async () => {
    const d = await desk();
    const own = await d.open("Mine");
    const other = await d.open("Forwarded one");
    const vendor = `vendor-${word()}@elsewhere.example`;
    await callerFor(d.agent).article.forward({ ticketId: other.id, to: [vendor], body: "Can you help?" });
    const byCustomer = await d.search(d.customer.email);
    expect(ids(byCustomer).sort()).toEqual([own.id, other.id].sort());
    expect(byCustomer.items.every((i) => i.matchedIn === "email")).toBe(true);
    expect(ids(await d.search(vendor))).toEqual([other.id]);
  });

  it("attachment names are found, and the match is reported as an attachment", async () => {
    const d = await desk();
    const name = word();
    const upload = await insertUpload(d.customer.id, { filename: `${name}_scan.pdf`, contentType: "application/pdf" });
    const t = await callerFor(d.customer).ticket.create({ channel: "web", queueId: d.queue.id, title: "See attached", body: "Attached.", uploadIds: [upload.id] });
    for (const q of [name, `${name}_scan.pdf`]) {
      const result = await d.search(q);
      expect(ids(result), q).toEqual([t.id]);
      expect(result.items[0]!.matchedIn).toBe("attachment");
      expect(result.items[0]!.snippet).toContain(MARK_START);
    }
  });
});

describe("search: index kept in the write transaction", () => {
  it("a new ticket and a new internal note are findable at once", async () => {
    const d = await desk();
    const w1 = word();
    const t = await d.open(`Fresh ${w1}`);
    expect(ids(await d.search(w1))).toEqual([t.id]);
    const w2 = word();
    await callerFor(d.agent).article.note({ ticketId: t.id, body: `internal remark ${w2}` });
    expect(ids(await d.search(w2))).toEqual([t.id]);
  });

  it("vectors are written by the same statement that writes the row, and follow a customer's new address", async () => {
    const d = await desk();
    const t = await d.open("Vector check", "kaffeemaschine");
    await db.transaction(async (tx) => {
      const [row] = await tx.select({ v: sql<string>`search_vector::text` }).from(articles).where(eq(articles.ticketId, t.id));
      expect(row!.v).toContain("kaffeemaschine");
    });
    const renamed = `renamed-${word()}@test.example`;
    await db.execute(sql`update users set email = ${renamed} where id = ${d.customer.id}`);
    expect(ids(await d.search(renamed))).toEqual([t.id]);
  });
});

describe("search: filters, archive, ranking, paging", () => {
  it("applies queue, state, priority and date filters, and leaves the archive out unless asked", async () => {
    const d = await desk();
    const w = word();
    const a = await d.open(`Alpha ${w}`);
    const b = await d.open(`Beta ${w}`);
    const high = await priorityAt(5);
    const closed = await stateNamed("closed successful");
    const lastYear = new Date(Date.now() - 400 * 24 * 3600 * 1000);
    await db.update(tickets).set({ priorityId: high.id, stateId: closed.id, stateType: "closed", createdAt: lastYear, changedAt: lastYear }).where(eq(tickets.id, b.id));
    expect(ids(await d.search(w)).sort()).toEqual([a.id, b.id].sort());
    expect(ids(await d.search(w, { priorityIds: [high.id] }))).toEqual([b.id]);
    expect(ids(await d.search(w, { stateTypes: ["new", "open"] }))).toEqual([a.id]);
    expect(ids(await d.search(w, { createdTo: new Date(Date.now() - 300 * 24 * 3600 * 1000) }))).toEqual([b.id]);
    expect(ids(await d.search(w, { changedFrom: new Date(Date.now() - 3600 * 1000) }))).toEqual([a.id]);
    expect(ids(await d.search(w, { queueIds: [(await createQueue()).id] }))).toEqual([]);
    await db.update(tickets).set({ archived: true }).where(eq(tickets.id, b.id));
    expect(ids(await d.search(w))).toEqual([a.id]);
    expect(ids(await d.search(w, { includeArchived: true })).sort()).toEqual([a.id, b.id].sort());
  });

  it("ranks a title match above a body mention, ties newest first, and pages without repeats", async () => {
    const d = await desk();
    const w = word();
    const inBody = await d.open("Something", `mentions ${w} once`);
    const inTitle = await d.open(`About ${w}`);
    const newerBody = await d.open("Something else", `mentions ${w} too`);
    const ranked = await d.search(w);
    expect(ids(ranked)).toEqual([inTitle.id, newerBody.id, inBody.id]);
    expect(ranked.items.map((i) => i.matchedIn)).toEqual(["title", "article", "article"]);
    const first = await d.search(w, { limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    expect(first.approximate).toBe(false);
    const second = await d.search(w, { limit: 2, cursor: first.nextCursor });
    expect(ids(second)).toEqual([inBody.id]);
    expect(second.nextCursor).toBeNull();
  });
});

describe("search: who may search what", () => {
  it("an agent without ro on a queue never finds its tickets; customers are refused", async () => {
    const d = await desk();
    const w = word();
    const t = await d.open(`Secret ${w}`, `body ${w}`);
    const outsider = await createAgent({ queues: [await createQueue()] });
    const noteOnly = await createAgent({ queues: [d.queue], permissions: ["note"] });
    expect(ids(await callerFor(outsider).search.tickets({ query: w }))).toEqual([]);
    expect(ids(await callerFor(noteOnly).search.tickets({ query: t.number }))).toEqual([]);
    expect(ids(await callerFor(d.agent).search.tickets({ query: w }))).toEqual([t.id]);
    await expect(callerFor(d.customer).search.tickets({ query: w })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(null).search.tickets({ query: w })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("refuses empty queries and queries of punctuation only find nothing", async () => {
    const d = await desk();
    await expect(d.search("   ")).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await d.search("?!")).toEqual({ items: [], nextCursor: null, approximate: false });
  });
});
