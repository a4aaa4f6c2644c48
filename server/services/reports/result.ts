/**
 * What every report run produces (built-in reports, builder reports, scheduled runs): the one shape
 * the screens, the CSV export and the PDF renderer read. Numbers stay numbers; labels are already
 * in the reader's language.
 */
export type ReportColumn = {
  key: string;
  label: string;
  /** "dimension" columns name a row; "measure" columns hold its figures. */
  kind: "dimension" | "measure";
  /** How a measure reads: a count, minutes of (working) time, a percentage 0–100. */
  unit?: "count" | "minutes" | "percent";
};

export type ReportCell = string | number | null;

export type ReportChart = {
  type: "bar" | "line";
  /** Key of the dimension column the x axis follows. */
  x: string;
  /** Keys of the measure columns drawn (one series each); a second dimension splits series. */
  series: string[];
  /** Key of a second dimension column whose values become series (stacked bars / lines). */
  splitBy?: string;
};

export type ReportResult = {
  title: string;
  /** The period the figures cover, half-open [from, to). */
  period: { from: Date; to: Date };
  columns: ReportColumn[];
  rows: ReportCell[][];
  chart?: ReportChart;
  /** Optional totals row, same column order as `columns`. */
  totals?: ReportCell[];
  generatedAt: Date;
  /** Per row, the raw keys of its dimension columns (ids, dates): what a drill-down filters on. */
  keys?: (string | null)[][];
  /** The dimensions the keys belong to, in column order (e.g. ["queue", "createdWeek"]). */
  dimensions?: string[];
};
