import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { articles, outbox } from "@/db/schema";
import { callerFor } from "../helpers/caller";
import { createAgent, createCustomer, createQueue } from "../factories";

describe("forward", () => {
  it("mails the public conversation to another address, kept internal on the ticket, without threading into the customer's mail", async () => {
    const queue = await createQueue();
    const customer = await createCustomer();
    const agent = await createAgent({ queues: [queue] });
    const { id } = await callerFor(customer).ticket.create({ channel: "web", queueId: queue.id, title: "Printer on fire", body: "Smoke everywhere" });
    await callerFor(agent).article.note({ ticketId: id, body: "secret internal remark" });
    const result = await callerFor(agent).article.forward({ ticketId: id, to: ["vendor@elsewhere.example"], body: "Can you help?" });
    const [mail] = await db.select().from(outbox).where(eq(outbox.articleId, result.articleId));
    expect(mail).toMatchObject({ kind: "forward", toAddresses: "vendor@elsewhere.example", inReplyTo: null });
    expect(mail!.subject).toMatch(/^\[Ticket#\d+\] Fwd: Printer on fire$/);
    expect(mail!.bodyText).toContain("Can you help?");
    expect(mail!.bodyText).toContain("Smoke everywhere");
    expect(mail!.bodyText).not.toContain("secret internal remark");
    const [article] = await db.select().from(articles).where(eq(articles.id, result.articleId));
    expect(article).toMatchObject({ isInternal: true, messageId: mail!.messageId });
    const seen = await callerFor(customer).ticket.get({ ticketId: id });
    expect(seen.articles.map((a) => a.id)).not.toContain(result.articleId);
  });

  it("refuses internal tickets' conversation to leave the desk", async () => {
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const { id } = await callerFor(agent).ticket.create({ channel: "internal", queueId: queue.id, title: "Internal", body: "between agents" });
    await expect(callerFor(agent).article.forward({ ticketId: id, to: ["out@elsewhere.example"], body: "x" })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(await db.select().from(outbox).where(eq(outbox.ticketId, id))).toHaveLength(0);
    expect(await db.select().from(articles).where(eq(articles.ticketId, id))).toHaveLength(1);
  });
});
