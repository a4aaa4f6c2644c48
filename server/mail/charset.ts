import { Transform, type TransformCallback } from "node:stream";
import iconv from "iconv-lite";
import libmime from "libmime";

/**
 * Charset repair for real-world mail, done before and during MIME parsing:
 * - raw 8-bit bytes in headers (From, Subject, file names) that are not UTF-8 are read in the
 *   charset the message itself suggests (its declared charsets), else windows-1252;
 * - text bodies declared as UTF-8/ASCII, undeclared or in a charset nobody knows are decoded
 *   as UTF-8 where they are UTF-8, byte by byte as windows-1252 where a sequence is broken, or
 *   (when nothing in them is UTF-8) in the charset the bytes and the message suggest;
 * - UTF-7 is decoded (our HTML is sanitized after decoding, so it cannot smuggle markup).
 * The desk keeps the original bytes; only the parser sees the repaired copy.
 */

/** Charset names the parser hands to {@link DeskDecoder}: "auto" (guess) or "utf-7". */
const AUTO = "x-desk-auto";
const UTF7 = "x-desk-utf-7";

const CJK = /^(gb|big5|euc|shift|sjis|cp9[345]|ks_c|iso-?2022|windows-9[345])/i;
const UTF8ISH = /^(utf-?8|(us-)?ascii|7bit|8bit)$/i;
const UTF7ISH = /^(unicode-1-1-)?utf-?7$/i;

function known(charset: string): boolean {
  if (/^jis|^iso-?2022-?jp|^euc-?jp/i.test(charset)) return true;
  try {
    return iconv.encodingExists(libmime.normalizeCharset(charset));
  } catch {
    return false;
  }
}

/** Charsets the message declares anywhere (parts, encoded words, HTML meta), UTF-8/ASCII left out. */
export function charsetHints(raw: Buffer): string[] {
  const text = raw.toString("latin1");
  const found: string[] = [];
  for (const m of text.matchAll(/charset\s*=\s*["']?([A-Za-z0-9._:-]+)/gi)) found.push(m[1]!);
  for (const m of text.matchAll(/=\?([A-Za-z0-9._-]+)(?:\*[^?]*)?\?[QqBb]\?/g)) found.push(m[1]!);
  const out: string[] = [];
  for (const name of found) {
    const lower = name.toLowerCase();
    if (UTF8ISH.test(lower) || UTF7ISH.test(lower) || lower.startsWith("x-desk") || !known(lower) || out.includes(lower)) continue;
    out.push(lower);
  }
  return out;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
function isValidUtf8(bytes: Buffer): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Counts well-formed multi-byte UTF-8 sequences and the bytes that belong to none. */
function utf8Shape(bytes: Buffer): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceLength(bytes, i);
    if (n > 1) valid++;
    if (n === 0) invalid++;
    i += Math.max(n, 1);
  }
  return { valid, invalid };
}

/** Length of the well-formed UTF-8 sequence at `i` (1 for ASCII), 0 when the byte starts none. */
function sequenceLength(b: Buffer, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > b.length) return 0;
  for (let k = 1; k < n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return 0;
  const decoded = b.subarray(i, i + n).toString("utf8");
  return decoded.includes("\uFFFD") ? 0 : n;
}

/** UTF-8 where the bytes are UTF-8, windows-1252 for every byte that is not. */
function lenientUtf8(bytes: Buffer): string {
  let out = "";
  let start = 0;
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += bytes.subarray(start, i).toString("utf8") + iconv.decode(bytes.subarray(i, i + 1), "windows-1252");
    i += 1;
    start = i;
  }
  return out + bytes.subarray(start).toString("utf8");
}

/** High bytes only in pairs (GB/Big5/EUC/Shift-JIS text), never alone between ASCII. */
function looksDoubleByte(bytes: Buffer): boolean {
  let run = 0;
  let pairs = 0;
  for (const c of bytes) {
    if (c >= 0x80) run++;
    else {
      if (run % 2 === 1) return false;
      if (run > 0) pairs++;
      run = 0;
    }
  }
  return run % 2 === 0 && (pairs > 0 || run > 0);
}

/** Decodes text whose charset is missing, wrong or unknown (see the module comment). */
export function guessDecode(bytes: Buffer, hints: string[], declared?: string): string {
  if (isValidUtf8(bytes)) return bytes.toString("utf8");
  const shape = utf8Shape(bytes);
  if (shape.valid > 0 && shape.valid >= shape.invalid) return lenientUtf8(bytes);
  const candidates = [...(declared && known(declared) ? [declared] : []), ...hints];
  const ordered = looksDoubleByte(bytes)
    ? [...candidates.filter((c) => CJK.test(c)), ...candidates.filter((c) => !CJK.test(c)), "gb18030"]
    : [...candidates.filter((c) => !CJK.test(c)), "windows-1252"];
  for (const charset of ordered) {
    const text = decodeAs(bytes, charset);
    if (text !== null && !text.includes("\uFFFD")) return text;
  }
  return iconv.decode(bytes, "latin1");
}

function decodeAs(bytes: Buffer, charset: string): string | null {
  try {
    return libmime.decodeWord(charset, "B", bytes.toString("base64"));
  } catch {
    return null;
  }
}

/** Decodes a body the parser hands over with the charset it was declared in (after repairRaw). */
export function decodeBody(bytes: Buffer, charset: string, hints: string[]): string {
  const name = charset.toLowerCase();
  if (name === UTF7) return iconv.decode(bytes, "utf7");
  if (name.startsWith(AUTO)) return guessDecode(bytes, hints, name.slice(AUTO.length + 1) || undefined);
  if (!known(name)) return guessDecode(bytes, hints);
  return decodeAs(bytes, name) ?? guessDecode(bytes, hints);
}

/** An `Iconv`-compatible class for mailparser: collects a body and decodes it in one go. */
export function deskIconv(hints: string[]) {
  return class DeskDecoder extends Transform {
    private readonly chunks: Buffer[] = [];
    constructor(private readonly from: string) {
      super();
    }
    override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      this.chunks.push(Buffer.from(chunk));
      done();
    }
    override _flush(done: TransformCallback) {
      this.push(Buffer.from(decodeBody(Buffer.concat(this.chunks), this.from, hints), "utf8"));
      done();
    }
  };
}

