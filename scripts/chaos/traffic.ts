import { spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { type FakeResend, receivedEvent, signWebhook } from "@/tests/helpers/fake-resend";
import { sleep } from "./processes";

/** One message the run sent, by the way it was sent, and what must become of it. */
export type Sent = { channel: "pipe" | "imap" | "webhook"; raw: Buffer; sha256: string; messageId: string | null; attempts: number; bounced: boolean };
export type Reply = { marker: string; submitKey: string; ticketId: number; attempts: number; confirmed: boolean; refused: string | null };

export const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
export const chance = (p: number) => Math.random() < p;
export const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));

/** A plain customer message; a follow-up when `inReplyTo` is given; no Message-ID when asked (the hash keys it). */
export function composeMail(o: { to: string; inReplyTo?: string | null; withoutMessageId?: boolean; round: number }): { raw: Buffer; messageId: string | null } {
  const token = randomUUID();
  const messageId = o.withoutMessageId ? null : `<chaos-${token}@customer.example>`;
  const customer = `customer${between(1, 6)}@customer.example`;
  const lines = [
    `From: Chaos Customer <${customer}>`,
    `To: ${o.to}`,
    `Subject: ${o.inReplyTo ? "Re: " : ""}Chaos round ${o.round} ${token.slice(0, 8)}`,
    ...(messageId ? [`Message-ID: ${messageId}`] : []),
    ...(o.inReplyTo ? [`In-Reply-To: ${o.inReplyTo}`, `References: ${o.inReplyTo}`] : []),
    `Date: ${new Date().toUTCString()}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    `Hello, this is message ${token} of round ${o.round}.`,
    "",
  ];
  return { raw: Buffer.from(lines.join("\r\n")), messageId };
}

export function sent(channel: Sent["channel"], mail: { raw: Buffer; messageId: string | null }): Sent {
  return { channel, raw: mail.raw, sha256: createHash("sha256").update(mail.raw).digest("hex"), messageId: mail.messageId, attempts: 0, bounced: false };
}

const EX_TEMPFAIL = 75;

/**
 * Delivers a message as an MTA's pipe transport does: runs the postmaster CLI with the message on
 * stdin and tries again later when it exits 75 or dies (here, sometimes killed -9 on purpose);
 * any other non-zero exit is a permanent failure, which an MTA bounces: the message is lost.
 */
export async function pipeDeliver(message: Sent, env: NodeJS.ProcessEnv, killChance: number): Promise<void> {
  for (;;) {
    message.attempts++;
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/postmaster.ts"], { env, stdio: ["pipe", "ignore", "ignore"] });
    child.stdin.on("error", () => {});
    child.stdin.end(message.raw);
    const killer = chance(killChance) ? setTimeout(() => child.kill("SIGKILL"), between(200, 4000)) : null;
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (c, s) => resolve({ code: c, signal: s })));
    if (killer) clearTimeout(killer);
    if (code === 0) return;
    if (code !== EX_TEMPFAIL && signal === null) {
      message.bounced = true;
      return;
    }
    if (message.attempts > 200) throw new Error("a piped message was not accepted after 200 attempts");
    await sleep(Math.min(3000, 200 * message.attempts));
  }
}

/**
 * Resend "receives" the message, then delivers its `email.received` event to the desk's webhook
 * until it answers 2xx, re-signed on every attempt with the same svix id, as Resend retries; and
 * sometimes once more after that (Resend delivers at least once).
 */
export async function webhookDeliver(message: Sent, fake: FakeResend, secret: string, webUrl: string, again: boolean): Promise<void> {
  const emailId = await fake.receive(message.raw);
  const event = receivedEvent(fake, emailId);
  const svixId = `msg_${randomUUID().replaceAll("-", "")}`;
  for (let round = again ? 2 : 1; round > 0; round--) {
    for (;;) {
      message.attempts++;
      const signed = signWebhook(secret, event, { id: svixId });
      const status = await fetch(`${webUrl}/api/webhooks/resend`, { method: "POST", headers: signed.headers, body: signed.body, signal: AbortSignal.timeout(15_000) })
        .then((r) => r.status)
        .catch(() => 0);
      if (status >= 200 && status < 300) break;
      if (message.attempts > 400) throw new Error("a webhook was not accepted after 400 attempts");
      await sleep(between(300, 1200));
    }
  }
}

/**
 * An agent's reply through tRPC (article.reply) with its submit key. When the answer is lost (web
 * or database killed, a timeout), the composer submits the same draft again, blind: the submit key
 * makes the desk answer with the first article instead of writing and mailing a second one.
 */
export async function replyDeliver(reply: Reply, webUrl: string, agentId: number): Promise<void> {
  for (;;) {
    reply.attempts++;
    const body = JSON.stringify({ json: { ticketId: reply.ticketId, body: `Thank you, we are on it.\n${reply.marker}`, submitKey: reply.submitKey } });
    const result = await fetch(`${webUrl}/api/trpc/article.reply`, { method: "POST", headers: { "content-type": "application/json", "x-chaos-user": String(agentId) }, body, signal: AbortSignal.timeout(20_000) })
      .then(async (r) => ({ status: r.status, text: await r.text() }))
      .catch(() => ({ status: 0, text: "" }));
    if (result.status === 200) {
      reply.confirmed = true;
      return;
    }
    if (result.status >= 400 && result.status < 500 && !/CONFLICT/.test(result.text)) {
      reply.refused = result.text.slice(0, 300);
      return;
    }
    if (reply.attempts > 200) throw new Error("a reply was not stored after 200 attempts");
    await sleep(between(300, 1200));
  }
}
