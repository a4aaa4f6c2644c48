import { unzipSync } from "fflate";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import en from "@/server/i18n/messages/en.json";
import fa from "@/server/i18n/messages/fa.json";
import { registerCatalog, unregisterCatalog } from "@/server/i18n/translate";
import { ticketPdfFile } from "@/server/services/tickets/pdf";
import { actorOf, createAgent, createCustomer, createQueue, createTicket, ticketRow } from "@/tests/factories";
import { callerFor } from "../helpers/caller";
import { pdfText, pdfTextItems } from "../helpers/pdf-text";
import { insertUpload } from "../helpers/uploads";

// The route handlers read the session cookie (server/auth/session-token.ts); the tests hand the claims in.
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string }; sessionVersion: number } }));
vi.mock("@/server/auth/session-token", () => ({
  sessionClaimsOf: async () => (session.current ? { userId: Number(session.current.user.id), sessionVersion: session.current.sessionVersion } : null),
}));
const single = await import("@/app/api/pdf/tickets/[id]/route");
const bulk = await import("@/app/api/pdf/tickets/route");

/** A stub language: every English text as «…» (glyphs the embedded fonts have), to catch labels that bypass the catalog. */
const STUB = "x-pdf-stub";
const pseudo = (node: unknown): unknown => (typeof node === "string" ? `«${node}»` : Object.fromEntries(Object.entries(node as Record<string, unknown>).map(([k, v]) => [k, pseudo(v)])));

beforeAll(() => {
  registerCatalog("fa", fa);
  registerCatalog(STUB, pseudo(en) as Record<string, unknown>);
});
afterAll(() => {
  unregisterCatalog("fa");
  unregisterCatalog(STUB);
});
afterEach(() => {
  session.current = null;
});

const signIn = (user: { id: number; sessionVersion: number } | null) => {
  session.current = user ? { user: { id: String(user.id) }, sessionVersion: user.sessionVersion } : null;
};
const getOne = (id: number | string, query = "") => single.GET(new Request(`http://desk.test/api/pdf/tickets/${id}${query}`), { params: Promise.resolve({ id: String(id) }) });
const getMany = (query: string) => bulk.GET(new Request(`http://desk.test/api/pdf/tickets?${query}`));
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

const PERSIAN = "سلام، لطفاً فاکتور سفارش شمارهٔ 4711 را برای من بفرستید. با تشکر";
const POLISH = "Zażółć gęślą jaźń — drukarka nie działa w Łodzi";
const GERMAN = "Grüße aus Köln: die Straße ist gesperrt, Größe XL";

async function desk() {
  const queue = await createQueue({ name: `Wsparcie ${Date.now()}` });
  const agent = await createAgent({ queues: [queue], values: { name: "Agnieszka Łęcka" } });
  const customer = await createCustomer({ name: "Jürgen Müller" });
  const upload = await insertUpload(customer.id, { filename: "faktura-łódź.pdf", contentType: "application/pdf", size: 20480 });
  const created = await callerFor(customer).ticket.create({ channel: "web", queueId: queue.id, title: "Drucker kaputt — Zażółć", body: `${POLISH}\n\n${GERMAN}\n\n${PERSIAN}`, uploadIds: [upload.id] });
  const agentCaller = callerFor(agent);
  await agentCaller.article.note({ ticketId: created.id, body: "SECRET internal remark: customer is on the watch list" });
  await agentCaller.article.reply({ ticketId: created.id, body: "Dzień dobry, wysłaliśmy nową drukarkę. Pozdrawiamy" });
  const ticket = await ticketRow(created.id);
  return { queue, agent, customer, ticket };
}

