import type { ReportCell, ReportResult } from "./result";

const BOM = "\uFEFF";
/** A spreadsheet treats a cell starting with one of these as a formula (or strips it into one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell as CSV: text that a spreadsheet would run as a formula gets a leading apostrophe (it
 * shows as text, the usual OWASP advice); quotes, separators and line breaks are quoted.
 */
export function csvCell(value: ReportCell | boolean | Date | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = value instanceof Date ? value.toISOString() : String(value);
  const inert = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(inert) || inert !== inert.trim() ? `"${inert.replace(/"/g, '""')}"` : inert;
}

/** UTF-8 text with a byte-order mark (spreadsheets then read the encoding right), CRLF lines. */
export function toCsv(header: string[], rows: (ReportCell | boolean | Date | undefined)[][]): string {
  return BOM + [header.map(csvCell), ...rows.map((r) => r.map(csvCell))].map((r) => r.join(",")).join("\r\n") + "\r\n";
}

/** A report as CSV: its columns' labels, its rows, its totals row last. */
export function reportCsv(report: ReportResult): string {
  return toCsv(
    report.columns.map((c) => c.label),
    report.totals ? [...report.rows, report.totals] : report.rows,
  );
}
