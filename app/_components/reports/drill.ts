import type { ReportResult } from "@/server/services/reports/result";
import { wallClockToInstant } from "@/server/time/wall-clock";

/** The queue-view URL parameter each dimension filters on (the ticket list's own names). */
const DIMENSION_PARAM: Record<string, string> = { queue: "queue", customer: "customer", company: "company", agent: "owner", service: "service", priority: "priority", type: "type" };

type Range = { from: Date; to: Date };
const iso = (d: Date) => d.toISOString();

/** What each built-in measure counts, as the list's drill-down parameters over the period. */
function measureParams(measure: string, p: Range): Record<string, string> | null {
  const range = (name: string) => ({ [`d.${name}From`]: iso(p.from), [`d.${name}To`]: iso(p.to) });
  switch (measure) {
    case "created":
    case "count":
      // The list's created-to is inclusive; the period is half-open.
      return { "d.createdFrom": iso(p.from), "d.createdTo": iso(new Date(p.to.getTime() - 1)) };
    case "closed":
    case "solutionMedian":
    case "solutionP90":
      return range("closed");
    case "openAtEnd":
      return { "d.openAt": iso(p.to) };
    case "reopened":
      return range("reopened");
    case "firstResponseMedian":
    case "firstResponseP90":
      return range("firstResponse");
    case "slaBreaches":
      return range("breached");
    case "timeAccounted":
      return range("time");
    case "articlesCustomer":
      return { ...range("articles"), "d.articleSender": "customer" };
    case "articlesAgent":
      return { ...range("articles"), "d.articleSender": "agent" };
    case "articlesSystem":
      return { ...range("articles"), "d.articleSender": "system" };
    default:
      return null;
  }
}

/** The time bucket a created day / week / month key stands for, in the reader's zone. */
function bucket(dimension: string, key: string, timeZone: string): Range | null {
  const start = wallClockToInstant(dimension === "createdMonth" ? `${key}-01` : key, timeZone);
  if (!start) return null;
  const [y, m, d] = (dimension === "createdMonth" ? `${key}-01` : key).split("-").map(Number) as [number, number, number];
  const next = dimension === "createdDay" ? new Date(Date.UTC(y, m - 1, d + 1)) : dimension === "createdWeek" ? new Date(Date.UTC(y, m - 1, d + 7)) : new Date(Date.UTC(y, m, 1));
  const end = wallClockToInstant(next.toISOString().slice(0, 10), timeZone);
  return end ? { from: start, to: end } : null;
}

/**
 * The agent ticket list behind one number of a report: the row's dimension values and the
 * measure's moment in the period (or in the row's time bucket), every ticket state, archive included.
 * Null when the number has no list (a compliance ratio, a row without a value to filter on).
 */
export function drillHref(report: ReportResult, rowIndex: number, measure: string, timeZone: string, object: string = "tickets"): string | null {
  if (object !== "tickets") return null;
  let period: Range = { from: new Date(report.period.from), to: new Date(report.period.to) };
  const params = new URLSearchParams({ status: "all", archive: "1" });
  const keys = report.keys?.[rowIndex] ?? [];
  for (const [i, dimension] of (report.dimensions ?? []).entries()) {
    const key = keys[i] ?? null;
    if (dimension.startsWith("created")) {
      const b = key ? bucket(dimension, key, timeZone) : null;
      if (!b) return null;
      period = { from: new Date(Math.max(b.from.getTime(), period.from.getTime())), to: new Date(Math.min(b.to.getTime(), period.to.getTime())) };
      continue;
    }
    const param = DIMENSION_PARAM[dimension];
    if (!param) return null;
    if (key === null) {
      if (dimension !== "agent") return null;
      params.set("owner", "unowned");
    } else params.set(param, key);
  }
  const m = measureParams(measure, period);
  if (!m) return null;
  for (const [k, v] of Object.entries(m)) params.set(k, v);
  return `/agent/tickets?${params.toString()}`;
}
