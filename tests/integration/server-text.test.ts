import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import * as s from "@/db/schema";
import { notifyCustomer } from "@/jobs/definitions/notify-customer";
import { notifyCustomerHandler } from "@/jobs/handlers/notify-customer";
import en from "@/server/i18n/messages/en.json";
import { registerCatalog, translate, unregisterCatalog } from "@/server/i18n/translate";
import type { AppError } from "@/server/errors";
import { acceptUpload } from "@/server/services/uploads";
import { approveCustomer } from "@/server/services/users/approval";
import { requestSignInLink } from "@/server/services/users/sign-in-link";
import { setSetting } from "@/server/services/settings";
import { toTRPCError } from "@/server/trpc/errors";
import { callerFor } from "../helpers/caller";
import { httpError } from "../helpers/http-caller";
import { actorOf, createAgent, createCustomer, createQueue, createTicket, ticketRow } from "../factories";

/**
 * A stub second language: every English text wrapped in ⟦…⟧. A server text that reaches a reader
 * of this language unwrapped did not go through the catalog.
 */
const STUB = "x-stub";
const wrapped = /^⟦[\s\S]*⟧$/;

function pseudo(node: unknown): unknown {
  if (typeof node === "string") return `⟦${node}⟧`;
  return Object.fromEntries(Object.entries(node as Record<string, unknown>).map(([k, v]) => [k, pseudo(v)]));
}

beforeAll(() => registerCatalog(STUB, pseudo(en) as Record<string, unknown>));
afterAll(() => unregisterCatalog(STUB));
afterEach(() => setSetting(db, "system.default_language", "en"));

async function refusal(call: () => Promise<unknown>): Promise<Error & { code?: string }> {
  const error = await call().then(
    () => null,
    (e: unknown) => e as Error & { code?: string },
  );
  expect(error).not.toBeNull();
  return error!;
}

