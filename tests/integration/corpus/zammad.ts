import iconv from "iconv-lite";
import { autoRespond } from "@/jobs/definitions/auto-respond";
import { classify } from "@/server/mail/classify";
import { parseMail } from "@/server/mail/parse";
import { type Checker, addressList, compact, comparable, matchingVariant, norm, oneAddress, plain } from "./check";
import { type Delivered, type StoredAttachment, jobsFor, md5, ticketState, ticketWithMessageId } from "./deliver";
import { type Entry, readMessage, zammadYml } from "./load";
import { checkCommon } from "./others";

type Att = Record<string, unknown>;

/**
 * Where this desk answers differently from Zammad, and why. The first group is what Zammad's
 * own _meta marks as its bugs; the rest are cases where the desk decodes or repairs more.
 */
export const ZAMMAD_DIFFERS: Record<string, Record<string, string>> = {
  "mail018.box": { subject: "_meta: Zammad leaves the UTF-7 word undecoded; the desk decodes it", body: "the UTF-7 body is decoded too" },
  "mail046.box": { from: "_meta: Zammad's display name is mojibake of raw GB2312 bytes; the desk reads them as GB2312", users: "the user's name is the decoded GB2312 name" },
  "mail060.box": { body: "_meta: Zammad's body is partly mojibake; the desk reads UTF-8 sequences as UTF-8 and the stray Latin-1 bytes as Latin-1" },
  "mail064.box": { attachments: "_meta: Zammad's file name is mojibake of windows-1258; the desk decodes it (NFD combining marks kept)" },
  "mail073.box": { attachments: "_meta: Zammad's file name has U+FFFD; the desk reads the %F6 of the us-ascii-declared name as Latin-1 ö" },
  "mail072.box": { body: "Zammad's windows-1258 text is mojibake ('suite ŕ ma commande', 'aoűt'); the desk decodes windows-1258 ('suite à', 'août')" },
  "mail054.box": { content_type: "see body", body: "the References header and the Content-Type boundary are folded without indentation; the desk repairs the folding and reads the body ('some text') where Zammad found none" },
  "mail085.box": { body: "Apple Mail's HTML branch is multipart/mixed of two HTML parts; the desk shows both (as Znuny does, see MultipartMixedHTML), Zammad keeps the second as document.html" },
  "mail102.box": { content_type: "text, image, PDF, text parts in multipart/mixed: the desk keeps the texts as the plain body and the image and PDF as attachments; Zammad builds HTML" },
  "mail023.box": { ticket_title: "no usable Subject: the desk titles the ticket '(no subject)' where Zammad writes '-'" },
  "mail019.box": { from: "From has an empty address <>: the desk takes the sender from Reply-To (Zammad's from_email says the same)" },
  "mail071.box": { from: "spaces inside <...>: the desk removes them, giving the address Zammad's user gets" },
  "mail076.box": { from: "a stray '>' after a quoted local part: the desk drops it and invents no display name", users: "the customer is the address as written, quoted local part kept (valid RFC 5322)" },
  "mail090.box": { follow_up: "ServiceNow incident numbers (Zammad's ExternalSync) are no thread key here: threads follow the ticket hook and Message-IDs, so this is a new ticket" },
};

const differs = (file: string, key: string) => ZAMMAD_DIFFERS[file]?.[key];

/** Prepares what a follow-up expectation needs: a ticket holding the Message-ID the mail refers to. */
export async function zammadSetup(file: string, e: Entry) {
  if (!e.follow_up || differs(file, "follow_up")) return null;
  const p = await parseMail(readMessage("zammad", file));
  const referenced = p.returnedMessageIds[0] ?? p.inReplyTo[0] ?? p.references.at(-1);
  if (!referenced) throw new Error(`${file}: no Message-ID to thread on`);
  const state = /stays 'closed'/.test(String(e.other_assertions)) ? "closed successful" : /state 'new'/.test(String(e.other_assertions)) ? "new" : "open";
  return { ticket: await ticketWithMessageId(referenced, state), state };
}

