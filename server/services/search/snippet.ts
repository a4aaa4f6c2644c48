import { MARK_END, MARK_START } from "@/server/schemas/search";

/**
 * A JavaScript twin of the database's helpdesk_fold, used only to find where the query's words sit
 * in the original text so the snippet can mark them. It folds one character at a time so every
 * folded character still points back to its place in the original.
 */
const SPECIAL: Record<string, string> = {
  ß: "ss", ẞ: "ss", ł: "l", Ł: "l", ø: "o", Ø: "o", đ: "d", Đ: "d", ð: "d", Ð: "d",
  æ: "ae", Æ: "ae", œ: "oe", Œ: "oe", þ: "th", Þ: "th", ı: "i",
};
const ARABIC_FROM = "يىكةأإآٱؤئ\u200C٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹";
const ARABIC_TO = "ییکهااااوی 01234567890123456789";
const ARABIC_DROPPED = /[\u0640\u064B-\u0652]/u;

export function foldChar(c: string): string {
  const special = SPECIAL[c];
  if (special !== undefined) return special;
  let out = "";
  for (const d of c.normalize("NFKD")) {
    if (/\p{M}/u.test(d) || ARABIC_DROPPED.test(d)) continue;
    const at = ARABIC_FROM.indexOf(d);
    out += at >= 0 ? ARABIC_TO[at]! : d.toLowerCase();
  }
  return out;
}

export function fold(text: string): string {
  let out = "";
  for (const c of text) out += foldChar(c);
  return out;
}

/** The query's words as the snippet looks for them: folded, outer punctuation trimmed. */
export function queryTerms(query: string): string[] {
  const terms = fold(query)
    .split(/\s+/u)
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter((t) => t.length > 0);
  return [...new Set(terms)];
}

const WORD = /[\p{L}\p{N}\p{M}]/u;

/**
 * A term this long is also marked inside a word, the whole word marked ("strasse" in
 * "Hauptstraße": the search adds such compounds, 0019). Shorter fragments inside words ("port" in
 * "support") are mostly noise the eye should not be drawn to, so they are marked at word starts only.
 */
const INSIDE_FROM = 6;

/**
 * Up to `width` characters of `text` around the first match, matched words wrapped in
 * MARK_START/MARK_END. Short terms (under three characters) match whole words only, the long
 * ones as word prefixes, as in the database query. Null when `text` is empty.
 */
export function buildSnippet(raw: string, terms: string[], width = 200): string | null {
  const text = raw.replace(/[\uE000\uE001]/gu, "").replace(/\s+/gu, " ").trim();
  if (!text) return null;
  const chars = Array.from(text);
  let folded = "";
  const origin: number[] = [];
  chars.forEach((c, i) => {
    const f = foldChar(c);
    folded += f;
    for (let k = 0; k < f.length; k++) origin.push(i);
  });

  const ranges: [number, number][] = [];
  for (const term of terms) {
    for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1)) {
      const inside = at > 0 && WORD.test(folded[at - 1]!);
      if (inside && term.length < INSIDE_FROM) continue;
      const after = folded[at + term.length];
      if (term.length < 3 && after !== undefined && WORD.test(after)) continue;
      let start = origin[at]!;
      while (inside && start > 0 && WORD.test(chars[start - 1]!)) start--;
      let end = origin[at + term.length - 1]! + 1;
      while (end < chars.length && WORD.test(chars[end]!)) end++;
      ranges.push([start, end]);
    }
  }
  const marked = merge(ranges);
  const first = marked[0]?.[0] ?? 0;
  let from = Math.max(0, first - Math.floor(width / 3));
  while (from > 0 && from < first && chars[from - 1] !== " ") from++;
  let to = Math.min(chars.length, from + width);
  while (to < chars.length && to > from && chars[to] !== " " && to - from > width - 20) to--;
  if (to <= from) to = Math.min(chars.length, from + width);

  let out = from > 0 ? "…" : "";
  let pos = from;
  for (const [s, e] of marked) {
    if (e <= from || s >= to) continue;
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    out += chars.slice(pos, a).join("") + MARK_START + chars.slice(a, b).join("") + MARK_END;
    pos = b;
  }
  out += chars.slice(pos, to).join("");
  return to < chars.length ? `${out.trimEnd()}…` : out;
}

function merge(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
