import type { ReportResult } from "@/server/services/reports/result";

export type ReportPdfOptions = { deskName: string; language: string; timeZone?: string };

/**
 * Renders a report (table + chart) to PDF. Contract between the reports and PDF work of issue 11;
 * the renderer lands with the PDF work (server/pdf/).
 */
export async function renderReportPdf(report: ReportResult, options: ReportPdfOptions): Promise<Uint8Array> {
  void report;
  void options;
  throw new Error("renderReportPdf: the PDF renderer has not landed yet");
}
