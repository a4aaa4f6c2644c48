import { type Checker, addressList, compact, comparable, norm, plain } from "./check";
import { type Delivered, type StoredAttachment, md5, sha256 } from "./deliver";
import type { Entry } from "./load";

type Att = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : "");

/** Subject, sender, recipients and attachment count: the same meaning in every corpus. */
export function checkCommon(c: Checker, e: Entry, d: Delivered) {
  if (typeof e.subject === "string") c.eq("subject", norm(d.subject), norm(e.subject), "whitespace runs folded, as the desk stores subjects");
  if (typeof e.from === "string") {
    const [want] = addressList(e.from);
    c.eq("from", comparable(d.parsed.from ? [d.parsed.from] : []), comparable([want!]), "the sender, address case-blind");
  }
  for (const key of ["to", "cc"] as const) {
    const value = e[key];
    const ours = key === "to" ? d.parsed.to : d.parsed.cc;
    if (typeof value === "string") {
      c.eq(key, comparable(ours), comparable(addressList(value)), "display names and addresses");
      if (d.article) c.eq(key, d.article[key === "to" ? "toAddresses" : "ccAddresses"] ?? "", addressList(value).map((a) => a.address.toLowerCase()).join(", "), "addresses on the stored article");
    }
  }
  if (typeof e.attachment_count === "number") c.eq("attachment_count", d.attachments.length, e.attachment_count);
}

/** nodemailer/mailparser's own fixtures (the library this desk parses with). */
export function checkMailparser(c: Checker, file: string, e: Entry, d: Delivered) {
  checkCommon(c, e, d);
  const to = e.to as { value: { address: string; name: string }[]; text: string } | null;
  if (to) {
    c.eq("to.value[].address", d.parsed.to.map((a) => a.address), to.value.map((a) => a.address.toLowerCase()));
    c.eq("to.value[].name", d.parsed.to.map((a) => a.name), to.value.map((a) => a.name));
    c.eq("to.text", comparable(d.parsed.to), comparable(addressList(to.text)));
  }
  if (typeof e.text_body === "string") c.eq("text_body", d.text, e.text_body, "the stored plain-text body, exactly");
  if (typeof e.html_body === "string") {
    if (file === "mixed.eml") {
      // mailparser appends the trailing text/plain part to the HTML as <p>…</p>; this desk keeps
      // plain parts out of the HTML (skipTextToHtml) and shows them in the text body instead.
      c.eq("html_body", d.parsed.html, e.html_body.replace("<p>Good Morning;</p>", ""), "the HTML exactly, less the plain part mailparser converts into it");
      c.ok("html_body", d.text.includes("Good Morning;"), "the plain part after the alternative is in the text body");
    } else {
      c.eq("html_body", d.parsed.html, e.html_body, "the decoded HTML, exactly");
      c.eq("html_body", compact(plain(d.html ?? "")), compact(plain(e.html_body)), "the stored (sanitized) HTML shows the same text");
    }
  }
  for (const want of (e.body_must_contain as string[] | null) ?? []) {
    if (want.startsWith("html contains: data:image/png;base64,")) {
      // mailparser inlines cid: images as data: URIs; the desk resolves the cid: link on arrival
      // to the URL of the stored inline attachment, whose base64 is the asserted prefix.
      const prefix = want.slice("html contains: data:image/png;base64,".length);
      const image = d.attachments.find((a) => a.contentType === "image/png" && a.id && d.html?.includes(`src="/api/attachments/${a.id}"`));
      c.ok("body_must_contain", Boolean(image?.bytes.toString("base64").startsWith(prefix)), `the inline image referenced by cid: starts with ${prefix}`);
    } else if (file === "delivery-status.eml") {
      // The desk keeps the message/delivery-status part as an attachment (as Zammad, Znuny,
      // php-imap and postal-mime do) instead of appending it to the body text as mailparser does.
      const dsn = d.attachments.find((a) => a.contentType === "message/delivery-status");
      c.ok("body_must_contain", Boolean(dsn?.bytes.toString("utf8").includes(want)), `the delivery-status attachment contains "${want}"`);
    } else c.ok("body_must_contain", d.text.includes(want), `body contains "${want}"`);
  }
  for (const want of (e.attachments as Att[] | null) ?? []) {
    const index = want.index as number;
    if (typeof want.checksum_md5 === "string") {
      c.eq("attachments[].index", d.parsed.attachments[index] ? md5(d.parsed.attachments[index].content) : null, want.checksum_md5, `the parse's attachment #${index}`);
      c.ok("attachments[].checksum_md5", d.attachments.some((a) => md5(a.bytes) === want.checksum_md5), "a stored attachment has these bytes");
    }
    if (typeof want.sha256 === "string") {
      c.eq("attachments[].index", d.parsed.attachments[index] ? sha256(d.parsed.attachments[index].content) : null, want.sha256, `the parse's attachment #${index}`);
      c.ok("attachments[].sha256", d.attachments.some((a) => sha256(a.bytes) === want.sha256), "a stored attachment has these bytes");
    }
  }
}

