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

  it("carries the conversation's attachments", async () => {
    const { ingestMail } = await import("@/server/mail/postmaster");
    const queue = await createQueue({ isDefault: false });
    const agent = await createAgent({ queues: [queue] });
    const raw = [
      "From: Ann <ann@customer.example>",
      "To: desk@example.com",
      "Subject: Contract attached",
      "Message-ID: <contract-1@customer.example>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Please check the contract.",
      "--b",
      'Content-Type: application/pdf; name="contract.pdf"',
      'Content-Disposition: attachment; filename="contract.pdf"',
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from("%PDF-1.4 fake").toString("base64"),
      "--b--",
      "",
    ].join("\r\n");
    const result = await ingestMail(db, Buffer.from(raw), { source: "pipe", queueName: queue.name });
    const [first] = await db.select().from(articles).where(eq(articles.id, Number(result.articleId)));
    const forwarded = await callerFor(agent).article.forward({ ticketId: first!.ticketId, to: ["lawyer@elsewhere.example"], body: "" });
    const [mail] = await db.select().from(outbox).where(eq(outbox.articleId, forwarded.articleId));
    expect(mail!.attachments).toEqual([expect.objectContaining({ filename: "contract.pdf", contentType: "application/pdf", size: 13 })]);
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
