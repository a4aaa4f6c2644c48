import { z } from "zod";

/** Line breaks, other control characters and the Unicode line separators, in runs. */
const BREAKS = /[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g;

/** One line of text: every run of line breaks or control characters becomes one space. */
export const flattenLine = (value: string) => value.replace(BREAKS, " ").trim();

/** A title or subject: one line, then bounded (a title never carries "\r\nBcc:" into a mail header). */
export const singleLine = (max: number) => z.string().transform(flattenLine).pipe(z.string().min(1).max(max));
