import { extractText, getDocumentProxy } from "unpdf";

/**
 * The text of a PDF as pdf.js extracts it (right-to-left runs come back in logical order), pages
 * joined; `flat` has every run of white space (no-break and narrow spaces too) as one space.
 */
export async function pdfText(bytes: Uint8Array): Promise<{ text: string; flat: string; pages: number }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text, totalPages } = await extractText(pdf, { mergePages: true });
  const normalized = text.normalize("NFKC");
  return { text: normalized, flat: normalized.replace(/[\s\u00a0\u202f\u200c]+/g, " "), pages: totalPages };
}

/** Each text item of a page with where it starts and how wide it is (PDF points, origin bottom-left). */
export async function pdfTextItems(bytes: Uint8Array, pageNumber = 1): Promise<{ str: string; x: number; y: number; width: number; pageWidth: number }[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const page = await pdf.getPage(pageNumber);
  const [, , pageWidth] = page.view as [number, number, number, number];
  const content = await page.getTextContent();
  return content.items
    .filter((item): item is typeof item & { str: string; transform: number[]; width: number } => "str" in item && item.str.trim() !== "")
    .map((item) => ({ str: item.str.normalize("NFKC"), x: item.transform[4]!, y: item.transform[5]!, width: item.width, pageWidth }));
}
