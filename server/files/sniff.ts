import { fileTypeFromBuffer } from "file-type";
import { scoped, type TextParams } from "@/server/i18n/translate";

/** A kind of file the desk knows by name: its content type, the extensions it goes by, its name in `fileCheck.kinds`. */
type Kind = { mime: string; exts: readonly string[]; label: string; text?: boolean };

/** Refusals are sentences for the uploader, in their language (`fileCheck` in the catalog). */
export type FileText = (key: string, params?: TextParams) => string;
const english: FileText = scoped("en", "fileCheck");

const KINDS: readonly Kind[] = [
  { mime: "image/png", exts: ["png"], label: "png" },
  { mime: "image/jpeg", exts: ["jpg", "jpeg", "jpe", "jfif"], label: "jpeg" },
  { mime: "image/gif", exts: ["gif"], label: "gif" },
  { mime: "image/webp", exts: ["webp"], label: "webp" },
  { mime: "application/pdf", exts: ["pdf"], label: "pdf" },
  { mime: "text/plain", exts: ["txt", "log", "text", "md"], label: "text", text: true },
  { mime: "text/csv", exts: ["csv"], label: "csv", text: true },
  { mime: "message/rfc822", exts: ["eml"], label: "email", text: true },
  { mime: "application/zip", exts: ["zip"], label: "zip" },
  { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", exts: ["docx"], label: "docx" },
  { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exts: ["xlsx"], label: "xlsx" },
  { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", exts: ["pptx"], label: "pptx" },
  { mime: "application/vnd.oasis.opendocument.text", exts: ["odt"], label: "odt" },
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
export async function classify(bytes: Uint8Array, filename: string, declaredType: string, allowed: ReadonlySet<string>, t: FileText = english): Promise<Classified> {
  const name = filename;
  const ext = extensionOf(filename);
  const claimed = kindByExt(ext) ?? kindByMime(declaredType);
  const kindName = (label: string, params?: TextParams) => t(`kinds.${label}`, params);
  const is = claimed ? t("isNamedLike", { name, claimed: kindName(claimed.label) }) : t("is", { name });
  const detected = await detect(bytes, ext);

  if (detected.danger) {
    return refuse(t("danger", { is, label: kindName(detected.label, { ext: detected.ext ?? "" }) }));
  }
  if (detected.kind === "binary-unknown") {
    return refuse(t("unknown", { name, accepted: acceptedList(allowed, t) }));
  }
  if (detected.kind === "not-utf8") {
    return refuse(t("notUtf8", { name }));
  }

  // Text has no magic bytes: its name says which text it is, and the name must name a text kind.
  const kind = detected.kind === "text" ? textKind(ext, detected.mail) : kindByMime(detected.mime);
  const mime = kind?.mime ?? (detected.kind === "text" ? null : detected.mime);
  if (!mime) {
    if (ext === "eml") return refuse(t("notMail", { name }));
    return refuse(claimed && !claimed.text ? t("plainTextClaimed", { is }) : t("plainTextExt", { name, ext }));
  }
  const label = kind ? kindName(kind.label) : detected.kind === "binary" ? kindName("binaryOf", { ext: detected.ext.toUpperCase() }) : kindName("text");

  const declared = bareType(declaredType);
  if (strictFamilies.has(family(declared)) && family(declared) !== family(mime)) {
    const stated = kindByMime(declared);
    return refuse(t("sentAs", { name, declared: stated ? kindName(stated.label) : declared, label }));
  }
  if (!allowed.has(mime)) {
    return refuse(t("notAllowed", { name, label, accepted: acceptedList(allowed, t) }));
  }
  const fits = ext === "" || (kind ? kind.exts.includes(ext) : detected.kind === "binary" && detected.ext === ext);
  if (!fits) {
    const proper = kind?.exts[0] ?? (detected.kind === "binary" ? detected.ext : "txt");
    return refuse(t("wrongExt", { name, label, ext, proper }));
  }
  return { ok: true, contentType: mime, ext: ext || (kind?.exts[0] ?? (detected.kind === "binary" ? detected.ext : "txt")) };
}

/** What the accepted types are, in words for a refusal message. */
export function acceptedList(allowed: ReadonlySet<string>, t: FileText = english): string {
  const names = [...allowed].map((mime) => kindByMime(mime)?.exts[0]?.toUpperCase() ?? mime);
  return t("accepted", { list: names.join(", ") });
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
  | { kind: "danger"; label: string; ext?: string; danger: true };

async function detect(bytes: Uint8Array, ext: string): Promise<Detected> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    if (PROGRAMS.has(found.ext)) return { kind: "danger", label: "program", ext: found.ext.toUpperCase(), danger: true };
    if (found.ext === "xml" || found.mime.includes("svg") || found.mime === "text/html") return { kind: "danger", label: "markup", danger: true };
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
    return { kind: "danger", label: text.trimStart().replace(/^\ufeff/, "").startsWith("#!") ? "script" : "webPage", danger: true };
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
