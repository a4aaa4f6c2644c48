import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fa from "@/server/i18n/messages/fa.json";
import { registerCatalog, unregisterCatalog } from "@/server/i18n/translate";
import { renderReportPdf } from "@/server/pdf/report";
import type { ReportResult } from "@/server/services/reports/result";
import { pdfText, pdfTextItems } from "@/tests/helpers/pdf-text";

// Reports are hand-made here: the renderer must take any ReportResult, whatever report made it.
const base = (over: Partial<ReportResult> = {}): ReportResult => ({
  title: "Tickets created per queue per week",
  period: { from: new Date("2026-07-01T00:00:00Z"), to: new Date("2026-10-01T00:00:00Z") },
  columns: [
    { key: "week", label: "Week", kind: "dimension" },
    { key: "queue", label: "Queue", kind: "dimension" },
    { key: "created", label: "Created", kind: "measure", unit: "count" },
    { key: "frt", label: "First response", kind: "measure", unit: "minutes" },
    { key: "sla", label: "SLA compliance", kind: "measure", unit: "percent" },
  ],
  rows: [
    ["2026-W40", "Raw", 1234, 45, 95],
    ["2026-W40", "Zażółć gęślą jaźń", 17, 125, 87.5],
    ["2026-W41", "Raw", 9, null, 100],
    ["2026-W41", "Größe Übersicht", 0, 61, 0],
  ],
  chart: { type: "bar", x: "week", series: ["created"], splitBy: "queue" },
  totals: ["Total", null, 1260, 61, 92.25],
  generatedAt: new Date("2026-10-02T08:00:00Z"),
  ...over,
});

// The Persian catalog ships with the languages work; registered here so this file stands alone.
beforeAll(() => registerCatalog("fa", fa));
afterAll(() => unregisterCatalog("fa"));

