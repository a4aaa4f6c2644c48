"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ReportResult } from "@/server/services/reports/result";

const COLORS = ["#2563eb", "#16a34a", "#d97706", "#dc2626", "#7c3aed", "#0891b2", "#db2777", "#65a30d", "#9333ea", "#ea580c"];

/**
 * The report's chart: x follows the first dimension; the measures are the series, or (with a
 * second dimension) its values are, stacked. Built from the same result the table shows.
 */
export function ReportChart({ report }: { report: ReportResult }) {
  const chart = report.chart;
  if (!chart || report.rows.length === 0) return null;
  const xi = report.columns.findIndex((c) => c.key === chart.x);
  const { data, series } = chart.splitBy ? pivot(report, xi, chart.splitBy, chart.series[0]!) : plain(report, xi, chart.series);
  const Chart = chart.type === "line" ? LineChart : BarChart;
  return (
    <figure className="h-80 w-full rounded-lg border border-border bg-surface p-3" aria-label={report.title} data-testid="report-chart">
      <ResponsiveContainer width="100%" height="100%">
        <Chart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} />
          <XAxis dataKey="x" tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} allowDecimals={false} />
          <Tooltip />
          <Legend />
          {series.map((s, i) =>
            chart.type === "line" ? (
              <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={COLORS[i % COLORS.length]} isAnimationActive={false} />
            ) : (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={COLORS[i % COLORS.length]} stackId={chart.splitBy ? "split" : undefined} isAnimationActive={false} />
            ),
          )}
        </Chart>
      </ResponsiveContainer>
    </figure>
  );
}

type Point = Record<string, string | number>;

function plain(report: ReportResult, xi: number, keys: string[]) {
  const series = keys.map((key) => ({ key, label: report.columns.find((c) => c.key === key)?.label ?? key, index: report.columns.findIndex((c) => c.key === key) }));
  const data = report.rows.map((row) => Object.fromEntries([["x", String(row[xi] ?? "")], ...series.map((s) => [s.key, Number(row[s.index] ?? 0)])]) as Point);
  return { data, series };
}

function pivot(report: ReportResult, xi: number, splitBy: string, measure: string) {
  const si = report.columns.findIndex((c) => c.key === splitBy);
  const mi = report.columns.findIndex((c) => c.key === measure);
  const names = [...new Set(report.rows.map((r) => String(r[si] ?? "")))];
  const series = names.map((name, i) => ({ key: `s${i}`, label: name }));
  const byX = new Map<string, Point>();
  for (const row of report.rows) {
    const x = String(row[xi] ?? "");
    const point = byX.get(x) ?? { x };
    point[`s${names.indexOf(String(row[si] ?? ""))}`] = Number(row[mi] ?? 0);
    byX.set(x, point);
  }
  return { data: [...byX.values()], series };
}
