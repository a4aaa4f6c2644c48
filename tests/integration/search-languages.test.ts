import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { MARK_END, MARK_START } from "@/server/schemas/search";
import { callerFor } from "../helpers/caller";
import { createAgent, createCustomer, createQueue } from "../factories";

/** A queue of its own with a customer and an agent holding rw there, so tests never see each other's tickets. */
async function desk() {
  const queue = await createQueue();
  const customer = await createCustomer();
  const agent = await createAgent({ queues: [queue] });
  const open = (title: string, body = "Nothing special here.") => callerFor(customer).ticket.create({ channel: "web", queueId: queue.id, title, body });
  const search = (query: string) => callerFor(agent).search.tickets({ query });
  return { open, search };
}

const ids = (r: { items: { id: number }[] }) => r.items.map((t) => t.id).sort((a, b) => a - b);

describe("search in each language's shape", () => {
  it("a German word inside a compound is found, in titles and bodies, and the compound is marked", async () => {
    const d = await desk();
    const title = await d.open("Baustelle in der Hauptstraße", "Bitte prüfen.");
    const body = await d.open("Störung", "Die Straßenbahnhaltestelle am Marktplatz ist gesperrt.");
    const other = await d.open("Rechnung", "Die Rechnung stimmt nicht.");
    expect(ids(await d.search("strasse"))).toEqual([title.id, body.id]);
    expect(ids(await d.search("Straße"))).toEqual([title.id, body.id]);
    expect(ids(await d.search("haltestelle"))).toEqual([body.id]);
    expect(ids(await d.search("bahn"))).toEqual([body.id]);
    expect((await d.search("strasse")).items.map((t) => t.id)).not.toContain(other.id);
    const hit = (await d.search("haltestelle")).items[0]!;
    expect(hit.snippet).toContain(`${MARK_START}Straßenbahnhaltestelle${MARK_END}`);
  });

  it("a word inside a compound still has to be in the agent's tickets, and every other word must match too", async () => {
    const d = await desk();
    const t = await d.open("Hauptstraße gesperrt", "Umleitung über den Ring.");
    expect(ids(await d.search("strasse umleitung"))).toEqual([t.id]);
    expect(ids(await d.search("strasse zebrastreifen"))).toEqual([]);
    const stranger = await desk();
    expect(ids(await stranger.search("strasse"))).toEqual([]);
  });

  it("Polish inflected forms of a word find each other", async () => {
    const d = await desk();
    const printer = await d.open("Drukarka nie drukuje", "Od rana nic.");
    const invoices = await d.open("Pytanie", "Wysłałem dwie faktury za zamówienie.");
    const order = await d.open("Reklamacja", "Chodzi o zamówieniem z marca.");
    for (const q of ["drukarki", "drukarkami", "drukarkę", "drukarka"]) expect(ids(await d.search(q)), q).toEqual([printer.id]);
    for (const q of ["faktura", "fakturami", "fakturę"]) expect(ids(await d.search(q)), q).toEqual([invoices.id]);
    expect(ids(await d.search("zamówienie"))).toEqual([invoices.id, order.id]);
    expect(ids(await d.search("zamowieniem"))).toEqual([invoices.id, order.id]);
    const hit = (await d.search("drukarki")).items[0]!;
    expect(hit.snippet).toContain(`${MARK_START}Drukarka${MARK_END}`);
  });

  it("Persian words with a half-space (ZWNJ), a space or nothing between their parts find each other", async () => {
    const d = await desk();
    const zwnj = await d.open("درخواست پیش\u200Cفاکتور", "لطفاً ارسال کنید.");
    const spaced = await d.open("پیش فاکتور جدید", "ممنون.");
    for (const q of ["پیش\u200Cفاکتور", "پیش فاکتور", "پيش فاكتور"]) expect(ids(await d.search(q)), q).toEqual([zwnj.id, spaced.id]);
    const [row] = await db.execute<{ same: boolean }>(sql`select helpdesk_fold('می\u200Cخواهم') = helpdesk_fold('می خواهم') as same`);
    expect(row!.same).toBe(true);
  });

  it("new words become findable inside compounds as soon as their ticket is saved", async () => {
    const d = await desk();
    const word = `${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("")}verkehrsampel`;
    const t = await d.open(`Defekte ${word}`, "Seit heute.");
    const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from search_words where word = ${word}`);
    expect(row!.n).toBe(1);
    expect(ids(await d.search("verkehrsampel"))).toEqual([t.id]);
  });
});
