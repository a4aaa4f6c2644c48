import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { articles, outbox, users } from "@/db/schema";
import { callerFor } from "../helpers/caller";
import { tableCounts } from "../helpers/db-state";
import { settle } from "../helpers/refusals";
import { createAgent, createQueue, ticketRow } from "../factories";

async function agentWithQueue(permissions: ("rw" | "create" | "ro")[] = ["rw"]) {
  const queue = await createQueue();
  const agent = await createAgent({ queues: [queue], permissions });
  return { queue, agent, caller: callerFor(agent) };
}

const articlesOf = (ticketId: number) => db.select().from(articles).where(eq(articles.ticketId, ticketId));
const mailOf = (ticketId: number) => db.select().from(outbox).where(eq(outbox.ticketId, ticketId));

describe("agents open tickets", () => {
  it("phone ticket: the caller is the customer (found or created), the article is the call, nothing is mailed", async () => {
    const { queue, caller } = await agentWithQueue();
    const email = `caller-${Date.now()}@customer.example`;
    const created = await caller.ticket.create({ channel: "phone", queueId: queue.id, title: "Cannot log in", body: "Caller cannot log in", customerEmail: email, customerName: "Cal Caller", timeUnits: 5 });
    const [customer] = await db.select().from(users).where(eq(users.email, email));
    expect(customer).toMatchObject({ role: "customer", name: "Cal Caller" });
    expect(await ticketRow(created.id)).toMatchObject({ customerUserId: customer!.id, isInternal: false, stateType: "new" });
    expect((await ticketRow(created.id)).waitingSince).not.toBeNull();
    expect(await articlesOf(created.id)).toEqual([expect.objectContaining({ channel: "phone", senderType: "customer", isInternal: false, fromAddress: email, timeUnits: 5 })]);
    expect(await mailOf(created.id)).toEqual([]);
  });

  it("phone ticket needs the caller's e-mail", async () => {
    const { queue, caller } = await agentWithQueue();
    const before = await tableCounts();
    const result = await settle(caller.ticket.create({ channel: "phone", queueId: queue.id, title: "No caller", body: "x" }));
    expect(result).toMatchObject({ outcome: "BAD_REQUEST", message: expect.stringMatching(/e-mail/) });
    expect(await tableCounts()).toEqual(before);
  });

  it("e-mail ticket: the agent writes first; the mail is queued to the customer without Re: and nobody waits", async () => {
    const { queue, caller, agent } = await agentWithQueue();
    const email = `outbound-${Date.now()}@customer.example`;
    const created = await caller.ticket.create({ channel: "email", queueId: queue.id, title: "Your renewal", body: "Your contract renews next month.", customerEmail: email });
    const row = await ticketRow(created.id);
    expect(row).toMatchObject({ isInternal: false, stateType: "open", waitingSince: null });
    const [article] = await articlesOf(created.id);
    expect(article).toMatchObject({ channel: "email", senderType: "agent", isInternal: false, fromAddress: agent.email, toAddresses: email, deliveryStatus: "queued" });
    const [mail] = await mailOf(created.id);
    expect(mail).toMatchObject({ kind: "reply", toAddresses: email, inReplyTo: null, articleId: article!.id });
    expect(mail!.subject).toBe(`[Ticket#${row.number}] Your renewal`);
    expect(mail!.bodyText).toContain("Your contract renews next month.");
  });

  it("internal ticket: no customer, marked internal, never mailed — not even when someone replies", async () => {
    const { queue, caller } = await agentWithQueue();
    const created = await caller.ticket.create({ channel: "internal", queueId: queue.id, title: "Restock toner", body: "We are out of toner" });
    expect(await ticketRow(created.id)).toMatchObject({ customerUserId: null, isInternal: true, waitingSince: null });
    expect(await articlesOf(created.id)).toEqual([expect.objectContaining({ channel: "internal", senderType: "agent", isInternal: true })]);
    await caller.article.reply({ ticketId: created.id, body: "Ordered" });
    expect(await mailOf(created.id)).toEqual([]);
    expect(await settle(caller.article.forward({ ticketId: created.id, to: ["someone@elsewhere.example"] }))).toMatchObject({ outcome: "PRECONDITION_FAILED" });
  });

  it("needs create on the queue: ro alone is refused without a trace", async () => {
    const { queue, caller } = await agentWithQueue(["ro"]);
    const before = await tableCounts();
    const result = await settle(caller.ticket.create({ channel: "email", queueId: queue.id, title: "x", body: "y", customerEmail: "z@customer.example" }));
    expect(result.outcome).toBe("FORBIDDEN");
    expect(await tableCounts()).toEqual(before);
  });

  it("customers cannot open e-mail tickets for others", async () => {
    const { queue } = await agentWithQueue();
    const { createCustomer } = await import("../factories");
    const customer = await createCustomer();
    const result = await settle(callerFor(customer).ticket.create({ channel: "email", queueId: queue.id, title: "x", body: "y", customerEmail: "z@customer.example" }));
    expect(result.outcome).toBe("FORBIDDEN");
  });
});
