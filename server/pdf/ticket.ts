import { renderToBuffer } from "@react-pdf/renderer";
import { createElement } from "react";
import { ensureFonts } from "./fonts";
import { pdfLocale } from "./layout";
import { TicketDocument, type TicketPdf } from "./ticket-document";

export type { TicketPdf } from "./ticket-document";
export type TicketPdfOptions = { deskName: string; language: string; timeZone?: string; title: string };

/** One PDF of one or more tickets, each starting on a new page. */
export async function renderTicketsPdf(tickets: TicketPdf[], options: TicketPdfOptions): Promise<Uint8Array> {
  await ensureFonts();
  const locale = pdfLocale(options.language, options.timeZone);
  const element = createElement(TicketDocument, { tickets, locale, deskName: options.deskName, title: options.title });
  const buffer = await renderToBuffer(element as Parameters<typeof renderToBuffer>[0]);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
