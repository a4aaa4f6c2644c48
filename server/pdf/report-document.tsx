import { Document, Page, View } from "@react-pdf/renderer";
import type { ReportCell, ReportColumn, ReportResult } from "@/server/services/reports/result";
import { chartData, ReportChartView } from "./chart";
import { formatDate, formatDateTime, P, PageFrame, pageStyle, Row, textDirection, UserText, type PdfLocale } from "./layout";

/** A report on paper: title, period, desk, the chart (when the report has one) and the table with its totals. */
export function ReportDocument({ report, locale, deskName }: { report: ReportResult; locale: PdfLocale; deskName: string }) {
  const d = locale.direction;
  const fmt = cellFormatter(locale);
  const data = report.chart ? chartData(report, report.chart, (cell) => fmt(cell)) : null;
  const landscape = report.columns.length > 7;
  // The last day included: the period is half-open [from, to).
  const lastDay = new Date(Math.max(report.period.from.getTime(), report.period.to.getTime() - 1));
  return (
    <Document title={report.title} author={deskName} creator={deskName} producer={deskName} language={locale.language}>
      {/* The same pagination engine as tickets: it also keeps the repeated table header clear of the first row. */}
      <Page size="A4" orientation={landscape ? "landscape" : "portrait"} experimentalPagination style={pageStyle(locale)}>
        <PageFrame locale={locale} deskName={deskName} title={report.title} />
        <UserText text={report.title} fallback={d} align={d} bold size={15} style={{ marginBottom: 4 }} />
        <P direction={d} muted>
          {locale.t("pdf.report.period", { from: formatDate(locale, report.period.from), to: formatDate(locale, lastDay) })}
        </P>
        <P direction={d} muted style={{ marginBottom: 8 }}>
          {locale.t("pdf.generatedAt", { date: formatDateTime(locale, report.generatedAt) })}
        </P>
        {data && data.categories.length > 0 && report.chart && (
          <ReportChartView data={data} type={report.chart.type} locale={locale} format={(n) => fmt(n)} />
        )}
        {report.rows.length === 0 ? (
          <P direction={d} muted style={{ marginTop: 12 }}>
            {locale.t("pdf.report.empty")}
          </P>
        ) : (
          <ReportTable report={report} locale={locale} fmt={fmt} />
        )}
      </Page>
    </Document>
  );
}

function ReportTable({ report, locale, fmt }: { report: ReportResult; locale: PdfLocale; fmt: (cell: ReportCell, column?: ReportColumn) => string }) {
  const d = locale.direction;
  const size = report.columns.length > 10 ? 7 : 8.5;
  const cellStyle = (c: ReportColumn) => ({ flexGrow: c.kind === "dimension" ? 2 : 1, flexBasis: 0, paddingHorizontal: 3 });
  // Figures line up at the reading end of their cells; names at the start.
  const align = (c: ReportColumn) => (c.kind === "measure" ? (d === "rtl" ? "left" : "right") : d === "rtl" ? "right" : "left");
  const line = (cells: ReportCell[], key: string, bold: boolean, extra: Record<string, unknown>) => (
    <Row key={key} direction={d} wrap={false} style={{ paddingVertical: 2.5, borderBottomWidth: 0.5, borderBottomColor: "#d1d9e0", ...extra }}>
      {report.columns.map((c, i) => (
        <View key={c.key} style={cellStyle(c)}>
          <P direction={typeof cells[i] === "string" ? textDirection(cells[i] as string, d) : d} bold={bold} size={size} style={{ textAlign: align(c) }}>
            {fmt(cells[i] ?? null, c)}
          </P>
        </View>
      ))}
    </Row>
  );
  return (
    <View style={{ marginTop: 8 }}>
      <Row direction={d} fixed style={{ paddingVertical: 3, borderBottomWidth: 1, borderBottomColor: "#59636e", backgroundColor: "#f6f8fa" }}>
        {report.columns.map((c) => (
          <View key={c.key} style={cellStyle(c)}>
            <P direction={d} bold size={size} style={{ textAlign: align(c) }}>
              {c.label}
            </P>
          </View>
        ))}
      </Row>
      {report.rows.map((row, i) => line(row, `r${i}`, false, {}))}
      {report.totals && line(report.totals, "totals", true, { borderTopWidth: 1, borderTopColor: "#59636e" })}
    </View>
  );
}

/** Cells as the reader reads numbers: counts grouped, minutes as hours and minutes, percentages with one decimal. */
export function cellFormatter(locale: PdfLocale) {
  const integer = new Intl.NumberFormat(locale.intl, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale.intl, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(locale.intl, { style: "percent", maximumFractionDigits: 1 });
  return (cell: ReportCell, column?: ReportColumn): string => {
    if (cell === null || cell === undefined) return "–";
    if (typeof cell === "string") return cell;
    if (!Number.isFinite(cell)) return "–";
    if (column?.unit === "percent") return percent.format(cell / 100);
    if (column?.unit === "minutes") {
      const total = Math.round(cell);
      if (Math.abs(total) < 60) return locale.t("pdf.report.minutes", { minutes: integer.format(total) });
      return locale.t("pdf.report.hoursMinutes", { hours: integer.format(Math.trunc(total / 60)), minutes: integer.format(Math.abs(total % 60)) });
    }
    return Number.isInteger(cell) ? integer.format(cell) : decimal.format(cell);
  };
}
