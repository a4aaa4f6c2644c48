import { describe, expect, it } from "vitest";
import { chartData, niceScale } from "@/server/pdf/chart";
import type { ReportResult } from "@/server/services/reports/result";

const report = (rows: ReportResult["rows"]): ReportResult => ({
  title: "t",
  period: { from: new Date(0), to: new Date(1) },
  columns: [
    { key: "week", label: "Week", kind: "dimension" },
    { key: "queue", label: "Queue", kind: "dimension" },
    { key: "created", label: "Created", kind: "measure" },
    { key: "closed", label: "Closed", kind: "measure" },
  ],
  rows,
  generatedAt: new Date(0),
});
const label = (cell: unknown) => (cell === null ? "–" : String(cell));

describe("chart data", () => {
  it("makes one series per measure, categories in row order", () => {
    const data = chartData(report([["W2", "A", 3, 1], ["W1", "A", 5, 2]]), { type: "line", x: "week", series: ["created", "closed"] }, label);
    expect(data).toEqual({ categories: ["W2", "W1"], series: [{ label: "Created", values: [3, 5] }, { label: "Closed", values: [1, 2] }], stacked: false });
  });

  it("splits by a second dimension, stacking bars, with missing combinations as zero and duplicate rows summed", () => {
    const data = chartData(report([["W1", "A", 3, 0], ["W1", "B", 4, 0], ["W2", "B", 1, 0], ["W2", "B", 2, 0], ["W3", null, 7, 0]]), { type: "bar", x: "week", series: ["created"], splitBy: "queue" }, label);
    expect(data).toEqual({
      categories: ["W1", "W2", "W3"],
      series: [
        { label: "A", values: [3, 0, 0] },
        { label: "B", values: [4, 3, 0] },
        { label: "–", values: [0, 0, 7] },
      ],
      stacked: true,
    });
  });

  it("folds series beyond the palette into one, keeping the totals", () => {
    const rows = Array.from({ length: 12 }, (_, i) => ["W1", `Q${i}`, i + 1, 0]);
    const data = chartData(report(rows), { type: "bar", x: "week", series: ["created"], splitBy: "queue" }, label)!;
    expect(data.series).toHaveLength(8);
    expect(data.series.at(-1)).toEqual({ label: "…", values: [8 + 9 + 10 + 11 + 12] });
    expect(data.series.reduce((s, x) => s + x.values[0]!, 0)).toBe(78);
  });

  it("gives up on unknown columns instead of drawing nonsense", () => {
    expect(chartData(report([]), { type: "bar", x: "nope", series: ["created"] }, label)).toBeNull();
    expect(chartData(report([]), { type: "bar", x: "week", series: ["nope"] }, label)).toBeNull();
  });
});

describe("axis scale", () => {
  it("uses round steps that cover the largest value", () => {
    expect(niceScale(0)).toEqual({ max: 1, ticks: [0, 1] });
    expect(niceScale(1251)).toEqual({ max: 1500, ticks: [0, 500, 1000, 1500] });
    expect(niceScale(7)).toEqual({ max: 8, ticks: [0, 2, 4, 6, 8] });
    expect(niceScale(0.3).ticks).toEqual([0, 0.1, 0.2, 0.3]);
  });
});
