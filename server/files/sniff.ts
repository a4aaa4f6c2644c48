import { fileTypeFromBuffer } from "file-type";

/** A kind of file the desk knows by name: its content type, the extensions it goes by, words for messages. */
type Kind = { mime: string; exts: readonly string[]; label: string; text?: boolean };

const KINDS: readonly Kind[] = [
  { mime: "image/png", exts: ["png"], label: "a PNG image" },
  { mime: "image/jpeg", exts: ["jpg", "jpeg", "jpe", "jfif"], label: "a JPEG image" },
  { mime: "image/gif", exts: ["gif"], label: "a GIF image" },
  { mime: "image/webp", exts: ["webp"], label: "a WebP image" },
  { mime: "application/pdf", exts: ["pdf"], label: "a PDF document" },
  { mime: "text/plain", exts: ["txt", "log", "text", "md"], label: "a text file", text: true },
  { mime: "text/csv", exts: ["csv"], label: "a CSV file", text: true },
  { mime: "message/rfc822", exts: ["eml"], label: "an e-mail message", text: true },
  { mime: "application/zip", exts: ["zip"], label: "a ZIP archive" },
  { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", exts: ["docx"], label: "a Word document" },
  { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exts: ["xlsx"], label: "an Excel workbook" },
  { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", exts: ["pptx"], label: "a PowerPoint presentation" },
  { mime: "application/vnd.oasis.opendocument.text", exts: ["odt"], label: "an OpenDocument text" },
];

/** Content that runs when opened: refused whatever the settings say, with words that say why. */
const PROGRAMS = new Set(["exe", "elf", "macho", "wasm", "class", "dex", "jar", "apk", "msi", "dmg", "deb", "rpm", "swf", "lnk", "xpi", "crx", "cab", "msix", "appx"]);

/**
 * Starts of text that browsers treat as a web page (WHATWG MIME sniffing's HTML patterns),
 * plus SVG/XML and script shebangs: such text is never stored as text or as an image.
 */
const MARKUP = /^(?:\ufeff)?\s*(?:<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|svg|\?xml|!--)[\s/>]|#!)/i;
const MAIL_HEADER = /^[\x21-\x39\x3b-\x7e]+:[ \t]/;

export type Classified = { ok: true; contentType: string; ext: string } | { ok: false; reason: string };

/**
 * Decides what a file is from its bytes, then checks its name and declared type agree: a file
 * is accepted only as what it really is. The name must already be safe (see uploads service).
 */
export async function classify(bytes: Uint8Array, filename: string, declaredType: string, allowed: ReadonlySet<string>): Promise<Classified> {
  const shown = `"${filename}"`;
  const ext = extensionOf(filename);
  const claimed = kindByExt(ext) ?? kindByMime(declaredType);
  const is = claimed ? `${shown} is named like ${claimed.label}, but it is` : `${shown} is`;
  const detected = await detect(bytes, ext);

  if (detected.danger) {
    return refuse(`${is} ${detected.label}. Files that can run code or open as a web page are not accepted.`);
  }
  if (detected.kind === "binary-unknown") {
    return refuse(`We could not tell what kind of file ${shown} is, so it is not accepted. ${acceptedList(allowed)}`);
  }
  if (detected.kind === "not-utf8") {
    return refuse(`${shown} is not valid UTF-8 text. Save it with UTF-8 encoding (or as PDF) and try again.`);
  }

  // Text has no magic bytes: its name says which text it is, and the name must name a text kind.
  const kind = detected.kind === "text" ? textKind(ext, detected.mail) : kindByMime(detected.mime);
  const mime = kind?.mime ?? (detected.kind === "text" ? null : detected.mime);
  if (!mime) {
    if (ext === "eml") return refuse(`${shown} does not look like an e-mail message (it has no mail headers). Save the message from your mail program again.`);
    return refuse(
      claimed && !claimed.text
        ? `${is} plain text. Only real files of the named type are accepted.`
        : `${shown} is plain text with a name ending in .${ext}, which is not accepted. Name text files .txt or .csv and try again.`,
    );
  }
  const label = kind?.label ?? `a ${detected.kind === "binary" ? detected.ext.toUpperCase() : "text"} file`;

  const declared = bareType(declaredType);
  if (strictFamilies.has(family(declared)) && family(declared) !== family(mime)) {
    return refuse(`${shown} was sent as ${kindByMime(declared)?.label ?? declared}, but it is ${label}. Only real files of the stated type are accepted.`);
  }
  if (!allowed.has(mime)) {
    return refuse(`${shown} is ${label}, which is not accepted here. ${acceptedList(allowed)}`);
  }
  const fits = ext === "" || (kind ? kind.exts.includes(ext) : detected.kind === "binary" && detected.ext === ext);
  if (!fits) {
    const proper = kind?.exts[0] ?? (detected.kind === "binary" ? detected.ext : "txt");
    return refuse(`${shown} is ${label}, but its name ends in .${ext}. Rename it to end in .${proper} and try again.`);
  }
  return { ok: true, contentType: mime, ext: ext || (kind?.exts[0] ?? (detected.kind === "binary" ? detected.ext : "txt")) };
}

/** What the accepted types are, in words for a refusal message. */
export function acceptedList(allowed: ReadonlySet<string>): string {
  const names = [...allowed].map((mime) => kindByMime(mime)?.exts[0]?.toUpperCase() ?? mime);
  return `Accepted: ${names.join(", ")}.`;
}

/** The extensions and types a file picker may offer, for its `accept` attribute. */
export function acceptAttribute(allowed: ReadonlySet<string>): string {
  return [...allowed].flatMap((mime) => [...(kindByMime(mime)?.exts.map((e) => `.${e}`) ?? []), mime]).join(",");
}

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf(".");
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : "";
}

type Detected =
  | { kind: "binary"; mime: string; ext: string; danger: false }
  | { kind: "text"; mail: boolean; danger: false }
  | { kind: "binary-unknown"; danger: false }
  | { kind: "not-utf8"; danger: false }
  | { kind: "danger"; label: string; danger: true };

async function detect(bytes: Uint8Array, ext: string): Promise<Detected> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    if (PROGRAMS.has(found.ext)) return { kind: "danger", label: `a program (${found.ext.toUpperCase()})`, danger: true };
    if (found.ext === "xml" || found.mime.includes("svg") || found.mime === "text/html") return { kind: "danger", label: "markup (XML, SVG or HTML) that may contain scripts", danger: true };
    return { kind: "binary", mime: found.mime, ext: found.ext, danger: false };
  }
  if (bytes.includes(0)) return { kind: "binary-unknown", danger: false };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Mail may carry 8-bit bodies in any charset; its headers are still ASCII.
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1000));
    if (ext === "eml" && MAIL_HEADER.test(head)) return { kind: "text", mail: true, danger: false };
    return { kind: "not-utf8", danger: false };
  }
  if (MARKUP.test(text.slice(0, 2048))) {
    return { kind: "danger", label: text.trimStart().replace(/^\ufeff/, "").startsWith("#!") ? "a script" : "a web page or script (HTML, SVG or XML)", danger: true };
  }
  return { kind: "text", mail: MAIL_HEADER.test(text), danger: false };
}

function textKind(ext: string, looksLikeMail: boolean): Kind | undefined {
  if (ext === "eml") return looksLikeMail ? kindByMime("message/rfc822") : undefined;
  if (ext === "") return kindByMime("text/plain");
  const kind = kindByExt(ext);
  return kind?.text && kind.mime !== "message/rfc822" ? kind : undefined;
}

/** Declared types that make a promise about the bytes (images, PDF); text and office types from browsers vary too much. */
const strictFamilies = new Set(["image", "application/pdf"]);
const family = (mime: string) => (mime.startsWith("image/") ? "image" : mime);

const kindByExt = (ext: string) => (ext ? KINDS.find((k) => k.exts.includes(ext)) : undefined);
const bareType = (mime: string) => mime.split(";")[0]?.trim().toLowerCase() ?? "";
const kindByMime = (mime: string) => {
  const bare = bareType(mime);
  return bare ? KINDS.find((k) => k.mime === bare) : undefined;
};
const refuse = (reason: string): Classified => ({ ok: false, reason });