type Block = { ctLines: number[]; cdLines: number[] };
const newBlock = (): Block => ({ ctLines: [], cdLines: [] });

/**
 * Rewrites a copy of the raw message for the parser: header lines with raw 8-bit bytes become
 * UTF-8, and every text part's charset becomes one {@link DeskDecoder} understands, so no body
 * is decoded blindly (see the module comment). Walks the MIME structure by its boundaries.
 */
export function repairRaw(raw: Buffer, hints: string[]): Buffer {
  const starts: number[] = [];
  for (let at = 0; at < raw.length; ) {
    starts.push(at);
    const nl = raw.indexOf(0x0a, at);
    at = nl < 0 ? raw.length : nl + 1;
  }
  starts.push(raw.length);
  const line = (i: number) => raw.subarray(starts[i], starts[i + 1]);
  const content = (i: number) => line(i).toString("latin1").replace(/\r?\n$/, "");
  // Replacement bytes by line number; everything else is copied as it is.
  const edits = new Map<number, Buffer>();
  const boundaries = new Set<string>();
  let block: Block | null = newBlock();

  const closeBlock = (b: Block, at: number) => {
    const unfold = (idx: number[]) => idx.map((i) => content(i)).join(" ").replace(/\s+/g, " ");
    const ct = b.ctLines.length ? unfold(b.ctLines).replace(/^content-type\s*:\s*/i, "") : null;
    const type = (ct ?? "text/plain").split(";")[0]!.trim().toLowerCase();
    const boundary = ct?.match(/boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i);
    if (type.startsWith("multipart/") && boundary) boundaries.add(boundary[1] ?? boundary[2]!);
    if (!type.startsWith("text/")) return;
    const cd = b.cdLines.length ? unfold(b.cdLines) : "";
    if (/^content-disposition\s*:\s*inline/i.test(cd) && /\b(file)?name\*?[0-9]*\*?\s*=\s*(?!"")[^;\s]/i.test(`${ct ?? ""};${cd}`)) {
      // A named text part is a file the sender attached (shown inline by their client), not body.
      const first = b.cdLines[0]!;
      edits.set(first, Buffer.from((edits.get(first) ?? line(first)).toString("latin1").replace(/inline/i, "attachment"), "latin1"));
    }
    const declared = ct?.match(/charset\s*=\s*["']?([^"';\s]+)/i)?.[1]?.toLowerCase() ?? null;
    const target = declared && UTF7ISH.test(declared) ? UTF7 : declared && !UTF8ISH.test(declared) && known(declared) ? null : `${AUTO}${declared ? `.${declared}` : ""}`;
    if (!target) return;
    const eol = line(b.ctLines[0] ?? at).toString("latin1").endsWith("\r\n") ? "\r\n" : "\n";
    const value = ct ? ct.replace(/;?\s*charset\s*=\s*("[^"]*"|'[^']*'|[^;\s]*)/i, "") : "text/plain";
    const header = Buffer.from(`Content-Type: ${value}; charset="${target}"${eol}`, "latin1");
    if (b.ctLines.length) {
      edits.set(b.ctLines[0]!, header);
      for (const i of b.ctLines.slice(1)) edits.set(i, Buffer.alloc(0));
    } else {
      edits.set(at, Buffer.concat([header, line(at)]));
    }
  };

  let currentHeader: "ct" | "cd" | "other" = "other";
  for (let i = 0; i < starts.length - 1; i++) {
    // Body lines matter only when they may be a boundary ("--..."): skip the rest cheaply.
    if (!block && !(raw[starts[i]!] === 0x2d && raw[starts[i]! + 1] === 0x2d)) continue;
    const text = content(i);
    if (block) {
      if (text === "") {
        // Only the message's own headers and parts are walked: an attached message/rfc822 is
        // body here, so it stays byte for byte what was sent.
        closeBlock(block, i);
        block = null;
        continue;
      }
      const brokenFold = i > 0 && !/^[ \t]/.test(text) && !/^[!-9;-~]+:/.test(text) && !/^From /.test(text);
      if (/^[ \t]/.test(text) || brokenFold) {
        if (currentHeader === "ct") block.ctLines.push(i);
        if (currentHeader === "cd") block.cdLines.push(i);
      } else {
        const name = text.slice(0, Math.max(text.indexOf(":"), 0)).trim().toLowerCase();
        currentHeader = name === "content-type" && block.ctLines.length === 0 ? "ct" : name === "content-disposition" && block.cdLines.length === 0 ? "cd" : "other";
        if (currentHeader === "ct") block.ctLines.push(i);
        if (currentHeader === "cd") block.cdLines.push(i);
      }
      const bytes = line(i);
      const eightBit = bytes.some((c) => c >= 0x80) && !isValidUtf8(bytes);
      if (eightBit || brokenFold) {
        const repaired = eightBit ? Buffer.from(guessDecode(bytes, hints), "utf8") : bytes;
        // A continuation line the sender forgot to indent ("boundary=..." under Content-Type).
        edits.set(i, brokenFold ? Buffer.concat([Buffer.from(" "), repaired]) : repaired);
      }
      continue;
    }
    const rest = text.slice(2).trimEnd();
    if (boundaries.has(rest)) {
      block = newBlock();
      currentHeader = "other";
    }
  }
  // A header block that runs to the end of the message has no body to decode.
  if (edits.size === 0) return raw;
  const pieces: Buffer[] = [];
  let copied = 0;
  for (const i of [...edits.keys()].sort((a, b) => a - b)) {
    pieces.push(raw.subarray(copied, starts[i]), edits.get(i)!);
    copied = starts[i + 1]!;
  }
  pieces.push(raw.subarray(copied));
  return Buffer.concat(pieces);
}
