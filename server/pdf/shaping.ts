/**
 * Shaping (fontkit's `layout`: characters → positioned glyphs) was the largest single cost of a
 * long ticket PDF: react-pdf shapes every text run of the document, and the same words come back
 * in every message, quote and signature. Runs of Latin and Arabic-script text are therefore
 * shaped word by word (a word with the spaces after it), each word once per process.
 *
 * Exact, not approximate: Arabic letters do not join across a space, and where a font kerns a
 * letter with the space before it (Vazirmatn's " T"), found by trying, the word stays with what
 * precedes it; so a run's glyphs and positions are the concatenation of its words' — each word
 * shaped with the run's own script, as fontkit detects it for the whole run.
 * tests/unit/pdf-shaping.test.ts compares both ways glyph by glyph over text in every desk language.
 */

type Glyph = { id: number; codePoints: number[] };
type Position = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number };
type Run = { glyphs: Glyph[]; positions: Position[]; script: string; language: string | null; direction: string; features: Record<string, boolean> };
export type Layout = (text: string, features?: unknown, script?: string, language?: string, direction?: string) => Run;
/** A word's glyphs (fontkit's shared glyph objects) and their positions, four numbers per glyph. */
type Shape = { glyphs: Glyph[]; positions: Float64Array };

/**
 * Words kept per font and generation; two generations, so at most twice this many (a few MB per
 * font: a desk's languages use a few thousand words each).
 */
const GENERATION = 10_000;
const caches = new Set<WordCache>();

class WordCache {
  young = new Map<string, Shape>();
  old = new Map<string, Shape>();

  get(key: string): Shape | undefined {
    const hit = this.young.get(key);
    if (hit) return hit;
    const older = this.old.get(key);
    if (older) this.set(key, older);
    return older;
  }

  set(key: string, shape: Shape): void {
    if (this.young.size >= GENERATION) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, shape);
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }
}

/** Forgets every cached word (the bench measures a document without words from earlier ones). */
export function clearShapingCache(): void {
  for (const cache of caches) cache.clear();
}

/**
 * Wraps a font's `layout` so runs are shaped word by word from the cache. Only the calls
 * react-pdf's text layout makes (a string, no extra features, script and language left to
 * fontkit, direction forced to "ltr") in a script known to be safe take this path; any other
 * call goes to fontkit unchanged.
 */
export function shapeByWords(layout: Layout): Layout {
  const cache = new WordCache();
  caches.add(cache);
  let prototype: object | null = null;
  const apart = new Map<string, boolean>();
  /**
   * Whether a word starting this way shapes the same after a space as on its own: a font may kern
   * a letter with the space before it (Vazirmatn does " T"). Tried once per script and first two
   * letters (two, so an Arabic letter is tried in its joined form).
   */
  const startsApart = (tag: string, word: string): boolean => {
    const head = Array.from(word.slice(0, 4)).slice(0, 2).join("");
    const key = `${tag}:${head}`;
    let result = apart.get(key);
    if (result === undefined) {
      const joined = layout(` ${head}`, undefined, tag, undefined, "ltr");
      const alone = [layout(" ", undefined, tag, undefined, "ltr"), layout(head, undefined, tag, undefined, "ltr")];
      result = sameShape(joined, alone);
      if (apart.size >= GENERATION) apart.clear();
      apart.set(key, result);
    }
    return result;
  };
  const byWords: Layout = (text, features, script, language, direction) => {
    const plain = typeof text === "string" && script === undefined && language === undefined && direction === "ltr" && (features === undefined || (Array.isArray(features) && features.length === 0));
    const tag = plain ? runScript(text) : null;
    if (!tag) return layout(text, features, script, language, direction);
    const glyphs: Glyph[] = [];
    const positions: Position[] = [];
    const add = (word: string) => {
      const key = `${tag}:${word}`;
      let shape = cache.get(key);
      if (!shape) {
        const shaped = layout(word, features, tag, undefined, "ltr");
        prototype ??= Object.getPrototypeOf(shaped) as object;
        shape = { glyphs: shaped.glyphs, positions: Float64Array.from(shaped.positions.flatMap((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset])) };
        cache.set(key, shape);
      }
      glyphs.push(...shape.glyphs);
      const p = shape.positions;
      for (let i = 0; i < p.length; i += 4) positions.push({ xAdvance: p[i]!, yAdvance: p[i + 1]!, xOffset: p[i + 2]!, yOffset: p[i + 3]! });
    };
    // A word whose start the font kerns or substitutes with the space before it stays with that space.
    let segment = "";
    for (const word of text.match(WORDS) ?? []) {
      if (segment && !startsApart(tag, word)) {
        segment += word;
        continue;
      }
      if (segment) add(segment);
      segment = word;
    }
    if (segment) add(segment);
    // A GlyphRun of fontkit's own class, so its getters (advanceWidth, bbox) work as on any run.
    const run = Object.create(prototype ?? Object.prototype) as Run;
    return Object.assign(run, { glyphs, positions, script: tag, language: null, direction: "ltr", features: featuresOf(layout, tag) });
  };
  wholeRuns.set(byWords, layout);
  return byWords;
}

function sameShape(run: Run, parts: Run[]): boolean {
  const glyphs = parts.flatMap((p) => p.glyphs);
  const positions = parts.flatMap((p) => p.positions);
  return (
    run.glyphs.length === glyphs.length &&
    run.glyphs.every((g, i) => g.id === glyphs[i]!.id) &&
    run.positions.every((p, i) => {
      const q = positions[i]!;
      return p.xAdvance === q.xAdvance && p.yAdvance === q.yAdvance && p.xOffset === q.xOffset && p.yOffset === q.yOffset;
    })
  );
}

const wholeRuns = new WeakMap<Layout, Layout>();

/** The layout a word-shaping one wraps: fontkit shaping each run as a whole (to compare against). */
export function wholeRunLayout(layout: Layout): Layout {
  return wholeRuns.get(layout) ?? layout;
}

/** A word and the spaces after it (spaces at the start of a run stand alone). Only U+0020: no-break spaces stay inside words. */
const WORDS = /[^ ]* +|[^ ]+/g;
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;
const LATIN = /\p{Script=Latin}/u;
const ARABIC = /\p{Script=Arabic}/u;

/**
 * The OpenType script fontkit would pick for the whole run: that of its first character that is
 * not common (digits, punctuation, spaces) or inherited (combining marks). Only Latin and Arabic
 * are shaped by words; any other script, or none, is left to fontkit as a whole.
 */
export function runScript(text: string): "latn" | "arab" | null {
  for (const ch of text) {
    if (NEUTRAL.test(ch)) continue;
    if (LATIN.test(ch)) return "latn";
    if (ARABIC.test(ch)) return "arab";
    return null;
  }
  return null;
}

const featureSets = new WeakMap<Layout, Map<string, Record<string, boolean>>>();

/** The features fontkit reports for a script's runs (the same for every run of that script and font). */
function featuresOf(layout: Layout, tag: string): Record<string, boolean> {
  let sets = featureSets.get(layout);
  if (!sets) featureSets.set(layout, (sets = new Map()));
  let features = sets.get(tag);
  if (!features) sets.set(tag, (features = layout(" ", undefined, tag, undefined, "ltr").features));
  return features;
}
