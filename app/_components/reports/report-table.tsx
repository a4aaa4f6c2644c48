"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Table, TBody, Td, Th, THead, Tr } from "@/app/_components/ui/table";
import type { ReportCell, ReportResult } from "@/server/services/reports/result";
import { drillHref } from "./drill";

/**
 * A report's table: dimension columns, then the measures; every number links to the ticket list
 * that makes it (when the report's object is tickets). With `previous`, each figure shows the
 * previous period's value for the same row beneath it.
 */
export function ReportTable({ report, previous, timeZone, object }: { report: ReportResult; previous?: ReportResult | null; timeZone: string; object?: string }) {
  const t = useTranslations("reports.form");
  const format = useFormatter();
  const dims = report.columns.filter((c) => c.kind === "dimension").length;
  const prevByKey = new Map((previous?.rows ?? []).map((row, i) => [JSON.stringify(previous!.keys?.[i] ?? []), row]));
  const show = (v: ReportCell) => (typeof v === "number" ? format.number(v, { maximumFractionDigits: 2 }) : (v ?? "–"));
  return (
    <Table caption={report.title} captionHidden dense>
      <THead>
        <Tr>
          {report.columns.map((c) => (
            <Th key={c.key} align={c.kind === "measure" ? "end" : "start"}>
              {c.label}
            </Th>
          ))}
        </Tr>
      </THead>
      <TBody>
        {report.rows.map((row, i) => {
          const prev = prevByKey.get(JSON.stringify(report.keys?.[i] ?? []));
          return (
            <Tr key={JSON.stringify(report.keys?.[i] ?? i)}>
              {row.map((cell, j) => {
                const column = report.columns[j]!;
                if (column.kind === "dimension") return <Td key={column.key} dir="auto">{cell}</Td>;
                const href = typeof cell === "number" ? drillHref(report, i, column.key, timeZone, object) : null;
                return (
                  <Td key={column.key} numeric align="end">
                    {href ? (
                      <Link href={href} className="text-accent-text underline-offset-2 hover:underline" title={t("drill")}>
                        {show(cell)}
                      </Link>
                    ) : (
                      show(cell)
                    )}
                    {previous && <span className="block text-xs text-fg-muted">{t("previous", { value: show(prev?.[j] ?? null) })}</span>}
                  </Td>
                );
              })}
            </Tr>
          );
        })}
        {report.totals && (
          <Tr className="font-semibold">
            {report.totals.map((cell, j) => (
              <Td key={report.columns[j]!.key} numeric={j >= dims} align={j >= dims ? "end" : "start"}>
                {show(cell)}
                {previous?.totals && j >= dims && <span className="block text-xs font-normal text-fg-muted">{t("previous", { value: show(previous.totals[j] ?? null) })}</span>}
              </Td>
            ))}
          </Tr>
        )}
      </TBody>
    </Table>
  );
}