export async function checkZammad(c: Checker, file: string, e: Entry, d: Delivered, setup: Awaited<ReturnType<typeof zammadSetup>>) {
  checkCommon(c, { subject: differs(file, "subject") ? null : e.subject, to: e.to, cc: e.cc }, d);
  if (differs(file, "subject")) {
    const decoded = String(e.subject).replace(/\+([A-Za-z0-9+/]+)-/g, (m) => iconv.decode(Buffer.from(m), "utf7"));
    c.eq("subject", norm(d.subject), norm(decoded), differs(file, "subject"));
  }
  checkSender(c, file, e, d);
  if (typeof e.reply_to === "string") c.eq("reply_to", comparable(d.parsed.replyTo ? [d.parsed.replyTo] : []), comparable(addressList(e.reply_to)));
  checkBody(c, file, e, d);
  checkAttachments(c, file, e, d);

  if (e.is_auto_reply_or_bounce === true) {
    c.ok("is_auto_reply_or_bounce", classify(d.parsed).automated, `classified as automated (${classify(d.parsed).reasons.join(", ")})`);
    c.eq("is_auto_reply_or_bounce", await jobsFor(autoRespond.name, d.article!.id), 0, "no auto-response queued");
  }
  if (e.follow_up) {
    if (differs(file, "follow_up")) c.eq("follow_up.matched_by", d.result.outcome, "created", differs(file, "follow_up"));
    else {
      c.eq("follow_up.matched_by", { outcome: d.result.outcome, ticketId: d.ticket?.id }, { outcome: "follow_up", ticketId: setup!.ticket.id }, String((e.follow_up as Att).matched_by));
      const stateType = setup!.state === "closed successful" ? "closed" : setup!.state;
      c.eq("follow_up.matched_by", (await ticketState(setup!.ticket.id)).stateType, stateType, "the ticket's state is unchanged");
    }
  }
  if (typeof e.ticket_title === "string") {
    if (differs(file, "ticket_title")) c.eq("ticket_title", { title: d.ticket?.title, subject: d.subject }, { title: "(no subject)", subject: "" }, differs(file, "ticket_title"));
    else c.eq("ticket_title", d.ticket?.title, e.ticket_title);
  }
  checkArticle(c, file, e, d);
  checkUsers(c, file, e, d);
}

function checkSender(c: Checker, file: string, e: Entry, d: Delivered) {
  const ours = d.parsed.from;
  const stored = d.fromAddress ? oneAddress(d.fromAddress) : null;
  if (typeof e.from === "string") {
    const [want] = addressList(e.from);
    const why = differs(file, "from");
    if (file === "mail046.box") {
      const raw = d.raw.toString("latin1").match(/^From: "([^"]*)"/m)![1]!;
      c.eq("from", ours?.name, iconv.decode(Buffer.from(raw, "latin1"), "gb2312"), why);
      c.eq("from", ours?.address, want!.address.toLowerCase());
    } else if (file === "mail019.box") c.eq("from", { empty: want!.address, ours: ours?.address }, { empty: "", ours: String(e.from_email).toLowerCase() }, why);
    else if (file === "mail071.box") c.eq("from", ours, { address: want!.address.replace(/\s+/g, "").toLowerCase(), name: want!.name }, why);
    else if (file === "mail076.box") c.eq("from", ours, { address: want!.address.replace(/>$/, "").toLowerCase(), name: "" }, why);
    else c.eq("from", comparable(ours ? [ours] : []), comparable([want!]), e.from.includes(">,") ? "the first of the From addresses" : undefined);
    c.eq("from", stored && { address: stored.address, name: stored.name }, ours, "the stored article's sender");
  }
  if (typeof e.from_email === "string") {
    const want = e.from_email.toLowerCase();
    if (file === "mail071.box") c.eq("from_email", ours?.address, want.replace(/\s+/g, ""), differs(file, "from"));
    else if (file === "mail076.box") c.eq("from_email", ours?.address, want.replace(/>$/, ""), differs(file, "from"));
    else c.eq("from_email", ours?.address, want, "case-blind");
  }
  if (typeof e.from_display_name === "string") {
    if (file === "mail046.box") c.ok("from_display_name", Boolean(ours?.name) && !ours!.name.includes("\uFFFD") && ours!.name !== e.from_display_name, differs(file, "from")!);
    else if (file === "mail076.box") c.eq("from_display_name", ours?.name, "", differs(file, "from"));
    else c.eq("from_display_name", ours?.name, e.from_display_name);
  }
}

/** Our body as text: the sanitized HTML's text when the desk stored HTML, else the plain text. */
const ourText = (d: Delivered) => (d.html ? plain(d.html) : d.text);

