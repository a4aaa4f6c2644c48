import { randomBytes, randomUUID } from "node:crypto";
import { and, count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import * as s from "@/db/schema";
import { autoRespond } from "@/jobs/definitions/auto-respond";
import { readStoredFile, sha256Of } from "@/server/files/store";
import { ingestMail } from "@/server/mail/postmaster";
import { getSetting } from "@/server/services/settings";
import { callerFor } from "../helpers/caller";
import { buildMail, uniqueMessageId } from "../helpers/mail";
import { createAgent, createQueue, stateNamed, ticketRow } from "../factories";

const pipe = (raw: Buffer) => ingestMail(db, raw, { source: "pipe" });
const token = () => randomUUID().slice(0, 8);

async function defaultQueue() {
  const [q] = await db.select().from(s.queues).where(eq(s.queues.isDefault, true));
  return q!;
}

/** A queue that receives mail on its own system address. */
async function queueWithAddress(values: Partial<typeof s.queues.$inferInsert> = {}) {
  const queue = await createQueue(values);
  const address = `desk-${token()}@desk.example`;
  await db.insert(s.systemAddresses).values({ address, displayName: `Desk ${queue.name}`, queueId: queue.id });
  return { queue, address };
}

async function ticketByNumber(number: string) {
  const [t] = await db.select().from(s.tickets).where(eq(s.tickets.number, number));
  return t!;
}

async function articlesOf(ticketId: number) {
  return db.select().from(s.articles).where(eq(s.articles.ticketId, ticketId)).orderBy(s.articles.id);
}

async function closeTicket(ticketId: number) {
  const closed = await stateNamed("closed successful");
  await db.update(s.tickets).set({ stateId: closed.id, stateType: closed.type }).where(eq(s.tickets.id, ticketId));
}

async function autoRespondJobs(articleId: string | null, type: string) {
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from pgboss.job
    where name = ${autoRespond.name} and (data->>'articleId')::bigint = ${Number(articleId)} and data->>'type' = ${type}`);
  return Number(row?.n);
}

/** A customer's mail, then the agent's reply through article.reply (which gives it a Message-ID). */
async function conversation() {
  const customer = `customer-${token()}@customer.example`;
  const firstId = uniqueMessageId();
  const first = await pipe(buildMail({ from: `Casey <${customer}>`, messageId: firstId, subject: `Printer ${token()} is broken` }));
  expect(first.outcome).toBe("created");
  const ticket = await ticketByNumber(first.ticketNumber!);
  const queue = await defaultQueue();
  const agent = await createAgent({ queues: [queue] });
  const { articleId } = await callerFor(agent).article.reply({ ticketId: ticket.id, body: "Have you tried turning it off and on again?" });
  if (!articleId) throw new Error("the agent's reply wrote no article");
  const [reply] = await db.select().from(s.articles).where(eq(s.articles.id, articleId));
  const [mail] = await db.select().from(s.outbox).where(eq(s.outbox.articleId, articleId));
  return { customer, firstId, ticket, reply: reply!, mail: mail! };
}

describe("postmaster: threading", () => {
  it("a mail whose In-Reply-To names the customer's first mail lands on that ticket", async () => {
    const c = await conversation();
    const r = await pipe(buildMail({ from: c.customer, subject: "one more thing", inReplyTo: c.firstId }));
    expect(r).toMatchObject({ outcome: "follow_up", ticketNumber: c.ticket.number });
  });

  it("our reply gets its own Message-ID and In-Reply-To/References to the customer's mail", async () => {
    const c = await conversation();
    expect(c.reply.messageId).toMatch(/^<[^<>\s]+@[^<>\s]+>$/);
    expect(c.mail).toMatchObject({ messageId: c.reply.messageId, inReplyTo: c.firstId, references: c.firstId });
    expect(c.mail.subject).toContain(`[${await getSetting(db, "ticket.hook")}${c.ticket.number}]`);
  });

  it("the customer's answer to our reply lands whatever the client kept", async () => {
    const c = await conversation();
    const hook = await getSetting(db, "ticket.hook");
    const answers = {
      "only In-Reply-To": buildMail({ from: c.customer, subject: "Re: your answer", inReplyTo: c.reply.messageId! }),
      "only References": buildMail({ from: c.customer, subject: "Re: your answer", references: `${c.firstId} ${c.reply.messageId!}` }),
      "only References naming our reply": buildMail({ from: c.customer, subject: "no hook here", references: c.reply.messageId! }),
      "only the subject hook": buildMail({ from: c.customer, subject: `Re: [${hook}${c.ticket.number}] Printer` }),
      "a mangled subject": buildMail({ from: c.customer, subject: `AW: RE: Fwd: [${hook}${c.ticket.number}] Printer is broken` }),
    };
    for (const [how, raw] of Object.entries(answers)) {
      expect(await pipe(raw), how).toMatchObject({ outcome: "follow_up", ticketNumber: c.ticket.number });
    }
    expect(await articlesOf(c.ticket.id)).toHaveLength(2 + Object.keys(answers).length);
  });

  it("a mail naming an unknown Message-ID and no hook opens a new ticket", async () => {
    const r = await pipe(buildMail({ inReplyTo: uniqueMessageId("elsewhere.example"), subject: `Re: something ${token()}` }));
    expect(r.outcome).toBe("created");
  });

  it("a bounce of our reply lands on its ticket, marks the reply bounced, reopens nothing and answers nothing", async () => {
    const c = await conversation();
    await closeTicket(c.ticket.id);
    const r = await pipe(bounceOf(c.reply.messageId!, c.customer));
    expect(r).toMatchObject({ outcome: "follow_up", ticketNumber: c.ticket.number });
    expect((await ticketRow(c.ticket.id)).stateType).toBe("closed");
    const [reply] = await db.select().from(s.articles).where(eq(s.articles.id, c.reply.id));
    expect(reply!.deliveryStatus).toBe("bounced");
    for (const type of ["follow_up", "reject", "new_ticket"]) expect(await autoRespondJobs(r.articleId, type)).toBe(0);
  });
});

describe("postmaster: answers to a closed ticket, per the queue's follow-up rule", () => {
  async function closedTicketIn(followUp: "reopen" | "reject" | "new_ticket") {
    const { address } = await queueWithAddress({ followUp });
    const messageId = uniqueMessageId();
    const customer = `customer-${token()}@customer.example`;
    const first = await pipe(buildMail({ from: customer, to: address, messageId }));
    const ticket = await ticketByNumber(first.ticketNumber!);
    await closeTicket(ticket.id);
    const answer = await pipe(buildMail({ from: customer, to: address, inReplyTo: messageId, subject: "Re: still broken" }));
    return { ticket, answer };
  }

  it("reopen: the answer is appended and the ticket is open again", async () => {
    const { ticket, answer } = await closedTicketIn("reopen");
    expect(answer).toMatchObject({ outcome: "follow_up", ticketNumber: ticket.number });
    expect((await ticketRow(ticket.id)).stateType).toBe("open");
  });

  it("reject: the answer is kept on the ticket, the ticket stays closed and a rejection is queued", async () => {
    const { ticket, answer } = await closedTicketIn("reject");
    expect(answer).toMatchObject({ outcome: "follow_up", ticketNumber: ticket.number });
    expect(answer.reason).toMatch(/rejected/);
    expect((await ticketRow(ticket.id)).stateType).toBe("closed");
    expect((await articlesOf(ticket.id)).map((a) => a.subject)).toContain("Re: still broken");
    expect(await autoRespondJobs(answer.articleId, "reject")).toBe(1);
  });

  it("new_ticket: the answer opens a new ticket and the closed one is left alone", async () => {
    const { ticket, answer } = await closedTicketIn("new_ticket");
    expect(answer.outcome).toBe("created");
    expect(answer.ticketNumber).not.toBe(ticket.number);
    expect(await articlesOf(ticket.id)).toHaveLength(1);
    expect((await ticketRow(ticket.id)).stateType).toBe("closed");
  });
});

describe("postmaster: deduplication", () => {
  it("the same message twice: one article, the second is a duplicate naming the first", async () => {
    const raw = buildMail({ subject: `Twice ${token()}` });
    const first = await pipe(raw);
    const second = await pipe(raw);
    expect(first.outcome).toBe("created");
    expect(second).toMatchObject({ outcome: "duplicate", ticketNumber: first.ticketNumber, articleId: first.articleId });
    expect(await articlesOf((await ticketByNumber(first.ticketNumber!)).id)).toHaveLength(1);
  });

  it("the same message without a Message-ID twice is recognised by its content", async () => {
    const raw = buildMail({ messageId: null, subject: `No id ${token()}` });
    expect((await pipe(raw)).outcome).toBe("created");
    expect((await pipe(raw)).outcome).toBe("duplicate");
  });

  it("10 concurrent deliveries of one message: exactly one ticket and one article", async () => {
    const subject = `Concurrent ${token()}`;
    const raw = buildMail({ subject });
    const results = await Promise.all(Array.from({ length: 10 }, () => pipe(raw)));
    expect(results.filter((r) => r.outcome === "created")).toHaveLength(1);
    expect(results.filter((r) => r.outcome === "duplicate")).toHaveLength(9);
    const [tickets] = await db.select({ n: count() }).from(s.tickets).where(eq(s.tickets.title, subject));
    expect(tickets!.n).toBe(1);
    const [articles] = await db.select({ n: count() }).from(s.articles).where(eq(s.articles.subject, subject));
    expect(articles!.n).toBe(1);
  });
});

describe("postmaster: which queue", () => {
  it("mail to a queue's system address lands in that queue", async () => {
    const { queue, address } = await queueWithAddress();
    const r = await pipe(buildMail({ to: `Support <${address.toUpperCase()}>` }));
    expect((await ticketByNumber(r.ticketNumber!)).queueId).toBe(queue.id);
  });

  it("a system address in Cc counts too", async () => {
    const { queue, address } = await queueWithAddress();
    const r = await pipe(buildMail({ to: "someone@elsewhere.example", cc: address }));
    expect((await ticketByNumber(r.ticketNumber!)).queueId).toBe(queue.id);
  });

  it("mail to an unknown address lands in the default queue", async () => {
    const r = await pipe(buildMail({ to: `nobody-${token()}@unknown.example` }));
    const ticket = await ticketByNumber(r.ticketNumber!);
    expect(ticket.queueId).toBe((await defaultQueue()).id);
    expect((await defaultQueue()).name).toBe("Postmaster");
  });

  it("a postmaster filter sets the queue, over the system address", async () => {
    const target = await createQueue();
    const { address } = await queueWithAddress();
    const tag = `route-${token()}`;
    await db.insert(s.postmasterFilters).values({ name: `route ${tag}`, match: [{ field: "subject", pattern: tag, regex: false }], set: { queueId: target.id } });
    const r = await pipe(buildMail({ to: address, subject: `Invoice [${tag}]` }));
    expect((await ticketByNumber(r.ticketNumber!)).queueId).toBe(target.id);
  });

  it("a postmaster filter with a regular expression on a header can ignore a message", async () => {
    const tag = `spam-${token()}`;
    await db.insert(s.postmasterFilters).values({ name: `ignore ${tag}`, match: [{ field: "X-Spam-Flag", pattern: `^yes.*${tag}$`, regex: true }], set: { ignore: true } });
    const before = await db.select({ n: count() }).from(s.tickets);
    const r = await pipe(buildMail({ headers: { "X-Spam-Flag": `YES ${tag}` } }));
    expect(r).toMatchObject({ outcome: "ignored", ticketNumber: null, articleId: null });
    expect(r.reason).toContain(`ignore ${tag}`);
    expect(await db.select({ n: count() }).from(s.tickets)).toEqual(before);
  });
});

describe("postmaster: content", () => {
  it("stores every attachment byte for byte, under its SHA-256", async () => {
    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(5000)]);
    const png = Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), randomBytes(300)]);
    const r = await pipe(
      buildMail({
        html: '<p>See <img src="cid:shot@customer.example"></p>',
        attachments: [
          { filename: "Rechnung März.pdf", contentType: "application/pdf", content: pdf },
          { filename: "shot.png", contentType: "image/png", content: png, contentId: "shot@customer.example", inline: true },
        ],
      }),
    );
    const rows = await db.select().from(s.attachments).where(eq(s.attachments.articleId, Number(r.articleId)));
    expect(rows.map((a) => a.filename).sort()).toEqual(["Rechnung März.pdf", "shot.png"]);
    for (const [row, bytes] of [[rows.find((a) => a.filename === "shot.png")!, png], [rows.find((a) => a.filename !== "shot.png")!, pdf]] as const) {
      const stored = Buffer.from(await readStoredFile(db, row.fileSha256));
      expect(stored.equals(bytes)).toBe(true);
      expect(row.fileSha256).toBe(sha256Of(bytes));
      expect(row.size).toBe(bytes.length);
    }
    const inline = rows.find((a) => a.filename === "shot.png")!;
    expect(inline).toMatchObject({ contentType: "image/png", inline: true, contentId: "<shot@customer.example>" });
  });

  it("sanitizes the HTML body: no scripts, no event handlers, remote images only as data-remote-src", async () => {
    const html = [
      "<p onclick=\"steal()\">Hello <b>there</b></p>",
      "<script>alert(document.cookie)</script>",
      '<img src="https://tracker.example/pixel.png" onerror="steal()" alt="logo">',
      '<img src="cid:inline@customer.example">',
      '<a href="javascript:steal()" onmouseover="steal()">click</a> <a href="https://example.com/help">help</a>',
      '<form action="https://phish.example"><input name="password"></form>',
      '<iframe src="https://evil.example"></iframe><style>body{background:url(https://tracker.example/bg)}</style>',
    ].join("\n");
    const r = await pipe(buildMail({ text: null, html }));
    const [article] = await db.select().from(s.articles).where(eq(s.articles.id, Number(r.articleId)));
    const body = article!.bodyHtml!;
    expect(body).not.toMatch(/<script|<iframe|<form|<input|<style/i);
    expect(body).not.toMatch(/\son[a-z]+\s*=/i);
    expect(body).not.toMatch(/javascript:/i);
    expect(body).not.toMatch(/\ssrc="https?:/i);
    expect(body).toContain('data-remote-src="https://tracker.example/pixel.png"');
    expect(body).not.toContain("cid:");
    expect(body).toMatch(/<a href="https:\/\/example\.com\/help"[^>]*rel="noopener noreferrer nofollow"/);
    expect(body).toContain("Hello <b>there</b>");
    expect(article!.bodyText).toContain("Hello there");
    expect(article!.bodyText).not.toContain("alert(");
  });

  it("a message without any sender address is quarantined with its raw bytes kept, and makes no ticket", async () => {
    const raw = buildMail({ from: null, subject: `Nobody ${token()}` });
    const before = await db.select({ n: count() }).from(s.tickets);
    const r = await pipe(raw);
    expect(r).toMatchObject({ outcome: "quarantined", ticketNumber: null, articleId: null, reason: "the message has no sender address" });
    const [row] = await db.select().from(s.quarantine).where(and(eq(s.quarantine.rawSha256, sha256Of(raw))));
    expect(row).toMatchObject({ source: "pipe", reason: "the message has no sender address" });
    expect(Buffer.from(await readStoredFile(db, row!.rawSha256)).equals(raw)).toBe(true);
    expect(await db.select({ n: count() }).from(s.tickets)).toEqual(before);
  });
});

/** A Postfix-style delivery report returning the message `messageId` sent to `recipient`. */
function bounceOf(messageId: string, recipient: string): Buffer {
  const boundary = `bounce-${token()}`;
  return Buffer.from(
    [
      "Return-Path: <>",
      "From: MAILER-DAEMON@mx.customer.example (Mail Delivery System)",
      "To: desk@desk.example",
      "Subject: Undelivered Mail Returned to Sender",
      `Message-ID: ${uniqueMessageId("mx.customer.example")}`,
      "Auto-Submitted: auto-replied",
      "MIME-Version: 1.0",
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
      "",
      `--${boundary}`,
      "Content-Type: text/plain; charset=us-ascii",
      "",
      `Your message could not be delivered to ${recipient}.`,
      "",
      `--${boundary}`,
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.customer.example",
      "",
      `Final-Recipient: rfc822; ${recipient}`,
      "Action: failed",
      "Status: 5.1.1",
      "",
      `--${boundary}`,
      "Content-Type: message/rfc822",
      "",
      "From: Desk <desk@desk.example>",
      `To: ${recipient}`,
      "Subject: Re: Printer",
      `Message-ID: ${messageId}`,
      "",
      "Have you tried turning it off and on again?",
      "",
      `--${boundary}--`,
      "",
    ].join("\r\n"),
  );
}
