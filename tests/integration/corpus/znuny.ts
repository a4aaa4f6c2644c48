import { db } from "@/db";
import { getSetting } from "@/server/services/settings";
import { subjectWithHook } from "@/server/mail/compose";
import { ingestMail } from "@/server/mail/postmaster";
import { uniqueMessageId, withHeader } from "../../helpers/mail";
import { type Checker, compact, matchingVariant, norm, otrsName } from "./check";
import { type Delivered, type StoredAttachment, md5 } from "./deliver";
import type { Entry } from "./load";
import { checkCommon } from "./others";

type Att = Record<string, unknown>;

/** Where this desk answers differently from Znuny, and why. */
export const ZNUNY_DIFFERS: Record<string, Record<string, string>> = {
  "EmailParser/PostMaster-Test14.box": {
    from: "the raw 0xAE byte in From is read as windows-1252 '®' ('VIAGRA ® Official Site'), not replaced by U+FFFD",
    html2ascii: "the md5 is of Znuny's html2ascii rendering of this HTML-only mail; the desk renders HTML to text with another converter (its text is checked under charset)",
  },
  "EmailParser/PostMaster-Test8.box": { body: "a message that is one application/pdf part: Znuny returns the PDF as the body and lists no attachment; the desk keeps an empty body and the PDF as the attachment" },
  "EmailParser/PostMaster-Test13.box": { body: "a message that is one application/msword part: Znuny returns the document as the body; the desk keeps it as the attachment" },
  "EmailParser/PostMaster-Test12.box": { flowed: "the text is format=flowed: the desk removes the space-stuffing (RFC 3676), Znuny keeps it" },
  "EmailParser/Win7SnippingTool.box": { attachments: "the multipart/alternative's boundary line is not indented; the desk repairs the folding and reads its text and HTML bodies, where Znuny keeps the unreadable part as an entry" },
};

/**
 * How many of Znuny's GetAttachments() entries are body parts (file-1 text, file-2 HTML):
 * Znuny lists them among the attachments, the desk stores them as the article's body.
 */
const BODY_ENTRIES: Record<string, number> = {
  "EmailParser/PostMaster-Test12.box": 1,
  "EmailParser/EmptyEmail.eml": 1,
  "EmailParser/FilenameWithCRLF.box": 0,
  "EmailParser/MultipartMixedHTML.eml": 2,
  "EmailParser/MultipartMixedHTMLPlain.eml": 1,
  "EmailParser/NestedMessage-Test1.box": 2,
  "EmailParser/UTF8Filename.box": 2,
  "EmailParser/DuplicatedContentTypeHeader.eml": 0,
  "PostMaster/LongContentTypeAttachment.box": 0,
};

const differs = (file: string, key: string) => ZNUNY_DIFFERS[file]?.[key];

