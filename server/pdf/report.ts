import { renderToBuffer } from "@react-pdf/renderer";
import { createElement } from "react";
import type { ReportResult } from "@/server/services/reports/result";
import { ensureFonts } from "./fonts";
import { pdfLocale } from "./layout";
import { ReportDocument } from "./report-document";

export type ReportPdfOptions = { deskName: string; language: string; timeZone?: string };

/**
 * Renders a report (table + chart) to PDF. Contract between the reports and PDF work of issue 11:
 * `language` is the reader's (already resolved: `readerLanguage`), which also decides the
 * direction (Persian lays out right to left); dates show in `timeZone` (default UTC).
 */
export async function renderReportPdf(report: ReportResult, options: ReportPdfOptions): Promise<Uint8Array> {
  await ensureFonts();
  const locale = pdfLocale(options.language, options.timeZone);
  const buffer = await renderToBuffer(createElement(ReportDocument, { report, locale, deskName: options.deskName }) as Parameters<typeof renderToBuffer>[0]);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
