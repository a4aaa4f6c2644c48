import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import * as s from "@/db/schema";
import { autoRespond } from "@/jobs/definitions/auto-respond";
import { autoRespondHandler } from "@/jobs/handlers/auto-respond";
import { runWorker } from "@/jobs/worker";
import { ingestMail } from "@/server/mail/postmaster";
import { getSetting, setSetting } from "@/server/services/settings";
import { buildMail, uniqueMessageId } from "../helpers/mail";
import { createQueue } from "../factories";

const token = () => randomUUID().slice(0, 8);
const pipe = (raw: Buffer) => ingestMail(db, raw, { source: "pipe" });

/** A queue with its own address and a receipt for new tickets and for follow-ups (English). */
async function respondingQueue() {
  const queue = await createQueue();
  const address = `support-${token()}@desk.example`;
  await db.insert(s.systemAddresses).values({ address, displayName: "Support", queueId: queue.id });
  for (const type of ["new_ticket", "follow_up", "reject"] as const) {
    const [response] = await db.insert(s.autoResponses).values({ name: `${type} ${token()}`, type }).returning();
    await db.insert(s.autoResponseTexts).values({ autoResponseId: response!.id, language: "en", subject: `Received: <TICKET_TITLE>`, body: `Dear <CUSTOMER_NAME>, we have your message (ticket <TICKET_NUMBER>).` });
    await db.insert(s.queueAutoResponses).values({ queueId: queue.id, type, autoResponseId: response!.id });
  }
  return { queue, address };
}

/** Runs the auto-respond jobs the postmaster queued for an article, as the worker would. */
async function runQueuedAutoResponses(articleId: string | null): Promise<number> {
  if (!articleId) return 0;
  const jobs = await db.execute<{ data: { ticketId: number; articleId: number; type: "new_ticket" | "follow_up" | "reject" } }>(sql`
    select data from pgboss.job where name = ${autoRespond.name} and (data->>'articleId')::bigint = ${Number(articleId)}`);
  for (const job of jobs) await autoRespondHandler.run(db, autoRespond.payload.parse(job.data));
  return jobs.length;
}

async function receiptsTo(address: string) {
  return db.select().from(s.outbox).where(and(eq(s.outbox.kind, "auto_response"), eq(s.outbox.toAddresses, address.toLowerCase()))).orderBy(s.outbox.id);
}

let worker: Awaited<ReturnType<typeof runWorker>> | undefined;
afterAll(async () => {
  await worker?.stop();
});

