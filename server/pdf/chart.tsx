import { Circle, G, Line, Polyline, Rect, Svg, Text as SvgText, View } from "@react-pdf/renderer";
import type { ReportCell, ReportChart, ReportResult } from "@/server/services/reports/result";
import { pageStyle, Row, UserText, type PdfLocale } from "./layout";

const WIDTH = 515;
const HEIGHT = 220;
const PAD = { top: 10, bottom: 34, side: 44 };
const COLORS = ["#0969da", "#1a7f37", "#bf8700", "#cf222e", "#8250df", "#1b7c83", "#bc4c00", "#57606a"];
const MAX_SERIES = COLORS.length;

export type ChartData = { categories: string[]; series: { label: string; values: number[] }[]; stacked: boolean };

/**
 * The chart's figures from the report's rows: one category per distinct x value (row order),
 * one series per measure, or, with `splitBy`, one series per value of that dimension (first
 * measure). Missing combinations count as zero; more series than colours are folded into the last.
 */
export function chartData(report: ReportResult, chart: ReportChart, label: (cell: ReportCell) => string): ChartData | null {
  const col = (key: string) => report.columns.findIndex((c) => c.key === key);
  const xi = col(chart.x);
  const measures = chart.series.map(col).filter((i) => i >= 0);
  if (xi < 0 || measures.length === 0) return null;
  const categories: string[] = [];
  const index = new Map<string, number>();
  for (const row of report.rows) {
    const x = label(row[xi] ?? null);
    if (!index.has(x)) {
      index.set(x, categories.length);
      categories.push(x);
    }
  }
  const si = chart.splitBy ? col(chart.splitBy) : -1;
  const series: ChartData["series"] = [];
  const seriesIndex = new Map<string, number>();
  const add = (name: string, category: number, value: number) => {
    let s = seriesIndex.get(name);
    if (s === undefined) {
      s = series.length;
      seriesIndex.set(name, s);
      series.push({ label: name, values: categories.map(() => 0) });
    }
    series[s]!.values[category]! += value;
  };
  for (const row of report.rows) {
    const category = index.get(label(row[xi] ?? null))!;
    if (si >= 0) add(label(row[si] ?? null), category, toNumber(row[measures[0]!]));
    else for (const m of measures) add(report.columns[m]!.label, category, toNumber(row[m]));
  }
  if (series.length > MAX_SERIES) {
    const rest = series.splice(MAX_SERIES - 1);
    series.push({ label: "…", values: categories.map((_, i) => rest.reduce((sum, s) => sum + s.values[i]!, 0)) });
  }
  return { categories, series, stacked: si >= 0 && chart.type === "bar" };
}