describe("report PDF", () => {
  it("holds the title, period, desk name, page number and every figure of its table, formatted for the reader", async () => {
    // A quarter in Warsaw time: its bounds are local midnights.
    const period = { from: new Date("2026-06-30T22:00:00Z"), to: new Date("2026-09-30T22:00:00Z") };
    const { flat, pages } = await pdfText(await renderReportPdf(base({ period }), { deskName: "Acme Support", language: "en", timeZone: "Europe/Warsaw" }));
    expect(pages).toBe(1);
    expect(flat).toContain("Tickets created per queue per week");
    expect(flat).toContain("Acme Support");
    // Half-open period: the last day shown is the day before `to`.
    expect(flat).toContain("Period: Jul 1, 2026 – Sep 30, 2026");
    expect(flat).toContain("Page 1 of 1");
    for (const label of ["Week", "Queue", "Created", "First response", "SLA compliance"]) expect(flat).toContain(label);
    for (const row of ["2026-W40 Raw 1,234 45 min 95%", "2026-W40 Zażółć gęślą jaźń 17 2 h 5 min 87.5%", "2026-W41 Raw 9 – 100%", "2026-W41 Größe Übersicht 0 1 h 1 min 0%", "Total – 1,260 1 h 1 min 92.3%"]) {
      expect(flat).toContain(row);
    }
  });

  it("draws the chart from the data: axis steps and one legend entry per split series", async () => {
    const { flat } = await pdfText(await renderReportPdf(base(), { deskName: "Desk", language: "en" }));
    // Stacked bars: the tallest week is 1,251 (1,234 + 17), so the axis runs in steps of 500 to 1,500.
    expect(flat).toContain("0 500 1,000 1,500");
    expect(flat).toContain("Raw Zażółć gęślą jaźń Größe Übersicht");
    const line = await pdfText(await renderReportPdf(base({ chart: { type: "line", x: "week", series: ["created", "frt"] } }), { deskName: "Desk", language: "en" }));
    // Two measures without a split: two series named after their columns.
    expect(line.flat).toMatch(/Created First response Week/);
  });

  it("keeps Polish and German letters and the reader's number format", async () => {
    const pl = await pdfText(await renderReportPdf(base({ title: "Zgłoszenia według kolejki — źródło", rows: [["2026-W40", "Łódź", 12345, 30, 50]] }), { deskName: "Pomoc Żółw", language: "pl" }));
    expect(pl.flat).toContain("Zgłoszenia według kolejki — źródło");
    expect(pl.flat).toContain("Pomoc Żółw");
    expect(pl.flat).toContain("Łódź 12 345");
    const de = await pdfText(await renderReportPdf(base({ title: "Tickets nach Größe – Übersicht für Müller", rows: [["2026-W40", "Straße", 12345, 30, 50]] }), { deskName: "Kundendienst Köln", language: "de" }));
    expect(de.flat).toContain("Tickets nach Größe – Übersicht für Müller");
    expect(de.flat).toContain("Straße 12.345");
  });

  it("lays a Persian report out right to left with Persian words in logical order", async () => {
    const report = base({
      title: "درخواست‌های ایجادشده در هر صف",
      columns: [
        { key: "queue", label: "صف", kind: "dimension" },
        { key: "created", label: "ایجادشده", kind: "measure", unit: "count" },
      ],
      rows: [
        ["پشتیبانی فنی", 1234],
        ["Raw", 5],
      ],
      chart: { type: "bar", x: "queue", series: ["created"] },
      totals: undefined,
    });
    const bytes = await renderReportPdf(report, { deskName: "میز پشتیبانی", language: "fa" });
    const { flat } = await pdfText(bytes);
    expect(flat).toContain("پشتیبانی فنی");
    expect(flat).toContain("ایجادشده در هر صف");
    expect(flat).toContain("میز پشتیبانی");
    // Persian figures, as Persian readers write them.
    expect(flat).toContain(new Intl.NumberFormat("fa").format(1234));
    expect(flat).toContain("صفحه ۱ از ۱");
    // Right to left: the title ends at the right margin, the first column sits right of the second.
    const items = await pdfTextItems(bytes);
    const title = items.find((i) => i.str.includes("ایجادشده در هر صف") && i.y < 800 && i.y > 700);
    expect(title).toBeDefined();
    expect(title!.x + title!.width).toBeGreaterThan(title!.pageWidth - 60);
    const header = items.filter((i) => i.str === "صف" || i.str === "ایجادشده");
    const queueX = header.find((i) => i.str === "صف")!.x;
    const createdX = header.find((i) => i.str === "ایجادشده")!.x;
    expect(queueX).toBeGreaterThan(createdX);
  });

  it("extracts the same letters from every PDF of a process, whichever letters earlier PDFs used", async () => {
    // fontkit caches glyphs per font: a composed "ó" in one PDF once left plain "o" without text in the next.
    await renderReportPdf(base({ title: "Zażółć — ó", rows: [] }), { deskName: "Łódź", language: "pl" });
    const { flat } = await pdfText(await renderReportPdf(base({ title: "History of orders", rows: [] }), { deskName: "Support", language: "en" }));
    expect(flat).toContain("History of orders");
  });

  it("says so when the period has no rows, and pages long tables with the header on every page", async () => {
    const empty = await pdfText(await renderReportPdf(base({ rows: [], totals: undefined }), { deskName: "Desk", language: "en" }));
    expect(empty.flat).toContain("No data for this period.");
    const rows = Array.from({ length: 120 }, (_, i) => [`Agent ${i + 1}`, `Queue ${i % 7}`, i * 3, i, 50] as const);
    const long = await pdfText(await renderReportPdf(base({ rows: rows.map((r) => [...r]), chart: undefined }), { deskName: "Desk", language: "en" }));
    expect(long.pages).toBeGreaterThan(1);
    expect(long.flat).toContain(`Page ${long.pages} of ${long.pages}`);
    expect(long.flat.match(/Week Queue Created First response SLA compliance/g)?.length).toBe(long.pages);
    expect(long.flat).toContain("Agent 120 Queue 0 357 1 h 59 min 50%");
  });
});
