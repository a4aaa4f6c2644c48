import path from "node:path";
import { Font } from "@react-pdf/renderer";
import { type Layout, shapeByWords } from "./shaping";

/**
 * Fonts embedded in every PDF (subset to the glyphs used): Noto Sans for Latin (Polish and German
 * diacritics included), Vazirmatn for Persian. react-pdf picks, per character, the first family
 * of a style's list that has the glyph, so either order covers every supported language; a
 * Persian document lists Vazirmatn first so Persian runs are not split at every space.
 * Resolved from node_modules at run time: the desk runs from its checkout (scripts/start.ts).
 */
const FILES = {
  NotoSans: { 400: "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf", 700: "@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf" },
  Vazirmatn: { 400: "vazirmatn/fonts/ttf/Vazirmatn-Regular.ttf", 700: "vazirmatn/fonts/ttf/Vazirmatn-Bold.ttf" },
} as const;

export const LATIN_FIRST = ["NotoSans", "Vazirmatn"];
export const PERSIAN_FIRST = ["Vazirmatn", "NotoSans"];

let ready: Promise<void> | null = null;

/** Registers and loads the fonts once per process. */
export function ensureFonts(): Promise<void> {
  ready ??= load().catch((error: unknown) => {
    ready = null;
    throw error;
  });
  return ready;
}

async function load(): Promise<void> {
  const root = path.join(process.cwd(), "node_modules");
  for (const [family, weights] of Object.entries(FILES)) {
    Font.register({ family, fonts: Object.entries(weights).map(([weight, file]) => ({ src: path.join(root, file), fontWeight: Number(weight) })) });
  }
  // Words are never hyphenated: the English hyphenation patterns would cut Polish, German and Persian words wrongly.
  Font.registerHyphenationCallback((word) => [word]);
  for (const [family, weights] of Object.entries(FILES)) {
    for (const weight of Object.keys(weights)) {
      await Font.load({ fontFamily: family, fontWeight: Number(weight) });
      const data = Font.getFont({ fontFamily: family, fontWeight: Number(weight) })?.data;
      if (data && "layout" in data) {
        glyphTextOnFirstUse(data as unknown as Shaper);
        logicalLigatures(data as unknown as Shaper);
        const shaper = data as unknown as { layout: Layout; unitsPerEm: number };
        shaper.layout = shapeByWords(shaper.layout);
        // A getter through the font's table cache that text layout reads per character and run: kept as a plain value.
        Object.defineProperty(shaper, "unitsPerEm", { value: shaper.unitsPerEm });
        nameRecordsAsIdentity(data as unknown as NamedFont, `${family}-${weight}`);
      }
    }
  }
}

type NamedFont = { name: unknown; _tables: { name?: { records?: object } } };

/**
 * pdfkit (0.20, under react-pdf) wraps the font anew for every text run it draws and keeps its
 * first wrapper only after comparing the two fonts' name tables as JSON: about 5 % of a long
 * ticket PDF's time. Each loaded font's name records stringify as that font's identity instead,
 * which answers the comparison the same way (both sides are the same font object).
 */
function nameRecordsAsIdentity(font: NamedFont, identity: string): void {
  void font.name; // decodes the table into font._tables
  const records = font._tables.name?.records;
  if (records) Object.defineProperty(records, "toJSON", { value: () => identity });
}

type Glyph = { codePoints: number[] };
type Shaper = { layout: (...args: unknown[]) => { glyphs: Glyph[] }; getGlyph: (id: number, characters?: number[]) => Glyph | null };

/**
 * fontkit caches a glyph by id with the characters it was first asked for, and some lookups
 * (composed letters such as "ó") ask without characters. The PDF's text of that glyph (ToUnicode)
 * then comes out empty for every later document of the process: "History" extracted as "Hist ry".
 * A glyph cached without characters takes them from the first call that has them.
 */
function glyphTextOnFirstUse(font: Shaper): void {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id: number, characters: number[] = []) => {
    const glyph = getGlyph(id, characters);
    if (glyph && glyph.codePoints.length === 0 && characters.length > 0) glyph.codePoints = [...characters];
    return glyph;
  };
}

const fixed = new WeakSet<Glyph>();

/**
 * A ligature of right-to-left letters (Persian lam-alef "لا") is one glyph whose text in the PDF
 * (its ToUnicode entry) is its letters in logical order. The glyphs of a right-to-left run are
 * written in visual order, and extractors (pdf.js, search, copy and paste) turn a visual RTL run
 * back by reversing it, which would reverse the ligature's letters too ("سلام" → "سالم"). Storing
 * such a glyph's letters reversed makes the extracted text come out in logical order. Glyphs are
 * cached per font, so each is turned once.
 */
function logicalLigatures(font: Shaper): void {
  const layout = font.layout.bind(font);
  font.layout = (...args: unknown[]) => {
    const run = layout(...args);
    for (const glyph of run.glyphs) {
      if (glyph.codePoints.length > 1 && !fixed.has(glyph) && glyph.codePoints.some(isRtlCodePoint)) {
        glyph.codePoints = [...glyph.codePoints].reverse();
        fixed.add(glyph);
      }
    }
    return run;
  };
}

function isRtlCodePoint(cp: number): boolean {
  return (cp >= 0x0590 && cp <= 0x08ff) || (cp >= 0xfb1d && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfefc);
}