describe("ticket PDF (agent)", () => {
  it("prints the header fields, every article in order with sender, time and visibility, and the attachments", async () => {
    const { agent, ticket } = await desk();
    const file = await ticketPdfFile(db, actorOf(agent), ticket.id, { history: false });
    expect(file.filename).toBe(`ticket-${ticket.number}.pdf`);
    const { flat } = await pdfText(file.bytes);
    expect(flat).toContain(`Ticket #${ticket.number}`);
    expect(flat).toContain("Drucker kaputt — Zażółć");
    for (const label of ["Ticket number", "State", "Priority", "Queue", "Customer", "Owner", "Responsible", "Created", "Last change"]) expect(flat).toContain(label);
    expect(flat).toContain("Jürgen Müller");
    expect(flat).toContain("3 messages");
    // Articles in order: the customer's request, the internal note, the reply.
    const order = [POLISH, GERMAN, "SECRET internal remark", "Dzień dobry, wysłaliśmy nową drukarkę"].map((s) => flat.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(flat).toContain("Internal note");
    expect(flat).toContain("Public");
    expect(flat).toContain("Agnieszka Łęcka");
    expect(flat).toContain("Customer · Web");
    expect(flat).toContain("faktura-łódź.pdf");
    expect(flat).toContain("20 kB");
    expect(flat).not.toContain("Ticket created");
  });

  it("keeps Persian text in logical order, numbers and all, inside a Latin document", async () => {
    const { agent, ticket } = await desk();
    const { flat } = await pdfText((await ticketPdfFile(db, actorOf(agent), ticket.id, { history: false })).bytes);
    for (const words of ["سلام", "فاکتور سفارش", "را برای من بفرستید", "با تشکر", "4711"]) expect(flat).toContain(words);
    expect(flat.indexOf("فاکتور")).toBeLessThan(flat.indexOf("4711"));
    expect(flat.indexOf("4711")).toBeLessThan(flat.indexOf("بفرستید"));
  });

  it("adds the history when asked", async () => {
    const { agent, ticket } = await desk();
    const { flat } = await pdfText((await ticketPdfFile(db, actorOf(agent), ticket.id, { history: true })).bytes);
    expect(flat).toContain("History");
    expect(flat).toContain(`Ticket created #${ticket.number}`);
    expect(flat).toContain("Message added");
  });

  it("lays out right to left, in Persian, for a Persian-speaking agent", async () => {
    const { queue, ticket } = await desk();
    const persianAgent = await createAgent({ queues: [queue], values: { language: "fa" } });
    const bytes = (await ticketPdfFile(db, actorOf(persianAgent), ticket.id, { history: false })).bytes;
    const { flat } = await pdfText(bytes);
    expect(flat).toContain("۳ پیام");
    expect(flat).toContain(ticket.number);
    expect(flat).toContain("فاکتور سفارش");
    const items = await pdfTextItems(bytes);
    // The field labels stand at the right margin; the Latin title starts at its own (left) side.
    const label = items.find((i) => i.str.includes("۳ پیام"))!;
    expect(label.x + label.width).toBeGreaterThan(label.pageWidth - 60);
  });

  it("numbers every page of a long ticket, centred at the foot, and keeps its articles whole and in order", async () => {
    const { agent, ticket } = await desk();
    const long = Array.from({ length: 12 }, (_, i) => `Antwort ${i + 1}: ${GERMAN}\n\n${POLISH}\n\n${PERSIAN}\n\n${"Größe XL ist ausverkauft. ".repeat(12)}`);
    for (const body of long) await callerFor(agent).article.reply({ ticketId: ticket.id, body });
    const bytes = (await ticketPdfFile(db, actorOf(agent), ticket.id, { history: true })).bytes;
    const { flat, pages } = await pdfText(bytes);
    expect(pages).toBeGreaterThan(3);
    for (let page = 1; page <= pages; page++) {
      const items = await pdfTextItems(bytes, page);
      const footer = items.find((i) => i.str === `Page ${page} of ${pages}`);
      expect(footer, `page ${page}`).toBeDefined();
      expect(Math.abs(footer!.x + footer!.width / 2 - footer!.pageWidth / 2)).toBeLessThan(2);
    }
    const at = long.map((_, i) => flat.indexOf(`Antwort ${i + 1}: `));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(flat.indexOf("History")).toBeGreaterThan(at.at(-1)!);
  });

  it("takes every label from the catalog in the reader's language", async () => {
    const { queue, ticket } = await desk();
    const reader = await createAgent({ queues: [queue], values: { language: STUB } });
    const { flat } = await pdfText((await ticketPdfFile(db, actorOf(reader), ticket.id, { history: true })).bytes);
    for (const label of ["Ticket number", "Queue", "Owner", "Internal note", "Public", "Attachments", "History", "Ticket created"]) {
      expect(flat).toContain(`«${label}»`);
      expect(flat.replaceAll(`«${label}»`, "")).not.toMatch(new RegExp(`(^|[^«\\w])${label}\\b`));
    }
    expect(flat).toContain("«3 messages»");
    expect(flat).toMatch(/«Page 1 of \d+»/);
  });
});

describe("ticket PDF (customer, portal)", () => {
  it("shows public articles only: never internal notes, nor the desk's bookkeeping", async () => {
    const { customer, ticket } = await desk();
    signIn(customer);
    const res = await getOne(ticket.id, "?history=1");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toContain(`ticket-${ticket.number}.pdf`);
    const { flat } = await pdfText(await bytesOf(res));
    expect(flat).toContain(ticket.number);
    expect(flat).toContain(POLISH);
    expect(flat).toContain("Dzień dobry, wysłaliśmy nową drukarkę");
    expect(flat).toContain("2 messages");
    expect(flat).not.toContain("SECRET");
    expect(flat).not.toContain("Internal");
    for (const hidden of ["Owner", "Queue", "Responsible", "History", "Ticket created"]) expect(flat).not.toContain(hidden);
  });
});

describe("ticket PDF routes: who may download", () => {
  it("refuses anonymous callers (401), and answers 404 alike for someone else's ticket, an unreadable queue and no ticket at all", async () => {
    const { ticket } = await desk();
    signIn(null);
    expect((await getOne(ticket.id)).status).toBe(401);
    expect((await getMany(`ids=${ticket.id}`)).status).toBe(401);

    const stranger = await createCustomer();
    signIn(stranger);
    const otherCustomers = await getOne(ticket.id);
    const missing = await getOne(999_999_999);
    expect(otherCustomers.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await otherCustomers.text()).toBe(await missing.text());

    const outsider = await createAgent({ queues: [await createQueue()] });
    signIn(outsider);
    expect((await getOne(ticket.id)).status).toBe(404);
    expect((await getOne("abc")).status).toBe(404);
    expect((await getMany(`ids=${ticket.id}`)).status).toBe(404);
  });

  it("customers cannot use the bulk export (403)", async () => {
    const { customer, ticket } = await desk();
    signIn(customer);
    expect((await getMany(`ids=${ticket.id}`)).status).toBe(403);
  });

  it("bulk: one PDF with every ticket, or a ZIP of one PDF each; one unreadable ticket refuses all", async () => {
    const { agent, ticket, queue, customer } = await desk();
    const second = await ticketRow((await createTicket({ customer, queue, title: "Zweites Ticket", body: "Öl läuft aus" })).id);
    signIn(agent);
    const one = await getMany(`ids=${ticket.id},${second.id}&format=pdf`);
    expect(one.status).toBe(200);
    const both = await pdfText(await bytesOf(one));
    expect(both.flat).toContain(`Ticket #${ticket.number}`);
    expect(both.flat).toContain(`Ticket #${second.number}`);
    expect(both.flat).toContain("Öl läuft aus");
    expect(both.flat).toContain(`Page ${both.pages} of ${both.pages}`);

    const zip = await getMany(`ids=${ticket.id},${second.id}&format=zip`);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(await bytesOf(zip));
    expect(Object.keys(files).sort()).toEqual([`ticket-${second.number}.pdf`, `ticket-${ticket.number}.pdf`].sort());
    expect((await pdfText(files[`ticket-${second.number}.pdf`]!)).flat).toContain("Öl läuft aus");

    const elsewhere = await createTicket({ customer, queue: await createQueue(), title: "Hidden" });
    expect((await getMany(`ids=${ticket.id},${elsewhere.id}`)).status).toBe(404);
    expect((await getMany(`ids=${Array.from({ length: 101 }, (_, i) => i + 1).join(",")}`)).status).toBe(400);
    expect((await getMany("ids=")).status).toBe(400);
  });
});
