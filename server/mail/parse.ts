import { convert } from "html-to-text";
import iconv from "iconv-lite";
import libmime from "libmime";
import { type AddressObject, type Attachment, type ParsedMail, parseAddressHeader, simpleParser } from "mailparser";
import { charsetHints, deskIconv, guessDecode, repairRaw } from "./charset";
import { checkStructure, DEFAULT_MAIL_LIMITS, type MailLimits, MailRefused, ParseBudget } from "./limits";

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
  /** For a delivery report: the Message-IDs of the returned message (threads the bounce). */
  returnedMessageIds: string[];
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

/**
 * Parses any RFC 5322 / MIME message with mailparser after a charset repair pass (see
 * ./charset): raw 8-bit headers, undeclared, wrong or unknown charsets and UTF-7 come out as
 * readable text. Broken content degrades, never throws; a message over the limits (size, parts,
 * nesting, header size, time budget: ./limits) is refused with `MailRefused` and a reason.
 */
export async function parseMail(raw: Uint8Array, opts: { limits?: Partial<MailLimits>; budget?: ParseBudget } = {}): Promise<Parsed> {
  const limits = { ...DEFAULT_MAIL_LIMITS, ...opts.limits };
  const budget = opts.budget ?? new ParseBudget(limits.budgetMs);
  const original = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (original.length > limits.maxBytes) throw new MailRefused("adminMail.quarantine.reasons.tooLarge", `the message has ${original.length} bytes, over the limit of ${limits.maxBytes}`);
  checkStructure(original, limits);
  budget.check("structure");
  const hints = charsetHints(original);
  const repaired = repairRaw(original, hints);
  budget.check("charset repair");
  const mail = await simpleParser(repaired, {
    skipImageLinks: true,
    skipTextToHtml: true,
    keepCidLinks: true,
    keepDeliveryStatus: true,
    Iconv: deskIconv(hints),
    maxHeadSize: limits.maxHeaderBytes,
    maxChildNodes: limits.maxParts,
  }).catch((error: unknown) => {
    throw overLimit(error, limits) ?? error;
  });
  budget.check("MIME parsing");
  const headers = rawHeaders(mail);
  const first = (name: string) => headers.get(name)?.[0] ?? "";
  const named = addresses(mail.from, first("from"));
  const fallback = addresses(mail.headers.get("sender") as AddressObject | undefined, first("sender"))[0] ?? addresses(mail.replyTo, first("reply-to"))[0];
  const from = named[0]?.address ? named[0] : fallback ? { address: fallback.address, name: named[0]?.name || fallback.name } : null;
  const html = typeof mail.html === "string" && mail.html.trim() ? mail.html : null;
  budget.check("addresses");
  const text = mail.text?.trim() ? mail.text : html ? htmlToText(html) : "";
  budget.check("text");
  const report = /^multipart\/report/i.test(first("content-type"));
  const attachments = mail.attachments.map((a, i) => toAttachment(a, i));
  return withoutNul({
    messageId: normalizeMessageId(mail.messageId),
    inReplyTo: ids(mail.inReplyTo),
    references: ids(mail.references),
    subject: subjectOf(mail, first("subject")),
    from,
    replyTo: addresses(mail.replyTo, first("reply-to"))[0] ?? null,
    to: addresses(mail.to, first("to")),
    cc: addresses(mail.cc, first("cc")),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    text,
    html,
    headers,
    attachments,
    returnedMessageIds: report ? returnedIds(attachments) : [],
  });
}

/**
 * NUL characters dropped from every text the desk keeps or compares (PostgreSQL text cannot hold
 * them, and no mail means one); attachment bytes stay as they are.
 */
