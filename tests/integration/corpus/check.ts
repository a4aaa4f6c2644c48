import { expect } from "vitest";
import type { MailAddress } from "@/server/mail/parse";
import { md5, sha256 } from "./deliver";

let total = 0;
/** How many corpus expectations the run has checked so far. */
export const checkedSoFar = () => total;

/** Fields that say where an expectation comes from rather than what it is. */
const PROVENANCE = new Set(["source_path", "hard_cases_curator_note", "asserted_in", "other_assertions", "source_snapshot", "note", "content_note"]);

/**
 * Asserts one corpus entry's fields and remembers which it covered: at the end every non-null
 * field of the entry must have been checked or named as not mappable (with the reason), so no
 * expectation is dropped silently.
 */
export class Checker {
  private readonly covered = new Set<string>();
  private readonly unmapped = new Map<string, string>();
  constructor(readonly label: string) {}

  eq(key: string, actual: unknown, expected: unknown, how?: string) {
    this.covered.add(key);
    total++;
    expect.soft(actual, `${this.label} · ${key}${how ? ` (${how})` : ""}`).toEqual(expected);
  }

  ok(key: string, condition: boolean, what: string) {
    this.eq(key, condition, true, what);
  }

  /** A field this desk cannot hold to (named in the entry, with the reason); asserts nothing. */
  notMapped(key: string, reason: string) {
    this.covered.add(key);
    this.unmapped.set(key, reason);
  }

  /** Every non-null field of `entry` (recursively, arrays as `[]`) was checked or named. */
  assertCovered(entry: Record<string, unknown>) {
    const missing: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (value === null || value === undefined) return;
      // A list of records or a record is covered through its fields; an empty one, or a list
      // of plain values, must be checked as a whole.
      const records = Array.isArray(value) ? value.filter((v) => v && typeof v === "object") : [];
      if (Array.isArray(value) && records.length > 0) {
        for (const item of records) walkObject(item as Record<string, unknown>, `${path}[]`);
        return;
      }
      if (!Array.isArray(value) && typeof value === "object" && Object.values(value).some((v) => v !== null)) {
        walkObject(value as Record<string, unknown>, path);
        return;
      }
      if (!this.covered.has(path)) missing.push(path);
    };
    const walkObject = (o: Record<string, unknown>, prefix: string) => {
      for (const [k, v] of Object.entries(o)) if (!PROVENANCE.has(k)) walk(v, prefix ? `${prefix}.${k}` : k);
    };
    walkObject(entry, "");
    expect(missing, `${this.label}: expectations neither checked nor named as not mappable`).toEqual([]);
  }
}

/** NFC, whitespace runs as one space, trimmed. */
export const norm = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();
/** Without any whitespace: for comparing texts rendered by different HTML-to-text converters. */
export const compact = (s: string) => s.normalize("NFC").replace(/\s+/g, "");

const ENTITIES: Record<string, string> = { nbsp: " ", lt: "<", gt: ">", quot: '"', apos: "'", amp: "&", ni: "∋", ndash: "–", shy: "\u00ad" };

/** The readable text of (possibly truncated) HTML: tags out, entities decoded. */
export function plain(html: string): string {
  return html
    .replace(/<(script|style|title|head)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/<[^>]*$/, "")
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&([a-z]+);/gi, (m, n: string) => ENTITIES[n.toLowerCase()] ?? m);
}

/** Parses an address header as the corpora record it ("Name" <a@b>, a@b (Name), Name (a@b)). */
export function addressList(value: string): MailAddress[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === "<" || ch === "(")) depth++;
    if (!quoted && (ch === ">" || ch === ")")) depth = Math.max(0, depth - 1);
    if (ch === "," && !quoted && depth === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean).map(oneAddress);
}

export function oneAddress(p: string): MailAddress {
  const unquote = (s: string) => s.trim().replace(/^"(.*)"$/s, "$1").replace(/\\"/g, '"').trim();
  const angle = p.match(/^(.*?)\s*<([^<>]*)>\s*$/s);
  if (angle) return { name: unquote(angle[1]!), address: angle[2]!.trim() };
  const comment = p.match(/^(\S+@\S+)\s*\((.*)\)$/s);
  if (comment) return { name: comment[2]!.trim(), address: comment[1]! };
  const reversed = p.match(/^(.*?)\s*\((\S+@\S+)\)$/s);
  if (reversed) return { name: unquote(reversed[1]!), address: reversed[2]! };
  return { name: "", address: p.trim() };
}

/** Addresses compared case-blind (the desk matches and stores them lower-cased), names exactly. */
export const comparable = (list: MailAddress[]) =>
  list.map((a) => ({ address: a.address.toLowerCase(), name: a.name.toLowerCase() === a.address.toLowerCase() ? "" : norm(a.name) }));

/** The bytes as stored and as another project stores them (LF line ends), by name. */
export function byteVariants(bytes: Buffer): Record<string, Buffer> {
  const text = bytes.toString("latin1");
  return {
    "as stored": bytes,
    "with LF line ends": Buffer.from(text.replace(/\r\n/g, "\n"), "latin1"),
  };
}

/** Which allowed variant of `bytes` has the recorded hash (or size), if any. */
export function matchingVariant(bytes: Buffer, allowed: string[], want: { md5?: string; sha256?: string; size?: number }): string | null {
  const variants = byteVariants(bytes);
  for (const name of ["as stored", ...allowed]) {
    const v = variants[name]!;
    if (want.md5 && md5(v) !== want.md5) continue;
    if (want.sha256 && sha256(v) !== want.sha256) continue;
    if (want.size !== undefined && v.length !== want.size) continue;
    return name;
  }
  return null;
}

/** Znuny/OTRS file-name cleaning (spaces and punctuation to "_"), applied to both sides. */
export const otrsName = (name: string) => name.normalize("NFC").replace(/[^\p{L}\p{Nd}.-]+/gu, "_").replace(/_+/g, "_");