function checkBody(c: Checker, file: string, e: Entry, d: Delivered) {
  const wantHtml = e.content_type === "text/html";
  if (typeof e.content_type === "string") {
    if (file === "mail054.box") c.ok("content_type", bodyDiffers(file, d), differs(file, "body")!);
    else if (differs(file, "content_type")) c.eq("content_type", { html: d.html, text: compact(d.text) }, { html: null, text: compact(plain(zammadYml(file).body ?? "")) }, differs(file, "content_type"));
    else c.eq("content_type", d.html !== null, wantHtml, `an HTML body is stored exactly when Zammad's body is ${e.content_type}`);
  }
  const yml = zammadYml(file).body ?? "";
  if (typeof e.body_md5_utf8 === "string") c.eq("body_md5_utf8", md5(yml), e.body_md5_utf8, "Zammad's .yml holds the body the md5 was taken of");
  const empty = yml === "no visible content";
  const exact = !wantHtml && md5(d.text) === e.body_md5_utf8;
  const why = differs(file, "body");
  if (typeof e.body_snippet === "string" || typeof e.body_length === "number") {
    if (exact) {
      c.eq("body_length", d.text.length, e.body_length, "the stored text is Zammad's body exactly");
      c.ok("body_snippet", d.text.startsWith(String(e.body_snippet)), "starts with the snippet");
    } else if (empty && !why) {
      c.eq("body_length", d.text, "", "Zammad's placeholder 'no visible content' is an empty body here");
      c.eq("body_snippet", d.html, null);
    } else if (why) {
      c.notMapped("body_length", why);
      c.ok("body_snippet", bodyDiffers(file, d), why);
    } else {
      const how = wantHtml ? "the same text as Zammad's sanitized HTML (whitespace aside)" : "the same text (whitespace aside: the desk decodes format=flowed and keeps trailing blank lines)";
      c.eq("body_length", compact(ourText(d)), compact(wantHtml ? plain(yml) : yml), how);
      c.ok("body_snippet", compact(ourText(d)).startsWith(compact(plain(String(e.body_snippet)))) || compact(ourText(d)).includes(compact(plain(String(e.body_snippet)))), "contains the snippet's text");
    }
  }
}

/** What the desk shows instead, where it answers differently (see ZAMMAD_DIFFERS). */
function bodyDiffers(file: string, d: Delivered): boolean {
  const text = ourText(d);
  switch (file) {
    case "mail018.box":
      return text.includes("Benachrichtigung über den Zustellstatus") && text.includes("Übermittlung an folgende Empfänger fehlgeschlagen");
    case "mail060.box":
      return d.text === "Here it goes - äöü - 差出人Here it goes - äöü - hi \u00ad";
    case "mail072.box":
      return text.includes("suite à ma commande du 14 août 2018 référencée");
    case "mail054.box":
      return d.text === "some text" && d.parsed.html === "<b>some text</b>";
    case "mail085.box": {
      const second = zammadYml(file).attachments?.find((a) => a.filename === "document.html");
      return compact(text).startsWith("123") && compact(text).includes(compact(plain(String(second?.data ?? "")))) && compact(plain(String(second?.data ?? ""))).length > 10;
    }
    default:
      return false;
  }
}

function checkAttachments(c: Checker, file: string, e: Entry, d: Delivered) {
  const list = (e.attachments as Att[] | null) ?? null;
  if (!list) return;
  let alternatives = 0;
  let skipped = 0;
  for (const want of list) {
    if (want.content_alternative === true && want.filename === "message.html") {
      alternatives++;
      // Zammad re-attaches the HTML part as message.html; the desk keeps it as the article's
      // HTML body (stored sanitized). Its decoded HTML, from the stored raw, is the same text.
      const html = Buffer.from(d.parsed.html ?? "", "utf8");
      const why = differs(file, "body");
      if (why) c.ok("attachments[].md5", d.html !== null, `the HTML body is stored (${why})`);
      else c.eq("attachments[].md5", md5(html), want.md5, "the decoded HTML part, UTF-8");
      c.eq("attachments[].filename", d.html !== null, true, "message.html is the article's HTML body");
      c.eq("attachments[].mime_type", d.html !== null, true, "text/html: the HTML body");
      c.eq("attachments[].content_alternative", d.parsed.text.length > 0 || d.html !== null, true, "the alternative to the text body");
      if (!why) c.eq("attachments[].size_bytes", html.length, want.size_bytes);
      else c.notMapped("attachments[].size_bytes", why);
      c.notMapped("attachments[].charset", "the desk stores every text as UTF-8 and keeps no per-part charset");
      continue;
    }
    if (file === "mail085.box" && want.filename === "document.html") {
      skipped++;
      for (const k of ["filename", "mime_type", "content_type_header", "size_bytes", "md5", "charset"]) c.notMapped(`attachments[].${k}`, differs(file, "body")!);
      continue;
    }
    const ours = findAttachment(d.attachments, want);
    c.ok("attachments[].md5", Boolean(ours), `an attachment with md5 ${String(want.md5)} (as stored, or with LF line ends as Zammad stores attached messages)`);
    if (!ours) continue;
    const name = String(want.filename);
    const why = differs(file, "attachments");
    if (why && file === "mail064.box") c.eq("attachments[].filename", ours.filename.normalize("NFC"), "Capture d’écran 2017-12-27 à 12.22.38.jpg", why);
    else if (why && name.includes("\uFFFD")) c.eq("attachments[].filename", ours.filename, name.replace("\uFFFD", "ö"), why);
    else if (file === "mail102.box" && !d.attachments.some((a) => a.filename === name)) c.eq("attachments[].filename", ours.filename, name.replace("091.00", "09.00"), "Zammad numbers the second of two equal names; the desk keeps both names as sent");
    else c.eq("attachments[].filename", ours.filename.normalize("NFC"), name.normalize("NFC"));
    c.eq("attachments[].mime_type", ours.contentType, String(want.mime_type).toLowerCase());
    if (typeof want.content_type_header === "string") c.eq("attachments[].content_type_header", ours.contentType, want.content_type_header.split(";")[0]!.trim().toLowerCase(), "the declared type");
    if (typeof want.content_id === "string") c.eq("attachments[].content_id", ours.contentId?.replace(/^<|>$/g, ""), want.content_id);
    const variant = matchingVariant(ours.bytes, ["with LF line ends"], { md5: String(want.md5), size: want.size_bytes as number });
    c.ok("attachments[].size_bytes", variant !== null, `size ${String(want.size_bytes)} and md5 (${variant ?? "no variant"})`);
    c.notMapped("attachments[].charset", "Zammad records UTF-8 for every binary part; the desk keeps no charset for attachments");
  }
  c.eq("attachment_count", d.attachments.length, list.length - alternatives - skipped, "Zammad's count less its message.html (the HTML body here)");
  if (list.length === 0) c.eq("attachments", d.attachments.length, 0);
}

