/**
 * Bidirectional text helpers. A Latin token (ticket number, e-mail address, name) inside a
 * right-to-left sentence is wrapped in Unicode isolates (FSI … PDI), the plain-text twin of <bdi>:
 * punctuation around it then stays where the sentence puts it. Invisible in left-to-right text.
 */
export function isolate(text: string): string {
  return text ? `\u2068${text}\u2069` : text;
}

const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/gu;
const LTR_LETTER = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/gu;

/**
 * The direction of a text someone wrote, by its letters rather than its first one (`dir="auto"`):
 * a Persian message that opens with a Latin ticket number or greeting still reads right-to-left.
 */
export function textDirection(text: string): "rtl" | "ltr" {
  const sample = text.slice(0, 4000);
  const rtl = sample.match(RTL_LETTER)?.length ?? 0;
  const ltr = sample.match(LTR_LETTER)?.length ?? 0;
  return rtl > ltr ? "rtl" : "ltr";
}