describe("every server text goes through the catalog", () => {
  it("procedure errors come back in the caller's language, through createCaller and the HTTP formatter", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue], values: { language: STUB } });
    const customer = await createCustomer({ language: STUB });
    const { id } = await createTicket({ customer, queue });

    // NOT_FOUND: a ticket that does not exist.
    const missing = await refusal(() => callerFor(agent).ticket.get({ ticketId: 2_000_000_000 }));
    expect(missing).toMatchObject({ code: "NOT_FOUND", message: "⟦Ticket not found⟧" });
    // FORBIDDEN: a customer on an agent procedure.
    expect(await refusal(() => callerFor(customer).ticket.history({ ticketId: id }))).toMatchObject({ code: "FORBIDDEN", message: "⟦This is for agents.⟧" });
    // CONFLICT: a stale version.
    const version = (await ticketRow(id)).version;
    const stale = await refusal(() => callerFor(agent).ticket.close({ ticketId: id, version: version + 5 }));
    expect(stale).toMatchObject({ code: "CONFLICT" });
    expect(stale.message).toBe(`⟦${en.errors.staleTicket}⟧`);
    // BAD_REQUEST from a service, and from input validation.
    expect(await refusal(() => callerFor(agent).ticket.merge({ ticketId: id, targetTicketId: id, version }))).toMatchObject({ code: "BAD_REQUEST", message: "⟦A ticket cannot be merged into itself⟧" });
    expect((await refusal(() => callerFor(agent).ticket.get({ ticketId: "nope" as unknown as number }))).message).toMatch(wrapped);

    // The same through /api/trpc's formatter, with the key for clients that must recognise an error.
    const overHttp = await httpError(actorOf(agent), "ticket.close", { ticketId: id, version: version + 5 }, "mutation");
    expect(overHttp).toMatchObject({ message: `⟦${en.errors.staleTicket}⟧`, data: { code: "CONFLICT", key: "errors.staleTicket" } });
    const invalid = await httpError(actorOf(agent), "ticket.setPriority", { ticketId: id, version, priorityId: -1 }, "mutation");
    expect(invalid).toMatchObject({ message: "⟦Please check the highlighted fields.⟧", data: { code: "BAD_REQUEST" } });
    expect(await httpError(actorOf(customer), "ticket.history", { ticketId: id })).toMatchObject({ message: "⟦This is for agents.⟧", data: { httpStatus: 403 } });

    // An English reader on the same calls still reads English.
    const english = await createAgent({ queues: [queue] });
    expect(await refusal(() => callerFor(english).ticket.get({ ticketId: 2_000_000_000 }))).toMatchObject({ message: "Ticket not found" });
  });

  it("an anonymous caller reads the desk's default language; an unexpected error hides its text in the caller's language", async () => {
    await setSetting(db, "system.default_language", STUB);
    expect(await refusal(() => callerFor(null).ticket.list({}))).toMatchObject({ code: "UNAUTHORIZED", message: "⟦Please sign in.⟧" });
    expect(await httpError(null, "ticket.list", {})).toMatchObject({ message: "⟦Please sign in.⟧", data: { httpStatus: 401 } });

    const internal = toTRPCError(new Error("connection to 10.0.0.5 refused"), STUB);
    expect(internal).toMatchObject({ code: "INTERNAL_SERVER_ERROR", message: `⟦${en.errors.internal}⟧` });
  });

  it("account mails are written in the recipient's language", async () => {
    const customer = await createCustomer({ language: STUB, approved: false });
    expect(await requestSignInLink(db, customer.email, "203.0.113.9")).toBe("sent");
    const admin = await createAgent({ admin: true });
    await approveCustomer(db, admin.id, customer.id);

    const mails = await db.select().from(s.outbox).where(eq(s.outbox.toAddresses, customer.email.toLowerCase())).orderBy(s.outbox.id);
    expect(mails.map((m) => m.subject)).toEqual(["⟦Your sign-in link⟧", "⟦Your account has been approved⟧"]);
    for (const mail of mails) expect(mail.bodyText).toMatch(wrapped);

    // Someone whose language has no catalog gets the desk's default.
    await setSetting(db, "system.default_language", STUB);
    const other = await createCustomer({ language: "sv" });
    await requestSignInLink(db, other.email, "203.0.113.10");
    const [mail] = await db.select().from(s.outbox).where(eq(s.outbox.toAddresses, other.email.toLowerCase()));
    expect(mail?.subject).toBe("⟦Your sign-in link⟧");
  });

  it("a customer notification is written in the customer's language", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const customer = await createCustomer({ language: STUB, name: "Sam Stub" });
    const { id } = await createTicket({ customer, queue, title: "Printer" });
    await callerFor(agent).ticket.close({ ticketId: id, version: (await ticketRow(id)).version });

    const jobs = await db.execute<{ data: unknown }>(sql`select data from pgboss.job where name = ${notifyCustomer.name} and (data->>'ticketId')::bigint = ${id}`);
    expect(jobs.length).toBe(1);
    for (const job of jobs) await notifyCustomerHandler.run(db, notifyCustomer.payload.parse(job.data));

    const [mail] = await db.select().from(s.outbox).where(and(eq(s.outbox.toAddresses, customer.email.toLowerCase()), eq(s.outbox.kind, "notification")));
    expect(mail?.subject).toMatch(/^\[Ticket#\d+\] ⟦Closed: Printer⟧$/);
    expect(mail?.bodyText).toMatch(wrapped);
    expect(mail?.bodyText).toContain("Sam Stub");
  });

  it("an upload refusal tells the uploader why in their language, down to the kind of file", async () => {
    const customer = await createCustomer({ language: STUB });
    const script = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    const refused = await refusal(() => acceptUpload(db, actorOf(customer), { filename: "photo.png", bytes: script, declaredType: "image/png" }));
    const text = (refused as AppError).in(STUB);
    expect(text).toMatch(wrapped);
    expect(text).toContain("⟦a web page or script (HTML, SVG or XML)⟧");
    expect(text).toContain("⟦a PNG image⟧");
  });

  it("falls back to English for a key the language lacks, and for a language without a catalog", () => {
    registerCatalog("x-empty", {});
    try {
      expect(translate("x-empty", "errors.notFoundTicket")).toBe("Ticket not found");
      expect(translate("tlh", "errors.recordInUse", { what: "Queue", uses: "2 tickets" })).toBe("Queue is in use (2 tickets) — disable it instead.");
      expect(translate(STUB, "errors.roleInUse", { count: 1 })).toBe(`⟦${translate("en", "errors.roleInUse", { count: 1 })}⟧`);
    } finally {
      unregisterCatalog("x-empty");
    }
  });
});
