import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { outbox, tickets } from "@/db/schema";
import { AppError } from "@/server/errors";
import { queueMail } from "@/server/mail/transport";
import { callerFor } from "../helpers/caller";
import { httpError } from "../helpers/http-caller";
import { actorOf, createAgent, createCustomer, createQueue, createTicket } from "../factories";

const HOSTILE_TITLE = "Invoice question\r\nBcc: everyone@evil.example\r\n\r\nfake body";

async function scene() {
  const queue = await createQueue();
  const agent = await createAgent({ queues: [queue] });
  const customer = await createCustomer();
  return { queue, agent, customer };
}

const outboxFor = (ticketId: number) => db.select({ subject: outbox.subject, headers: outbox.headers }).from(outbox).where(eq(outbox.ticketId, ticketId));

describe("CR/LF never reaches an outgoing header", () => {
  it("a ticket title with CR/LF is stored on one line (portal, agent, split)", async () => {
    const { queue, customer } = await scene();
    const ticket = (await callerFor(customer).ticket.create({ channel: "web", queueId: queue.id, title: HOSTILE_TITLE, body: "Hello" })) as { id: number };
    const [row] = await db.select({ title: tickets.title }).from(tickets).where(eq(tickets.id, ticket.id));
    expect(row?.title).toBe("Invoice question Bcc: everyone@evil.example fake body");
  });

  it("a title that already holds CR/LF (an old row, a mail subject) becomes a one-line reply subject", async () => {
    const { queue, agent, customer } = await scene();
    const ticket = await createTicket({ customer, queue });
    await db.update(tickets).set({ title: HOSTILE_TITLE }).where(eq(tickets.id, ticket.id));
    await callerFor(agent).article.reply({ ticketId: ticket.id, body: "Answer." });
    const mails = await outboxFor(ticket.id);
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mails.some((m) => m.subject.includes("Invoice question Bcc: everyone@evil.example"))).toBe(true);
  });

  it("queueMail refuses CR, LF or NUL in any header value and writes nothing", async () => {
    const base = { kind: "notification" as const, from: "Desk <desk@test.example>", to: ["a@test.example"], subject: "Hi", text: "Body", messageId: "<x@test.example>" };
    const hostile = [
      { subject: "Hi\r\nBcc: x@evil.example" },
      { from: "Desk <desk@test.example>\nBcc: x@evil.example" },
      { to: ["a@test.example\r\nBcc: x@evil.example"] },
      { inReplyTo: "<a@b>\r\nX-Injected: 1" },
      { headers: { "X-Custom": "ok\r\nBcc: x@evil.example" } },
      { attachments: [{ sha256: "0".repeat(64), filename: "a\r\n.txt", contentType: "text/plain", size: 1 }] },
      { subject: "Hi\u0000there" },
    ];
    for (const [i, patch] of hostile.entries()) {
      const key = `injection-${crypto.randomUUID()}`;
      const error = await queueMail(db, { ...base, ...patch, idempotencyKey: key }).catch((e: unknown) => e);
      expect(error, `case ${i}`).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "BAD_INPUT", key: "errors.mailHeaderControl" });
      expect(await db.$count(outbox, eq(outbox.idempotencyKey, key))).toBe(0);
    }
  });
});

describe("a NUL byte in any text input is a clear 400", () => {
  it("ticket creation, search, notes and profile answer BAD_REQUEST, not 500", async () => {
    const { queue, agent, customer } = await scene();
    const ticket = await createTicket({ customer, queue });
    const calls: [Parameters<typeof httpError>[0], string, unknown, "query" | "mutation"][] = [
      [actorOf(customer), "ticket.create", { channel: "web", queueId: queue.id, title: "a\u0000b", body: "x" }, "mutation"],
      [actorOf(customer), "ticket.create", { channel: "web", queueId: queue.id, title: "ok", body: "body\u0000" }, "mutation"],
      [actorOf(agent), "search.tickets", { query: "foo\u0000bar" }, "query"],
      [actorOf(agent), "ticket.list", { text: "\u0000" }, "query"],
      [actorOf(agent), "article.note", { ticketId: ticket.id, body: "note\u0000" }, "mutation"],
      [actorOf(customer), "account.updateProfile", { name: "N\u0000", language: "en", timeZone: "UTC", emailNotifications: {} }, "mutation"],
    ];
    for (const [actor, path, input, type] of calls) {
      const error = await httpError(actor, path, input, type);
      expect(error, path).toMatchObject({ data: { code: "BAD_REQUEST", httpStatus: 400, key: "errors.nulInText" } });
      expect(error?.message).toMatch(/NUL/);
    }
    expect(await db.$count(tickets, sql`${tickets.title} = 'a' || chr(65533) || 'b'`)).toBe(0);
  });
});

describe("raw SQL fragments with hostile input", () => {
  const HOSTILE = ["'; drop table tickets; --", "%", "_", "\\", "' or '1'='1", "$1", "!:*&|()<->", '"quoted"', "😀🏳️‍🌈", "a:*", "''", "\\x00", "/*", "-- comment"];

  it("search, list filters, sort and cursors answer rows or a 400, never a 500, and no table is harmed", async () => {
    const { queue, agent, customer } = await scene();
    const ticket = await createTicket({ customer, queue, title: "Printer on fire" });
    const caller = callerFor(agent);
    for (const text of HOSTILE) {
      await expect(caller.search.tickets({ query: text })).resolves.toBeDefined();
      await expect(caller.ticket.list({ text })).resolves.toBeDefined();
      await expect(callerFor(customer).ticket.list({ text })).resolves.toBeDefined();
      for (const cursor of [text, Buffer.from(text).toString("base64url"), Buffer.from(JSON.stringify([text, text])).toString("base64url")]) {
        const error = await httpError(actorOf(agent), "ticket.list", { cursor }, "query");
        if (error) expect(error.data.httpStatus, cursor).toBe(400);
      }
    }
    for (const sort of ["created; drop table tickets", "title desc", "number"]) {
      const error = await httpError(actorOf(agent), "ticket.list", { sort }, "query");
      if (sort !== "number") expect(error?.data.httpStatus).toBe(400);
    }
    for (const stateTypes of [["open"], ["open') or ('1'='1"]]) {
      const error = await httpError(actorOf(agent), "ticket.list", { stateTypes }, "query");
      if (error) expect(error.data.httpStatus).toBe(400);
    }
    const [still] = await db.select({ title: tickets.title }).from(tickets).where(eq(tickets.id, ticket.id));
    expect(still?.title).toBe("Printer on fire");
    // A literal % or _ matches itself, not everything.
    const wild = await caller.ticket.list({ text: "%" });
    expect(wild.items.find((t: { id: number }) => t.id === ticket.id)).toBeUndefined();
  });
});
