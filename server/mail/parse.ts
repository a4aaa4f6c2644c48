import { type AddressObject, type ParsedMail, simpleParser } from "mailparser";

export type MailAddress = { address: string; name: string };

export type ParsedAttachment = {
  filename: string;
  contentType: string;
  content: Buffer;
  contentId: string | null;
  inline: boolean;
};

export type Parsed = {
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  subject: string;
  from: MailAddress | null;
  replyTo: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  date: Date | null;
  text: string;
  html: string | null;
  headers: Map<string, string[]>;
  attachments: ParsedAttachment[];
};

const MSGID = /<[^<>\s]+>/g;

/** Message-IDs with angle brackets, lower-cased local part kept as-is: what threading compares. */
export function normalizeMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = value.match(/<([^<>\s]+)>/) ?? value.trim().match(/^([^<>\s]+)$/);
  return match?.[1] ? `<${match[1]}>` : null;
}

function ids(value: string | string[] | undefined): string[] {
  const raw = Array.isArray(value) ? value.join(" ") : (value ?? "");
  const found = raw.match(MSGID) ?? [];
  return [...new Set(found.map((id) => normalizeMessageId(id)).filter((x): x is string => Boolean(x)))];
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const out: MailAddress[] = [];
  const walk = (entries: { address?: string; name: string; group?: { address?: string; name: string }[] }[]) => {
    for (const e of entries) {
      if (e.group) walk(e.group);
      else if (e.address) out.push({ address: e.address.trim().toLowerCase(), name: e.name?.trim() ?? "" });
    }
  };
  for (const v of list) walk(v.value);
  return out;
}

/** Raw headers (all occurrences), lower-cased names, unfolded; values as sent. */
function rawHeaders(mail: ParsedMail): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of mail.headerLines ?? []) {
    const idx = line.line.indexOf(":");
    const value = idx >= 0 ? line.line.slice(idx + 1).replace(/\r?\n[ \t]+/g, " ").trim() : "";
    const list = map.get(line.key) ?? [];
    list.push(value);
    map.set(line.key, list);
  }
  return map;
}

/**
 * Parses any RFC 5322 / MIME message with mailparser (charsets via iconv-lite, encoded words,
 * RFC 2231 names, uuencode, nested messages). Never throws on content: broken parts degrade.
 */
export async function parseMail(raw: Uint8Array): Promise<Parsed> {
  const mail = await simpleParser(Buffer.from(raw), { skipImageLinks: true, skipTextToHtml: true, keepCidLinks: true });
  const from = addresses(mail.from)[0] ?? null;
  const html = typeof mail.html === "string" && mail.html.trim() ? mail.html : null;
  const text = mail.text?.trim() ? mail.text : html ? htmlToText(html) : "";
  return {
    messageId: normalizeMessageId(mail.messageId),
    inReplyTo: ids(mail.inReplyTo),
    references: ids(mail.references),
    subject: (mail.subject ?? "").replace(/\s+/g, " ").trim(),
    from,
    replyTo: addresses(mail.replyTo)[0] ?? null,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    text,
    html,
    headers: rawHeaders(mail),
    attachments: mail.attachments.map((a, i) => ({
      filename: safeFilename(a.filename ?? defaultName(a.contentType, i)),
      contentType: a.contentType || "application/octet-stream",
      content: a.content,
      contentId: a.contentId ? (normalizeMessageId(a.contentId) ?? a.contentId) : null,
      inline: a.contentDisposition === "inline" || a.related === true,
    })),
  };
}

function defaultName(contentType: string, index: number): string {
  if (contentType === "message/rfc822") return `message-${index + 1}.eml`;
  if (contentType === "text/calendar") return `invite-${index + 1}.ics`;
  const ext = contentType.split("/")[1]?.split(/[;+]/)[0] ?? "bin";
  return `attachment-${index + 1}.${ext}`;
}

/** File names without path parts or control characters, at most 200 characters. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").replace(/^\.+/, "").trim();
  return (clean || "attachment").slice(0, 200);
}

export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|tr|h[1-6])>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export const header = (p: Parsed, name: string): string | null => p.headers.get(name.toLowerCase())?.[0] ?? null;
