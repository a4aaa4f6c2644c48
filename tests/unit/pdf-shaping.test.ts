import { Font } from "@react-pdf/renderer";
import { beforeAll, describe, expect, it } from "vitest";
import { VOCABULARY } from "@/bench/words";
import de from "@/server/i18n/messages/de.json";
import en from "@/server/i18n/messages/en.json";
import fa from "@/server/i18n/messages/fa.json";
import pl from "@/server/i18n/messages/pl.json";
import { ensureFonts } from "@/server/pdf/fonts";
import { clearShapingCache, type Layout, runScript, wholeRunLayout } from "@/server/pdf/shaping";

const strings = (node: unknown): string[] => (typeof node === "string" ? [node] : Object.values(node as Record<string, unknown>).flatMap(strings));
/** Every seventh sentence of a catalog, ten to a text (the whole catalogs take minutes on a busy machine). */
const sample = (catalog: unknown) => {
  const picked = strings(catalog).filter((_, i) => i % 7 === 0);
  return Array.from({ length: Math.ceil(picked.length / 10) }, (_, i) => picked.slice(i * 10, i * 10 + 10).join(" "));
};

/** Text in every desk language: the catalogs' own sentences, help-desk words, and the harder cases by hand. */
const CORPUS = [
  ...[en, de, pl, fa].flatMap(sample),
  ...Object.values(VOCABULARY).map((words) => words.join(" ")),
  "سلام، لطفاً فاکتور سفارش شمارهٔ 4711 را برای من بفرستید. با تشکر",
  "درخواست‌های ایجادشده در هر صف — لا إله، «نقل قول» و ۱۲۳٬۴۵۶ تومان",
  "Zażółć gęślą jaźń — drukarka nie działa w Łodzi; ÓŚĆ",
  "Grüße aus Köln: die Straße ist gesperrt, Größe XL, „Anführung“ ﬁ fi ff ffi",
  "  leading spaces, double  spaces, trailing   ",
  "Tab\tand line\nbreaks, no-break\u00a0space and narrow\u202fspace, 12\u202f345",
  "Mixed سلام Latin and فارسی in one run (version 2.14.3), E-0042 · <agent@example.com>",
  // Every letter at the start of a word (doubled: an Arabic letter then takes its joined form).
  ..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzĄĆĘŁŃÓŚŹŻąćęłńóśźżÄÖÜäöüß".split("").map((c) => `x ${c}${c}y ${c}. (${c} «${c}»`),
  ..."ءآأؤإئابپةتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيك".split("").map((c) => `س ${c}${c}م ${c}، (${c} «${c}${c}»`),
  "AVATAR To Ty Yo Wa We LT P. F. V, T, ‘quoted’ “double” «guillemets» 1/2 ½ ¾ ° ‰",
];

const FONTS = [
  ["NotoSans", 400],
  ["NotoSans", 700],
  ["Vazirmatn", 400],
  ["Vazirmatn", 700],
] as const;

type Run = ReturnType<Layout>;
const shape = (run: Run) => run.glyphs.map((g, i) => {
  const p = run.positions[i]!;
  return `${g.id}:${g.codePoints.length}:${p.xAdvance},${p.yAdvance},${p.xOffset},${p.yOffset}`;
});

beforeAll(async () => {
  await ensureFonts();
});

describe("PDF text shaping word by word", () => {
  it("gives exactly the glyphs and positions fontkit gives for the whole run, in every language and both fonts", () => {
    let compared = 0;
    for (const [family, weight] of FONTS) {
      const layout = (Font.getFont({ fontFamily: family, fontWeight: weight })!.data as unknown as { layout: Layout }).layout;
      const whole = wholeRunLayout(layout);
      expect(whole).not.toBe(layout);
      for (const pass of ["cold", "warm"]) {
        if (pass === "cold") clearShapingCache();
        for (const text of CORPUS) {
          // The call react-pdf's text layout makes.
          const byWords = layout(text, [], undefined, undefined, "ltr");
          const reference = whole(text, [], undefined, undefined, "ltr");
          expect(shape(byWords), `${family} ${weight} ${pass}: ${text}`).toEqual(shape(reference));
          expect((byWords as Run & { advanceWidth: number }).advanceWidth).toBe((reference as Run & { advanceWidth: number }).advanceWidth);
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
    // Shaping thousands of texts twice: seconds on an idle core, more on a shared one.
  }, 120_000);

  it("takes the run's script as fontkit detects it, and leaves other scripts to fontkit", () => {
    expect(runScript("4711, سلام and more")).toBe("arab");
    expect(runScript("— 12 Łódź سلام")).toBe("latn");
    expect(runScript("́a")).toBe("latn");
    expect(runScript("Привет")).toBeNull();
    expect(runScript("12 345 · —")).toBeNull();
  });
});