function withoutNul(p: Parsed): Parsed {
  const c = (value: string) => (value.includes("\u0000") ? value.replaceAll("\u0000", "") : value);
  const n = (value: string | null) => (value === null ? null : c(value));
  const address = (a: MailAddress | null) => (a ? { address: c(a.address), name: c(a.name) } : null);
  return {
    ...p,
    messageId: n(p.messageId),
    inReplyTo: p.inReplyTo.map(c),
    references: p.references.map(c),
    subject: c(p.subject),
    from: address(p.from),
    replyTo: address(p.replyTo),
    to: p.to.map((a) => address(a)!),
    cc: p.cc.map((a) => address(a)!),
    text: c(p.text),
    html: n(p.html),
    headers: new Map([...p.headers].map(([k, v]) => [c(k), v.map(c)])),
    attachments: p.attachments.map((a) => ({ ...a, filename: c(a.filename), contentType: c(a.contentType), contentId: n(a.contentId) })),
    returnedMessageIds: p.returnedMessageIds.map(c),
  };
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

/** mailsplit's own limit errors (EMAXLEN), as the quarantine reason they stand for. */
function overLimit(error: unknown, limits: MailLimits): MailRefused | null {
  const e = error as { code?: string; message?: string } | null;
  if (e?.code !== "EMAXLEN") return null;
  return /child nodes/i.test(e.message ?? "")
    ? new MailRefused("adminMail.quarantine.reasons.tooManyParts", `the message has more than ${limits.maxParts} MIME parts`)
    : new MailRefused("adminMail.quarantine.reasons.headerTooLarge", `a header block is larger than ${limits.maxHeaderBytes} bytes`);
}

/**
 * Addresses as mailparser reads them (nodemailer's address parser), repaired where senders break
 * the syntax: spaces inside <...> ("power quadrant system@example.com"), a stray ">" after the
 * address, and the reversed comment form "Name (user@example.com)". The repairs cut the header
 * at its delimiters and hand the pieces back to the same parser; no pattern here backtracks.
 * Addresses are lower-cased (matching is case-blind).
 */
function addresses(value: AddressObject | AddressObject[] | undefined, rawHeader: string): MailAddress[] {
  const out: MailAddress[] = [];
  for (const v of Array.isArray(value) ? value : value ? [value] : []) flatten(v.value, out);
  const decoded = decodeWords(rawHeader);
  const spaced = out.length === 1 ? spacesInAngles(decoded) : null;
  if (spaced) return [spaced];
  if (out.some((a) => !a.address.includes("@"))) {
    const reversed = decoded.split(",").map(reversedComment).filter((a): a is MailAddress => a !== null);
    if (reversed.length) return reversed;
  }
  return out.filter((a) => a.address.includes("@"));
}

type AddressEntry = { address?: string; name: string; group?: AddressEntry[] };
function flatten(entries: AddressEntry[], out: MailAddress[]) {
  for (const e of entries) {
    if (e.group) flatten(e.group, out);
    else out.push({ address: cleanAddress(e.address ?? ""), name: e.name?.trim() ?? "" });
  }
}

/** `Name <local part with spaces@domain>`: one pair of angle brackets at the end, whitespace inside. */
function spacesInAngles(decoded: string): MailAddress | null {
  const open = decoded.indexOf("<");
  const close = decoded.lastIndexOf(">");
  if (open < 0 || close < open || decoded.indexOf("<", open + 1) >= 0 || decoded.slice(close + 1).trim()) return null;
  const inner = decoded.slice(open + 1, close).trim();
  if (!inner.includes("@") || !/\s/.test(inner)) return null;
  const joined = inner.split(/\s+/).join("");
  const [parsed] = parseAddressHeader(`${decoded.slice(0, open)}<${joined}>`).value;
  return parsed?.address ? { address: cleanAddress(parsed.address), name: parsed.name.trim() } : null;
}

/** `Name (user@example.com)`: the address in the last comment of one list entry. */
function reversedComment(entry: string): MailAddress | null {
  const open = entry.lastIndexOf("(");
  const close = entry.indexOf(")", open);
  if (open < 0 || close < 0) return null;
  const inner = entry.slice(open + 1, close).trim();
  const [parsed] = parseAddressHeader(inner).value;
  if (!parsed?.address || parsed.address !== inner || !inner.includes("@") || /[\s()]/.test(inner)) return null;
  return { address: cleanAddress(inner), name: trimChars(entry.slice(0, open), '" \t') };
}

function cleanAddress(address: string): string {
  return trimChars(trimChars(address.trim(), "<", ">"), " \t").toLowerCase();
}

/** Trims the characters in `start` from the start and those in `end` from the end (no regex: a long run cannot backtrack). */
function trimChars(value: string, start: string, end = start): string {
  let from = 0;
  let to = value.length;
  while (from < to && start.includes(value[from]!)) from++;
  while (to > from && end.includes(value[to - 1]!)) to--;
  return value.slice(from, to);
}

/** Encoded words as mailparser decodes them, plus UTF-7 (which it refuses). */
function decodeWords(value: string): string {
  if (!value) return "";
  try {
    if (!/=\?(unicode-1-1-)?utf-?7\?/i.test(value)) return libmime.decodeWords(value);
  } catch {
    return value;
  }
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (whole, charset: string, enc: string, data: string) => {
      const bytes = enc.toUpperCase() === "B" ? Buffer.from(data, "base64") : Buffer.from(data.replace(/_/g, " ").replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1");
      return /utf-?7$/i.test(charset) ? iconv.decode(bytes, "utf7") : libmime.decodeWords(whole);
    });
}

function subjectOf(mail: ParsedMail, rawSubject: string): string {
  const subject = /=\?(unicode-1-1-)?utf-?7\?/i.test(rawSubject) ? decodeWords(rawSubject) : (mail.subject ?? "");
  return subject.replace(/\s+/g, " ").trim();
}

function toAttachment(a: Attachment, index: number): ParsedAttachment {
  const declared = (a.headers.get("content-type") as { value?: string } | undefined)?.value;
  const contentType = (declared || a.contentType || "application/octet-stream").toLowerCase();
  const description = String(a.headers.get("content-description") ?? "").trim();
  const encoding = String(a.headers.get("content-transfer-encoding") ?? "").toLowerCase();
  const content = /^(x-)?uu(e|encode)$/.test(encoding) ? uudecode(a.content) : a.content;
  return {
    filename: safeFilename(a.filename ?? defaultName(contentType, index, content, description)),
    contentType,
    content,
    contentId: a.contentId ? (normalizeMessageId(a.contentId) ?? a.contentId) : null,
    inline: a.contentDisposition === "inline" || a.related === true,
  };
}

/** A name for an unnamed part: a returned or forwarded message is named after its subject. */
function defaultName(contentType: string, index: number, content: Buffer, description: string): string {
  if (contentType === "message/rfc822") {
    const subject = innerHeader(content, "subject");
    return `${subject ? decodeWords(subject).replace(/\s+/g, " ").trim() : description || `message-${index + 1}`}.eml`;
  }
  if (contentType === "message/delivery-status") return `${description || "delivery-status"}.txt`;
  if (contentType === "text/rfc822-headers") return `${description || "headers"}.txt`;
  if (contentType === "text/calendar") return "invite.ics";
  const [major, minor] = contentType.split("/");
  return `${major === "image" ? "image" : "attachment"}.${minor?.split(/[;+]/)[0] || "bin"}`;
}

/** One header of an attached message (unfolded), read from its header block. */
function innerHeader(content: Buffer, name: string): string | null {
  const head = guessDecode(headerBlock(content), charsetHints(content));
  const match = head.replace(/\r?\n[ \t]+/g, " ").match(new RegExp(`^${name}:[ \\t]*(.*)$`, "im"));
  return match?.[1]?.trim() || null;
}

function headerBlock(content: Buffer): Buffer {
  const lf = content.indexOf("\n\n");
  const crlf = content.indexOf("\r\n\r\n");
  const ends = [lf, crlf].filter((i) => i >= 0);
  return content.subarray(0, ends.length ? Math.min(...ends) : Math.min(content.length, 64 * 1024));
}

function returnedIds(attachments: ParsedAttachment[]): string[] {
  const found = attachments
    .filter((a) => a.contentType === "message/rfc822" || a.contentType === "text/rfc822-headers")
    .map((a) => normalizeMessageId(innerHeader(a.content, "message-id")))
    .filter((x): x is string => Boolean(x));
  return [...new Set(found)];
}

/** x-uuencode, which mailparser leaves encoded: "begin"/"end" lines optional, "`" is zero. */
export function uudecode(encoded: Buffer): Buffer {
  const out: number[] = [];
  for (const line of encoded.toString("latin1").split(/\r?\n/)) {
    if (!line || /^(begin\s|end$)/.test(line)) continue;
    const length = (line.charCodeAt(0) - 32) & 63;
    const sextet = (i: number) => ((line.charCodeAt(i) || 32) - 32) & 63;
    const bytes: number[] = [];
    for (let i = 1; bytes.length < length; i += 4) {
      const [a, b, c, d] = [sextet(i), sextet(i + 1), sextet(i + 2), sextet(i + 3)];
      bytes.push(((a << 2) | (b >> 4)) & 255, ((b << 4) | (c >> 2)) & 255, ((c << 6) | d) & 255);
    }
    out.push(...bytes.slice(0, length));
  }
  return Buffer.from(out);
}

/** File names without path parts or control characters, at most 200 characters. */
export function safeFilename(name: string): string {
  const base = name.replace(/[\r\n\t]+/g, " ").replace(/[\u0000-\u001f\u007f]/g, "").split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/ {2,}/g, " ").replace(/^[.\s]+/, "").trim();
  return (clean || "attachment").slice(0, 200);
}

/** Plain text of an HTML body (html-to-text: one linear parse), for mail that has no text part. */
export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    limits: { maxInputLength: 4 * 1024 * 1024, maxDepth: 200, maxChildNodes: 20_000 },
    selectors: [
      { selector: "a", options: { ignoreHref: true } },
      { selector: "img", format: "skip" },
      { selector: "h1", options: { uppercase: false } },
      { selector: "h2", options: { uppercase: false } },
      { selector: "h3", options: { uppercase: false } },
      { selector: "h4", options: { uppercase: false } },
      { selector: "h5", options: { uppercase: false } },
      { selector: "h6", options: { uppercase: false } },
      { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false } },
    ],
  }).trim();
}

export const header = (p: Parsed, name: string): string | null => p.headers.get(name.toLowerCase())?.[0] ?? null;