describe("auto-responses", () => {
  // First in the file, so the worker finds only this test's jobs in the queues.
  it("end to end through the real worker: mail in, receipt in the outbox, delivered", { timeout: 90_000 }, async () => {
    const { address } = await respondingQueue();
    const customer = `worker-${token()}@customer.example`;
    worker = await runWorker();
    const r = await pipe(buildMail({ from: customer, to: address, subject: "Via the worker" }));
    const deadline = Date.now() + 60_000;
    let receipts = await receiptsTo(customer);
    while (Date.now() < deadline && !(receipts.length === 1 && receipts[0]!.status === "sent")) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      receipts = await receiptsTo(customer);
    }
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ status: "sent", transport: "outbox" });
    expect(receipts[0]!.subject).toContain(r.ticketNumber!);
    await worker.stop();
    worker = undefined;
  });

  it("a normal new mail gets exactly one receipt, with the ticket number and Auto-Submitted", async () => {
    const { address } = await respondingQueue();
    const customer = `casey-${token()}@customer.example`;
    const messageId = uniqueMessageId();
    const r = await pipe(buildMail({ from: `Casey <${customer}>`, to: address, subject: "Printer on fire", messageId }));
    expect(await runQueuedAutoResponses(r.articleId)).toBe(1);
    const hook = await getSetting(db, "ticket.hook");
    const receipts = await receiptsTo(customer);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ kind: "auto_response", fromAddress: `Support <${address}>`, inReplyTo: messageId });
    expect(receipts[0]!.subject).toContain(`[${hook}${r.ticketNumber}]`);
    expect(receipts[0]!.subject).toContain("Received: Printer on fire");
    expect(receipts[0]!.headers).toMatchObject({ "Auto-Submitted": "auto-replied" });
    expect(receipts[0]!.bodyText).toBe(`Dear Casey, we have your message (ticket ${r.ticketNumber}).`);
  });

  it("running the job again (a retry) sends no second receipt and writes no second article", async () => {
    const { address } = await respondingQueue();
    const customer = `retry-${token()}@customer.example`;
    const r = await pipe(buildMail({ from: customer, to: address }));
    await runQueuedAutoResponses(r.articleId);
    await runQueuedAutoResponses(r.articleId);
    const [ticket] = await db.select().from(s.tickets).where(eq(s.tickets.number, r.ticketNumber!));
    const system = await db.select().from(s.articles).where(and(eq(s.articles.ticketId, ticket!.id), eq(s.articles.senderType, "system")));
    expect(system).toHaveLength(1);
    expect(await receiptsTo(customer)).toHaveLength(1);
  });

  const automated: Record<string, (to: string, from: string) => Buffer> = {
    "an out-of-office reply": (to, from) => buildMail({ from, to, subject: "Out of office", headers: { "Auto-Submitted": "auto-replied" } }),
    "an auto-generated notification": (to, from) => buildMail({ from, to, headers: { "Auto-Submitted": "auto-generated", Precedence: "bulk" } }),
    "a mailing-list message": (to, from) => buildMail({ from, to, headers: { "List-Id": "<users.lists.example>", Precedence: "list" } }),
    "a mail from the mailer-daemon": (to) => buildMail({ from: `MAILER-DAEMON@mx-${token()}.example`, to, subject: "Undelivered Mail Returned to Sender" }),
    "a bounce with an empty Return-Path": (to, from) => buildMail({ from, to, headers: { "Return-Path": "<>" } }),
    "mail marked X-Loop": (to, from) => buildMail({ from, to, headers: { "X-Loop": "desk@elsewhere.example" } }),
  };
  for (const [what, make] of Object.entries(automated)) {
    it(`${what} gets no auto-response`, async () => {
      const { address } = await respondingQueue();
      const from = `robot-${token()}@robots.example`;
      const r = await pipe(make(address, from));
      expect(r.outcome).toBe("created");
      expect(await runQueuedAutoResponses(r.articleId)).toBe(0);
      const [ticket] = await db.select().from(s.tickets).where(eq(s.tickets.number, r.ticketNumber!));
      expect(await db.select().from(s.outbox).where(and(eq(s.outbox.ticketId, ticket!.id), eq(s.outbox.kind, "auto_response")))).toEqual([]);
    });
  }

  it("one sender gets at most N auto-responses a day (N = postmaster.max_auto_responses_per_day)", async () => {
    await setSetting(db, "postmaster.max_auto_responses_per_day", 3);
    try {
      const { address } = await respondingQueue();
      const customer = `eager-${token()}@customer.example`;
      for (let i = 0; i < 5; i++) {
        const r = await pipe(buildMail({ from: customer, to: address, subject: `Question ${i}` }));
        expect(r.outcome).toBe("created");
        await runQueuedAutoResponses(r.articleId);
      }
      expect(await receiptsTo(customer)).toHaveLength(3);
    } finally {
      await setSetting(db, "postmaster.max_auto_responses_per_day", 10);
    }
  });

  describe("two desks pointed at each other", () => {
    /** The other desk's answer to our latest receipt, as its responder would send it. */
    function answerTo(receipt: typeof s.outbox.$inferSelect, other: string, headers: Record<string, string>) {
      return buildMail({ from: `Other Desk <${other}>`, to: receipt.fromAddress, subject: `Re: ${receipt.subject}`, inReplyTo: receipt.messageId, references: receipt.messageId, headers, text: "Thank you for your message." });
    }

    it("an auto-responder that marks its mail (Auto-Submitted) gets one receipt and the exchange ends", async () => {
      const { address } = await respondingQueue();
      const other = `helpdesk-${token()}@other-desk.example`;
      let r = await pipe(buildMail({ from: other, to: address, subject: "Ticket opened at the other desk" }));
      await runQueuedAutoResponses(r.articleId);
      for (let round = 0; round < 5; round++) {
        const receipts = await receiptsTo(other);
        r = await pipe(answerTo(receipts.at(-1)!, other, { "Auto-Submitted": "auto-replied", "X-Autoreply": "yes" }));
        expect(r.outcome).toBe("follow_up");
        expect(await runQueuedAutoResponses(r.articleId)).toBe(0);
      }
      expect(await receiptsTo(other)).toHaveLength(1);
    });

    it("a naive responder that marks nothing is answered at most N times a day, then the loop stops", async () => {
      await setSetting(db, "postmaster.max_auto_responses_per_day", 3);
      try {
        const { address } = await respondingQueue();
        const other = `naive-${token()}@other-desk.example`;
        let r = await pipe(buildMail({ from: other, to: address, subject: "Ticket opened at the other desk" }));
        await runQueuedAutoResponses(r.articleId);
        const counts: number[] = [];
        for (let round = 0; round < 8; round++) {
          const receipts = await receiptsTo(other);
          r = await pipe(answerTo(receipts.at(-1)!, other, {}));
          expect(r.outcome).toBe("follow_up");
          await runQueuedAutoResponses(r.articleId);
          counts.push((await receiptsTo(other)).length);
        }
        expect(counts).toEqual([2, 3, 3, 3, 3, 3, 3, 3]);
      } finally {
        await setSetting(db, "postmaster.max_auto_responses_per_day", 10);
      }
    });
  });

});
