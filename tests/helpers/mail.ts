import { randomUUID } from "node:crypto";
import { db } from "@/db";
import { mailAccounts, outbox, quarantine } from "@/db/schema";
import { storeFile } from "@/server/files/store";

/** A plain, valid message with a fresh Message-ID (returned too). */
export function rawMail(o: { from?: string | null; to?: string; subject?: string; body?: string; messageId?: string; inReplyTo?: string } = {}) {
  const messageId = o.messageId ?? `<${randomUUID()}@customer.example>`;
  const lines = [
    ...(o.from === null ? [] : [`From: ${o.from ?? "Casey Customer <casey@customer.example>"}`]),
    `To: ${o.to ?? "desk@example.com"}`,
    `Subject: ${o.subject ?? `Question ${randomUUID().slice(0, 8)}`}`,
    `Message-ID: ${messageId}`,
    ...(o.inReplyTo ? [`In-Reply-To: ${o.inReplyTo}`, `References: ${o.inReplyTo}`] : []),
    "Date: Mon, 2 Mar 2026 09:30:00 +0000",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    o.body ?? "Hello, something is wrong.",
    "",
  ];
  return { raw: Buffer.from(lines.join("\r\n")), messageId };
}

/** A quarantine row for a stored message, as the postmaster would leave it (default: a valid message). */
export async function createQuarantined(raw: Uint8Array = rawMail().raw, reason = "processing failed") {
  const file = await storeFile(db, raw, "message/rfc822");
  const [row] = await db
    .insert(quarantine)
    .values({ rawSha256: file.sha256, source: "pipe", reason, detail: "Error: simulated", subject: "Quarantined", fromAddress: "casey@customer.example" })
    .returning();
  return row!;
}

/** A message in the local outbox, without a send job. */
export async function createOutboxRow(values: Partial<typeof outbox.$inferInsert> = {}) {
  const [row] = await db
    .insert(outbox)
    .values({
      kind: "reply",
      fromAddress: "Desk <desk@example.com>",
      toAddresses: "casey@customer.example",
      subject: "[Ticket#1] Re: Question",
      bodyText: "Dear Casey,\nfixed.",
      messageId: `<${randomUUID()}@desk.example>`,
      idempotencyKey: `test:${randomUUID()}`,
      ...values,
    })
    .returning();
  return row!;
}

export async function createMailAccount(values: Partial<typeof mailAccounts.$inferInsert> = {}) {
  const [row] = await db
    .insert(mailAccounts)
    .values({ name: `Mailbox ${randomUUID().slice(0, 8)}`, host: "127.0.0.1", port: 1, tls: false, username: "desk", secret: "s3cret-imap-password", ...values })
    .returning();
  return row!;
}

export type MailAttachment = { filename: string; contentType: string; content: Buffer; contentId?: string; inline?: boolean };

export type MailSpec = {
  /** `null` leaves the From header out. */
  from?: string | null;
  to?: string;
  cc?: string;
  subject?: string;
  /** `null` leaves the Message-ID header out. */
  messageId?: string | null;
  inReplyTo?: string;
  references?: string;
  /** Further headers, in order ("Auto-Submitted", "Precedence", ...). */
  headers?: Record<string, string>;
  /** `null` with `html` makes an HTML-only message. */
  text?: string | null;
  html?: string;
  attachments?: MailAttachment[];
  date?: Date;
};

export const uniqueMessageId = (domain = "customer.example") => `<${randomUUID()}@${domain}>`;

/** Encodes a header value as an RFC 2047 word when it is not plain ASCII. */
export function encodeWord(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, "utf8").toString("base64")}?=`;
}

const base64Lines = (bytes: Buffer) => bytes.toString("base64").replace(/.{1,76}/g, "$&\r\n");

/**
 * A raw RFC 5322 message (CRLF line ends): text and/or HTML body, attachments as base64 parts,
 * every header exactly as given. Defaults: a customer sender, a fresh Message-ID, a subject.
 */
export function buildMail(spec: MailSpec = {}): Buffer {
  const lines: string[] = [];
  const from = spec.from === undefined ? "Customer <customer@customer.example>" : spec.from;
  if (from !== null) lines.push(`From: ${from}`);
  lines.push(`To: ${spec.to ?? "Support <support@desk.example>"}`);
  if (spec.cc) lines.push(`Cc: ${spec.cc}`);
  lines.push(`Subject: ${encodeWord(spec.subject ?? "A question")}`);
  lines.push(`Date: ${(spec.date ?? new Date()).toUTCString()}`);
  const messageId = spec.messageId === undefined ? uniqueMessageId() : spec.messageId;
  if (messageId !== null) lines.push(`Message-ID: ${messageId}`);
  if (spec.inReplyTo) lines.push(`In-Reply-To: ${spec.inReplyTo}`);
  if (spec.references) lines.push(`References: ${spec.references}`);
  for (const [name, value] of Object.entries(spec.headers ?? {})) lines.push(`${name}: ${value}`);
  lines.push("MIME-Version: 1.0");

  const textPart = ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "", base64Lines(Buffer.from(spec.text ?? "Hello, I have a question.", "utf8"))];
  if (spec.text === null && spec.html === undefined) throw new Error("buildMail: a message needs a text or an HTML body");
  const htmlPart = spec.html === undefined ? null : ["Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: base64", "", base64Lines(Buffer.from(spec.html, "utf8"))];
  const attachments = spec.attachments ?? [];
  if (attachments.length === 0 && !htmlPart) return toRaw([...lines, ...textPart]);

  const body = htmlPart ? (spec.text === null ? htmlPart : multipart("alternative", [textPart, htmlPart])) : textPart;
  if (attachments.length === 0) return toRaw([...lines, ...body]);
  const parts = attachments.map((a) => [
    `Content-Type: ${a.contentType}; name="${encodeWord(a.filename)}"`,
    "Content-Transfer-Encoding: base64",
    `Content-Disposition: ${a.inline ? "inline" : "attachment"}; filename="${encodeWord(a.filename)}"`,
    ...(a.contentId ? [`Content-ID: <${a.contentId}>`] : []),
    "",
    base64Lines(a.content),
  ]);
  return toRaw([...lines, ...multipart("mixed", [body, ...parts])]);
}

function multipart(kind: string, parts: string[][]): string[] {
  const boundary = `=_${kind}_${randomUUID()}`;
  return [`Content-Type: multipart/${kind}; boundary="${boundary}"`, "", ...parts.flatMap((p) => [`--${boundary}`, ...p]), `--${boundary}--`, ""];
}

const toRaw = (lines: string[]) => Buffer.from(lines.join("\r\n"), "utf8");

/** The same raw message with one header replaced (or added when missing). */
export function withHeader(raw: Buffer, name: string, value: string): Buffer {
  const text = raw.toString("latin1");
  const split = text.search(/\r?\n\r?\n/);
  const head = text.slice(0, split);
  const rest = text.slice(split);
  const eol = head.includes("\r\n") ? "\r\n" : "\n";
  const pattern = new RegExp(`^${name}:.*(?:\\r?\\n[ \\t].*)*`, "im");
  const line = `${name}: ${Buffer.from(value, "utf8").toString("latin1")}`;
  return Buffer.from(pattern.test(head) ? head.replace(pattern, () => line) + rest : head + eol + line + rest, "latin1");
}