/** The chart as vector graphics (react-pdf's Svg primitives), mirrored for right-to-left readers. */
export function ReportChartView({ data, type, locale, format }: { data: ChartData; type: ReportChart["type"]; locale: PdfLocale; format: (n: number) => string }) {
  const rtl = locale.direction === "rtl";
  const plotW = WIDTH - 2 * PAD.side;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const n = Math.max(data.categories.length, 1);
  const totals = data.categories.map((_, i) => (data.stacked ? data.series.reduce((s, x) => s + Math.max(0, x.values[i]!), 0) : Math.max(0, ...data.series.map((x) => x.values[i]!))));
  const { max, ticks } = niceScale(Math.max(0, ...totals));
  const y = (v: number) => PAD.top + plotH - (max === 0 ? 0 : (v / max) * plotH);
  // Category i's band, counted from the reading start.
  const band = plotW / n;
  const bandX = (i: number) => (rtl ? PAD.side + plotW - (i + 1) * band : PAD.side + i * band);
  const axisX = rtl ? PAD.side + plotW : PAD.side;
  const labelEvery = Math.ceil(n / 14);
  const font = pageStyle(locale).fontFamily;

  return (
    <View wrap={false} style={{ marginTop: 10, marginBottom: 6 }}>
      <Svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`}>
        {ticks.map((tick) => (
          <G key={`t${tick}`}>
            <Line x1={PAD.side} x2={PAD.side + plotW} y1={y(tick)} y2={y(tick)} stroke={tick === 0 ? "#59636e" : "#d1d9e0"} strokeWidth={tick === 0 ? 0.8 : 0.5} />
            <SvgText x={rtl ? axisX + 4 : axisX - 4} y={y(tick) + 2.5} textAnchor={rtl ? "start" : "end"} style={{ fontSize: 7, fill: "#59636e", fontFamily: font }}>
              {format(tick)}
            </SvgText>
          </G>
        ))}
        {type === "bar" ? bars(data, band, bandX, y) : lines(data, band, bandX, y)}
        {data.categories.map((c, i) =>
          i % labelEvery === 0 ? (
            <SvgText key={`c${i}`} x={bandX(i) + band / 2} y={PAD.top + plotH + 11} textAnchor="middle" style={{ fontSize: 7, fill: "#1f2328", fontFamily: font }}>
              {shorten(c, Math.max(6, Math.floor((band * labelEvery) / 4.2)))}
            </SvgText>
          ) : null,
        )}
      </Svg>
      {data.series.length > 1 && (
        <Row direction={locale.direction} style={{ flexWrap: "wrap", marginTop: 2 }}>
          {data.series.map((s, i) => (
            <Row key={`l${i}`} direction={locale.direction} style={{ alignItems: "center", marginRight: rtl ? 0 : 12, marginLeft: rtl ? 12 : 0, marginBottom: 2 }}>
              <View style={{ width: 8, height: 8, backgroundColor: COLORS[i % COLORS.length], marginRight: rtl ? 0 : 4, marginLeft: rtl ? 4 : 0 }} />
              <UserText text={s.label} fallback={locale.direction} size={8} />
            </Row>
          ))}
        </Row>
      )}
    </View>
  );
}

function bars(data: ChartData, band: number, bandX: (i: number) => number, y: (v: number) => number) {
  const inner = band * 0.7;
  const groups = data.stacked ? 1 : data.series.length;
  const w = inner / groups;
  return data.categories.map((_, i) => {
    let base = 0;
    return (
      <G key={`b${i}`}>
        {data.series.map((s, k) => {
          const v = Math.max(0, s.values[i]!);
          const x = bandX(i) + (band - inner) / 2 + (data.stacked ? 0 : k * w);
          const top = y(base + v);
          const rect = <Rect key={`r${k}`} x={x} y={top} width={Math.max(w - (groups > 1 ? 1 : 0), 0.5)} height={Math.max(y(base) - top, 0)} fill={COLORS[k % COLORS.length]} />;
          if (data.stacked) base += v;
          return rect;
        })}
      </G>
    );
  });
}

function lines(data: ChartData, band: number, bandX: (i: number) => number, y: (v: number) => number) {
  return data.series.map((s, k) => {
    const points = s.values.map((v, i) => [bandX(i) + band / 2, y(Math.max(0, v))] as const);
    return (
      <G key={`s${k}`}>
        <Polyline points={points.map(([px, py]) => `${px},${py}`).join(" ")} fill="none" stroke={COLORS[k % COLORS.length]} strokeWidth={1.5} />
        {points.length <= 40 && points.map(([px, py], i) => <Circle key={`p${i}`} cx={px} cy={py} r={1.8} fill={COLORS[k % COLORS.length]} />)}
      </G>
    );
  });
}

/** Round axis steps (1, 2, 5 × 10ⁿ) covering the largest value, about five gridlines. */
export function niceScale(largest: number): { max: number; ticks: number[] } {
  if (!(largest > 0)) return { max: 1, ticks: [0, 1] };
  const rough = largest / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const max = Math.ceil(largest / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { max, ticks };
}

function toNumber(cell: ReportCell | undefined): number {
  return typeof cell === "number" && Number.isFinite(cell) ? cell : 0;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