export function checkPhpImap(c: Checker, e: Entry, d: Delivered) {
  checkCommon(c, e, d);
  if (typeof e.charset === "string") {
    const declared = d.raw.toString("latin1").match(/charset\s*=\s*"?([^";\s]+)/i)?.[1];
    c.eq("charset", declared?.toLowerCase(), e.charset.toLowerCase(), "the charset the body was decoded from");
  }
  if (typeof e.text_body === "string") c.eq("text_body", d.text.trimEnd(), e.text_body, "without the final line break, which php-imap drops");
  if (e.text_body && typeof e.text_body === "object") {
    const want = (e.text_body as { sha256: string }).sha256;
    const crlf = d.text.replace(/\r?\n/g, "\r\n").trim();
    c.eq("text_body.sha256", sha256(crlf), want, "the stored text body with CRLF line ends, trimmed as php-imap returns it");
  }
  if (typeof e.html_body === "string") {
    c.eq("html_body", d.parsed.html?.trim(), e.html_body, "the decoded HTML");
    c.eq("html_body", compact(plain(d.html ?? "")), compact(plain(e.html_body)), "the stored (sanitized) HTML shows the same text");
  }
  if (e.has_text_body === false) {
    // No text/plain part: the desk's text body is empty or, for HTML mail, the HTML's text.
    c.eq("has_text_body", compact(d.text), compact(d.parsed.html ? plain(d.parsed.html) : ""), "no plain part: the text is derived from the HTML or empty");
  }
  if (e.has_html_body === false) c.eq("has_html_body", d.html, null, "no HTML body stored (an empty HTML part does not count)");
  for (const want of (e.attachments as Att[] | null) ?? []) {
    const ours = findByType(d.attachments, want);
    c.ok("attachments[].content_type", Boolean(ours), `an attachment of type ${str(want.content_type)}`);
    if (!ours) continue;
    if (/^[0-9a-f]{8}$/.test(str(want.filename))) c.notMapped("attachments[].filename", "php-imap generates a hash as name for an unnamed part; the desk names it after its content");
    else c.eq("attachments[].filename", ours.filename.normalize("NFC"), str(want.filename).normalize("NFC"));
    c.eq("attachments[].content_type", ours.contentType, want.content_type);
    if (ours.contentType === "message/rfc822" && want.part_number === 2) {
      // php-imap re-serializes this attached message (776 bytes; the part as sent is 760 bytes
      // with LF, 778 with CRLF): the desk keeps the bytes as sent, a verbatim slice of the raw.
      c.notMapped("attachments[].sha256", "php-imap re-serializes the attached message");
      c.ok("attachments[].size_bytes", d.raw.includes(ours.bytes) && ours.size === 760, "the attached message is kept byte for byte as it is in the raw message");
    } else {
      const crlf = Buffer.from(ours.bytes.toString("latin1").replace(/\r?\n/g, "\r\n").trimEnd(), "latin1");
      const hash = sha256(ours.bytes) === want.sha256 ? "as stored" : sha256(crlf) === want.sha256 ? "with CRLF line ends, trimmed" : null;
      c.ok("attachments[].sha256", hash !== null, `the stored bytes hash to php-imap's sha256 (${hash ?? "no variant"})`);
      const b64 = (cols: number) => ours.bytes.toString("base64").replace(new RegExp(`.{1,${cols}}`, "g"), "$&\r\n").length - 2;
      const sizes: Record<string, number> = { "as stored": ours.size, "with CRLF line ends, trimmed": crlf.length, "of the base64 text (72 columns)": b64(72), "of the base64 text (76 columns)": b64(76) };
      const size = Object.entries(sizes).find(([, n]) => n === want.size_bytes)?.[0];
      c.ok("attachments[].size_bytes", size !== undefined, `size ${String(want.size_bytes)}: php-imap reports the size ${size ?? "?"}`);
    }
    if (want.disposition) c.eq("attachments[].disposition", ours.inline ? "inline" : "attachment", want.disposition);
    if (want.content_id) c.eq("attachments[].content_id", ours.contentId, want.content_id);
    if (want.id) c.eq("attachments[].id", ours.contentId?.replace(/^<|>$/g, ""), want.id);
    c.notMapped("attachments[].part_number", "the desk keeps no MIME part numbers");
  }
}

export function checkPostalMime(c: Checker, file: string, e: Entry, d: Delivered) {
  checkCommon(c, e, d);
  if (typeof e.text_body === "string") {
    // postal-mime joins the parts with other blank lines than mailparser (the same bytes are in
    // mailparser's corpus with an exact expectation, checked there).
    c.eq("text_body", norm(d.text), norm(e.text_body), "equal once blank lines between parts are folded");
  }
  if (typeof e.html_body === "string") {
    const htmlPart = e.html_body.replace("<div>Good Morning;</div>", "");
    c.eq("html_body", norm(plain(d.parsed.html ?? "")), norm(plain(htmlPart)), "the HTML part's text; postal-mime wraps the trailing plain part in <div>, the desk keeps it in the text body");
    c.ok("html_body", file === "mixed.eml" && d.text.includes("Good Morning;"), "the trailing plain part is in the text body");
  }
}

function findByType(list: StoredAttachment[], want: Att): StoredAttachment | undefined {
  const named = list.find((a) => a.filename.normalize("NFC") === str(want.filename).normalize("NFC"));
  return named ?? list.find((a) => a.contentType === want.content_type);
}
