"use client";

import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { CheckboxField } from "@/app/_components/admin-kit/checkbox-field";
import { CsvButton } from "@/app/_components/reports/csv-button";
import { PeriodPicker } from "@/app/_components/reports/period-picker";
import { ReportChart } from "@/app/_components/reports/report-chart";
import { ReportTable } from "@/app/_components/reports/report-table";
import { useTimeZone } from "@/app/_components/tickets/time-zone";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Select } from "@/app/_components/ui/select";
import { Spinner } from "@/app/_components/ui/spinner";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import { BUILTIN_DIMENSIONS, type BuiltinInput, type PeriodInput } from "@/server/schemas/reports";
import { PeriodRange } from "./period-range";

/** A built-in report: one dimension, every measure, a period, optionally beside the previous one. */
export function BuiltinPanel() {
  const t = useTranslations("reports");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const errorInfo = useErrorInfo();
  const timeZone = useTimeZone();
  const [dimension, setDimension] = useState<BuiltinInput["dimension"]>("queue");
  const [period, setPeriod] = useState<PeriodInput>({ preset: "thisMonth" });
  const [compare, setCompare] = useState(false);
  const [applied, setApplied] = useState<BuiltinInput>({ dimension, period, compare });
  const report = useQuery({ ...trpc.report.builtin.queryOptions(applied), placeholderData: keepPreviousData });

  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-3 rounded-lg border border-border bg-surface p-3"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied({ dimension, period, compare });
        }}
      >
        <Field label={t("form.dimension")}>
          <Select value={dimension} onChange={(e) => setDimension(e.target.value as BuiltinInput["dimension"])} options={BUILTIN_DIMENSIONS.map((d) => ({ value: d, label: t(`dimensions.${d}`) }))} />
        </Field>
        <PeriodPicker value={period} onChange={setPeriod} timeZone={timeZone} />
        <div className="pb-2">
          <CheckboxField label={t("form.compare")} checked={compare} onChange={setCompare} />
        </div>
        <Button type="submit" loading={report.isFetching}>
          {t("form.run")}
        </Button>
        <CsvButton fetch={() => client.report.exportCsv.mutate({ kind: "builtin", input: applied })} />
      </form>
      {report.isError ? (
        <Alert tone="danger" title={errorInfo(report.error).message} />
      ) : !report.data ? (
        <div className="flex justify-center py-12">
          <Spinner size="lg" label={t("form.loading")} />
        </div>
      ) : (
        <>
          <PeriodRange from={report.data.current.period.from} to={report.data.current.period.to} />
          {report.data.current.rows.length === 0 ? <p className="text-sm text-fg-muted">{t("form.empty")}</p> : <ReportChart report={report.data.current} />}
          <ReportTable report={report.data.current} previous={report.data.previous} timeZone={timeZone} />
        </>
      )}
    </div>
  );
}
