import { convert } from "html-to-text";
import { Marked } from "marked";
import { sanitizeMailHtml } from "@/server/mail/sanitize";

/** Raw HTML inside Markdown is kept and then sanitised exactly like HTML mail. */
const marked = new Marked({ gfm: true, breaks: true, async: false });

/** An article body: Markdown → HTML made safe like mail, and the plain text search and the composer use. */
export function renderFaqBody(markdown: string): { html: string; text: string } {
  const html = sanitizeMailHtml(marked.parse(markdown) as string);
  const text = convert(html, { wordwrap: false, selectors: [{ selector: "a", options: { hideLinkHrefIfSameAsText: true } }, { selector: "img", format: "skip" }] }).trim();
  return { html, text };
}