export async function checkZnuny(c: Checker, file: string, e: Entry, d: Delivered) {
  checkCommon(c, { subject: e.subject, to: e.to, cc: e.cc, from: differs(file, "from") ? null : e.from }, d);
  if (differs(file, "from")) {
    c.eq("from", d.parsed.from, { address: "security@example.org", name: String(e.from).match(/^"([^"]*)"/)![1]!.replace("\uFFFD", "®") }, differs(file, "from"));
  }
  if (typeof e.charset === "string") {
    if (e.charset === "") c.eq("charset", d.text, "", "no text part: no body text");
    else c.ok("charset", d.text.trim().length > 0 && !d.text.includes("\uFFFD"), `the body, declared or guessed ${e.charset}, reads without U+FFFD`);
    if (file.endsWith("PostMaster-Test11.box")) c.ok("charset", d.text.includes("demasiado rápido"), "no Content-Type: the 8-bit body is read as ISO-8859-1");
  }
  checkBody(c, file, e, d);
  checkAttachments(c, file, e, d);
  if (e.postmaster_run_return === 1) c.eq("postmaster_run_return", d.result.outcome, "created", "Run() = 1: a new ticket");
  else if (e.postmaster_run_return !== null && e.postmaster_run_return !== undefined) c.eq("postmaster_run_return", d.result.outcome === "created" && Boolean(d.result.ticketNumber), true, "Run() true: a ticket");
  if (e.follow_up) await checkFollowUp(c, d);
}

function checkBody(c: Checker, file: string, e: Entry, d: Delivered) {
  if (typeof e.body_md5_utf8 === "string") {
    const why = differs(file, "body");
    if (why) {
      const only = d.attachments.find((a) => md5(a.bytes) === e.body_md5_utf8);
      c.eq("body_md5_utf8", { text: d.text, attachment: Boolean(only) }, { text: "", attachment: true }, why);
    } else if (differs(file, "html2ascii")) c.notMapped("body_md5_utf8", differs(file, "html2ascii")!);
    else if (differs(file, "flowed")) c.eq("body_md5_utf8", md5(`${d.text.replace(/^ /gm, "  ")}\n`), e.body_md5_utf8, differs(file, "flowed"));
    else if (md5(d.text) === e.body_md5_utf8) c.eq("body_md5_utf8", md5(d.text), e.body_md5_utf8, "the stored text body, exactly");
    else c.eq("body_md5_utf8", md5(d.text.replace(/\n+$/, "\n")), e.body_md5_utf8, "the stored text body; Znuny keeps one final line break");
  }
  if (typeof e.body_snippet === "string") c.eq("body_snippet", norm(d.text), norm(e.body_snippet), "whitespace runs folded (the desk keeps the blank lines between parts)");
  for (const want of (e.body_must_contain as string[] | null) ?? []) c.ok("body_must_contain", d.text.includes(want), `the text body contains "${want}"`);
  for (const not of (e.body_must_not_contain as string[] | null) ?? []) c.ok("body_must_not_contain", !new RegExp(`\\b${not}\\b`, "i").test(d.text), `no "${not}" left from the HTML in the text body`);
}

function checkAttachments(c: Checker, file: string, e: Entry, d: Delivered) {
  const list = (e.attachments as Att[] | null) ?? [];
  const why = differs(file, "attachments");
  if (why) {
    for (const k of ["index", "content_type"]) c.notMapped(`attachments[].${k}`, why);
    c.eq("attachment_count", { image: d.attachments.map((a) => a.filename), text: compact(d.text).length > 0, html: d.html !== null }, { image: ["image001.png"], text: true, html: true }, why);
    return;
  }
  for (const want of list) {
    c.notMapped("attachments[].index", "Znuny counts body parts among the attachments; the desk matches attachments by name");
    const name = String(want.filename ?? "");
    if (/^file-\d/.test(name)) {
      checkBodyEntry(c, want, d);
      continue;
    }
    const ours = findAttachment(d.attachments, want);
    c.ok("attachments[].filename", Boolean(ours), `an attachment named ${name || String(want.content_type)} (compared the way OTRS cleans names)`);
    if (!ours) continue;
    if (name) c.eq("attachments[].filename", otrsName(ours.filename), otrsName(name));
    if (typeof want.md5 === "string") {
      const variant = matchingVariant(ours.bytes, ["with LF line ends"], { md5: want.md5 });
      c.ok("attachments[].md5", variant !== null, `md5 ${want.md5} (${variant ?? "no variant"}; Znuny stores text parts with LF line ends)`);
    }
    if (typeof want.size_bytes === "number") c.eq("attachments[].size_bytes", ours.size, want.size_bytes);
    if (typeof want.content === "string") c.eq("attachments[].content", ours.bytes.toString("utf8"), want.content);
    if (typeof want.content_type === "string") c.eq("attachments[].content_type", ours.contentType, want.content_type.split(";")[0]!.trim().toLowerCase(), "the type; the desk keeps no parameters");
    if (typeof want.mime_type === "string") c.eq("attachments[].mime_type", ours.contentType, want.mime_type);
    if (typeof want.content_id === "string") c.eq("attachments[].content_id", ours.contentId ?? "", want.content_id);
    if (typeof want.disposition === "string") c.eq("attachments[].disposition", ours.inline ? "inline" : "attachment", want.disposition.split(";")[0]!.trim());
    if (want.content_alternative !== undefined && want.content_alternative !== null) c.notMapped("attachments[].content_alternative", "an OTRS flag for body alternatives; the desk stores bodies as text and HTML, not as attachments");
  }
  if (typeof e.attachment_count === "number") {
    const bodies = BODY_ENTRIES[file] ?? 0;
    if (differs(file, "body")) c.eq("attachment_count", d.attachments.length, e.attachment_count + 1, differs(file, "body"));
    else c.eq("attachment_count", d.attachments.length, e.attachment_count - bodies, `Znuny's count less its ${bodies} body entr${bodies === 1 ? "y" : "ies"}`);
  }
}

/** Znuny's file-1 (text body) and file-2 (HTML body) entries are the article's body here. */
function checkBodyEntry(c: Checker, want: Att, d: Delivered) {
  const name = String(want.filename);
  const html = name === "file-2" || name.endsWith(".html") || want.mime_type === "text/html";
  if (html) c.ok("attachments[].filename", d.html !== null && compact(d.text).length > 0, `${name}: the HTML body is stored, its text (with any plain part after it) is the text body`);
  else c.ok("attachments[].filename", d.text.length > 0 || want.size_bytes === 0, `${name}: the text body is stored`);
  if (want.size_bytes === 0) c.eq("attachments[].size_bytes", d.text, "", "an empty text part is an empty body");
  else if (typeof want.size_bytes === "number") c.notMapped("attachments[].size_bytes", "the desk keeps the blank lines between joined parts (text) and stores HTML sanitized");
  if (typeof want.content === "string") c.eq("attachments[].content", norm(d.text), norm(want.content), "the text body, whitespace runs folded");
  for (const k of ["mime_type", "content_type", "charset", "content_alternative", "disposition"]) {
    if (want[k] !== undefined && want[k] !== null) c.notMapped(`attachments[].${k}`, "a property of Znuny's body entry; here the body is the article's text/HTML");
  }
}

function findAttachment(list: StoredAttachment[], want: Att): StoredAttachment | undefined {
  const name = String(want.filename ?? "");
  if (name) return list.find((a) => otrsName(a.filename) === otrsName(name));
  const type = String(want.content_type ?? "").split(";")[0]!.trim().toLowerCase();
  return list.find((a) => a.contentType === type);
}

/**
 * PostMaster.t resends the sample with the ticket number in the subject (TicketSubjectBuild and
 * "Ticket::Hook: nr", ":nr", "nr") and expects a follow-up each time. The desk deduplicates by
 * Message-ID, so each resend carries a new one, as a real resend would.
 */
async function checkFollowUp(c: Checker, d: Delivered) {
  const hook = await getSetting(db, "ticket.hook");
  const number = d.result.ticketNumber!;
  const variants = [subjectWithHook(hook, number, d.subject), `${d.subject} ${hook}: ${number}`, `${d.subject} ${hook}:${number}`, `${d.subject} ${hook}${number}`];
  const outcomes: string[] = [];
  for (const subject of variants) {
    const resent = withHeader(withHeader(d.raw, "Subject", subject), "Message-ID", uniqueMessageId());
    const r = await ingestMail(db, resent, { source: "pipe" });
    outcomes.push(r.outcome);
    c.eq("follow_up.matched_by", { outcome: r.outcome, ticketNumber: r.ticketNumber }, { outcome: "follow_up", ticketNumber: number }, `subject "${subject}"`);
  }
  c.eq("follow_up.expected_run_return", outcomes, variants.map(() => "follow_up"), "Run() = 2 (follow-up) for every variant");
}
