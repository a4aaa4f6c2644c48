import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvCell, reportCsv, toCsv } from "@/server/services/reports/csv";
import type { ReportResult } from "@/server/services/reports/result";

const DANGEROUS = ["=SUM(A1:A9)", "+1+1", "-2+3", "@cmd", "\t=tab", "\r=cr", "=HYPERLINK(\"http://evil.example\",\"x\")"];
const SAFE = ["Zażółć gęślą jaźń", "Größe ändern", "گزارش تیکت", "comma, inside", "quote \"inside\"", "line\nbreak", "  padded  ", "", "a=b", "1-2"];

const parse = (csv: string) => Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: false }).data.filter((r) => !(r.length === 1 && r[0] === ""));

describe("CSV export", () => {
  it("starts with a UTF-8 byte-order mark and separates lines with CRLF", () => {
    const csv = toCsv(["a", "b"], [["x", 1]]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe("a,b\r\nx,1\r\n");
  });

  it("makes every cell that starts like a formula inert (= + - @ tab CR), and leaves others as they are", () => {
    for (const cell of DANGEROUS) expect(csvCell(cell).replace(/^"/, "")).toMatch(/^'/);
    for (const cell of SAFE) expect(csvCell(cell).replace(/^"/, "")).not.toMatch(/^'/);
    // Numbers stay numbers (a negative figure is not text a spreadsheet would run).
    expect(csvCell(-5)).toBe("-5");
  });

  it("a round trip through a CSV parser gives the same table (formula cells shown as text)", () => {
    const report: ReportResult = {
      title: "Tickets",
      period: { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-04-01T00:00:00Z") },
      columns: [
        { key: "queue", label: "Queue", kind: "dimension" },
        { key: "count", label: "=Count", kind: "measure", unit: "count" },
        { key: "median", label: "Median, minutes", kind: "measure", unit: "minutes" },
      ],
      rows: [...DANGEROUS, ...SAFE].map((name, i) => [name, i, i % 3 ? i * 1.25 : null]),
      totals: ["Total", 99, 12.5],
      generatedAt: new Date(),
    };
    const table = parse(reportCsv(report));
    const inert = (v: string | number | null) => (v === null ? "" : typeof v === "number" ? String(v) : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
    expect(table).toEqual([report.columns.map((c) => inert(c.label)), ...[...report.rows, report.totals!].map((r) => r.map(inert))]);
  });
});