function findAttachment(list: StoredAttachment[], want: Att): StoredAttachment | undefined {
  const byHash = list.filter((a) => matchingVariant(a.bytes, ["with LF line ends"], { md5: String(want.md5) }) !== null);
  if (byHash.length <= 1) return byHash[0];
  return byHash.find((a) => a.contentId?.replace(/^<|>$/g, "") === want.content_id) ?? byHash.find((a) => a.filename === want.filename) ?? byHash[0];
}

function checkArticle(c: Checker, file: string, e: Entry, d: Delivered) {
  const a = e.article as Att | null;
  if (!a) return;
  if (typeof a.from === "string") {
    const [want] = addressList(a.from);
    const stored = d.fromAddress ? oneAddress(d.fromAddress) : null;
    if (differs(file, "from")) c.eq("article.from", stored?.address, d.parsed.from?.address, differs(file, "from"));
    else c.eq("article.from", comparable(stored ? [stored] : []), comparable([want!]));
  }
  if (a.sender === "Customer") c.eq("article.sender", d.article?.senderType, "customer");
  if (a.type === "email") c.eq("article.type", d.article?.channel, "email");
  if (a.internal === false) c.eq("article.internal", d.article?.isInternal, false);
  if (typeof a.body_md5_utf8 === "string") c.eq("article.body_md5_utf8", md5(d.text), a.body_md5_utf8, "the stored text body, exactly");
  if (typeof a.body_length === "number") c.eq("article.body_length", d.text.length, a.body_length);
  if (typeof a.body_snippet === "string") c.ok("article.body_snippet", d.text.startsWith(a.body_snippet), "starts with the snippet");
  if (typeof a.body === "string") {
    if (differs(file, "body")) c.ok("article.body", bodyDiffers(file, d), differs(file, "body")!);
    else if (a.body === "no visible content") c.eq("article.body", d.text, "", "Zammad's placeholder for an empty body");
    else c.eq("article.body", compact(ourText(d)), compact(plain(a.body)), "the same text");
  }
}

function checkUsers(c: Checker, file: string, e: Entry, d: Delivered) {
  for (const u of (e.users as Att[] | null) ?? []) {
    const name = d.customer?.name ?? "";
    const why = differs(file, "users");
    if (file === "mail076.box") c.eq("users[].email", d.customer?.email, d.parsed.from?.address, why);
    else c.eq("users[].email", d.customer?.email, String(u.email).toLowerCase());
    if (why) {
      for (const k of ["firstname", "lastname", "fullname"]) c.notMapped(`users[].${k}`, why);
      c.eq("users[].fullname", name, d.parsed.from?.name || d.parsed.from?.address.split("@")[0], "the sender's name as decoded");
      continue;
    }
    // Zammad capitalizes names ("bertha　mou" → "Bertha Mou"); the desk keeps the sender's spelling.
    c.eq("users[].fullname", norm(name).toLowerCase(), norm(String(u.fullname)).toLowerCase(), "case-blind");
    for (const k of ["firstname", "lastname"] as const) {
      if (typeof u[k] === "string" && u[k]) c.ok(`users[].${k}`, norm(name).toLowerCase().includes(norm(String(u[k])).toLowerCase()), `the name contains ${k} "${String(u[k])}"`);
      else c.notMapped(`users[].${k}`, "empty in Zammad");
    }
  }
}
