"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { CheckboxField, CheckboxGroup } from "@/app/_components/admin-kit/checkbox-field";
import { CsvButton } from "@/app/_components/reports/csv-button";
import { PeriodPicker } from "@/app/_components/reports/period-picker";
import { ReportChart } from "@/app/_components/reports/report-chart";
import { ReportTable } from "@/app/_components/reports/report-table";
import { useTimeZone } from "@/app/_components/tickets/time-zone";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { useToast } from "@/app/_components/ui/toast";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import { DIMENSIONS, OBJECT_MEASURES, OBJECTS, reportFilters, type BuilderDefinition, type Dimension, type Measure } from "@/server/schemas/reports";
import { DEFAULT_FILTERS, filtersFromInput, queueListInput, type QueueFilters } from "@/app/_components/queue-view/params";
import { FilterBar } from "@/app/_components/queue-view/filter-bar";
import { PeriodRange } from "./period-range";

type Opened = { id: number; name: string; shared: boolean; definition: BuilderDefinition } | null;
const START: BuilderDefinition = { object: "tickets", dimensions: ["queue"], measures: ["count"], filters: {}, period: { preset: "thisMonth" }, chart: "bar" };

/** Object, up to two dimensions, measures, the queue view's filters and a period; a table and a chart; save. */
export function BuilderPanel({ opened, onSaved }: { opened: Opened; onSaved: () => void }) {
  const t = useTranslations("reports");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const errorInfo = useErrorInfo();
  const { toast } = useToast();
  const timeZone = useTimeZone();
  const [def, setDef] = useState<BuilderDefinition>(opened?.definition ?? START);
  const [applied, setApplied] = useState<BuilderDefinition | null>(opened?.definition ?? null);
  const [name, setName] = useState(opened?.name ?? "");
  const [shared, setShared] = useState(opened?.shared ?? false);
  const me = useQuery(trpc.meta.me.queryOptions());
  const actorId = me.data?.id ?? 0;
  // The queue view's own filter bar and URL form; the report takes the list input they stand for.
  const [queueFilters, setQueueFilters] = useState<QueueFilters>(() => (opened ? filtersFromInput(opened.definition.filters as Record<string, unknown>, actorId, timeZone) : { ...DEFAULT_FILTERS, status: "all" }));
  const setFilters = (next: QueueFilters) => {
    setQueueFilters(next);
    set({ filters: reportFiltersOf(next, actorId, timeZone) });
  };
  const report = useQuery({ ...trpc.report.build.queryOptions(applied ?? START), enabled: applied !== null });
  const save = useMutation({
    mutationFn: () => (opened ? client.report.update.mutate({ id: opened.id, name, shared, definition: def }) : client.report.save.mutate({ name, shared, definition: def })),
    onSuccess: async () => {
      toast({ tone: "success", title: t("form.saved") });
      await queryClient.invalidateQueries({ queryKey: trpc.report.list.queryKey() });
      onSaved();
    },
  });

  const set = (patch: Partial<BuilderDefinition>) => setDef((d) => ({ ...d, ...patch }));
  const offered: readonly Measure[] = OBJECT_MEASURES[def.object];
  const dimensions = DIMENSIONS.filter((d) => d !== "sender" || def.object === "articles");
  const [d1, d2] = def.dimensions;

  return (
    <div className="space-y-4">
      <form
        className="space-y-3 rounded-lg border border-border bg-surface p-3"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(def);
        }}
      >
        <div className="flex flex-wrap items-end gap-3">
          <Field label={t("form.object")}>
            <Select value={def.object} onChange={(e) => { const object = e.target.value as BuilderDefinition["object"]; set({ object, measures: [OBJECT_MEASURES[object][0]], dimensions: def.dimensions.filter((d) => d !== "sender" || object === "articles") as BuilderDefinition["dimensions"] }); }} options={OBJECTS.map((o) => ({ value: o, label: t(`objects.${o}`) }))} />
          </Field>
          <Field label={t("form.dimension1")}>
            <Select value={d1} onChange={(e) => set({ dimensions: [e.target.value as Dimension, ...(d2 && d2 !== e.target.value ? [d2] : [])] })} options={dimensions.map((d) => ({ value: d, label: t(`dimensions.${d}`) }))} />
          </Field>
          <Field label={t("form.dimension2")}>
            <Select value={d2 ?? ""} onChange={(e) => set({ dimensions: e.target.value ? [d1!, e.target.value as Dimension] : [d1!] })} options={[{ value: "", label: t("form.noSecond") }, ...dimensions.filter((d) => d !== d1).map((d) => ({ value: d, label: t(`dimensions.${d}`) }))]} />
          </Field>
          <Field label={t("form.chart")}>
            <Select value={def.chart} onChange={(e) => set({ chart: e.target.value as "bar" | "line" })} options={[{ value: "bar", label: t("form.bar") }, { value: "line", label: t("form.line") }]} />
          </Field>
          <PeriodPicker value={def.period} onChange={(period) => set({ period })} timeZone={timeZone} />
        </div>
        <FilterBar filters={queueFilters} onChange={(patch) => setFilters({ ...queueFilters, ...patch })} />
        <div className="flex flex-wrap gap-6">
          <CheckboxGroup legend={t("form.measures")}>
            {offered.map((m) => (
              <CheckboxField key={m} label={t(`measures.${m}`)} checked={def.measures.includes(m)} onChange={(on) => set({ measures: on ? [...def.measures, m] : def.measures.filter((x) => x !== m).length ? def.measures.filter((x) => x !== m) : def.measures })} />
            ))}
          </CheckboxGroup>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <Button type="submit" loading={report.isFetching}>
            {t("form.run")}
          </Button>
          <CsvButton fetch={() => client.report.exportCsv.mutate({ kind: "builder", definition: def })} />
        </div>
      </form>
      {report.isError && <Alert tone="danger" title={errorInfo(report.error).message} />}
      {report.data && (
        <>
          <PeriodRange from={report.data.period.from} to={report.data.period.to} />
          {report.data.rows.length === 0 ? <p className="text-sm text-fg-muted">{t("form.empty")}</p> : <ReportChart report={report.data} />}
          <ReportTable report={report.data} timeZone={timeZone} object={applied?.object} />
          <form
            className="flex flex-wrap items-end gap-3 rounded-lg border border-border bg-surface p-3"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate();
            }}
          >
            <Field label={t("form.name")}>
              <Input value={name} dir="auto" required maxLength={120} onChange={(e) => setName(e.target.value)} />
            </Field>
            <div className="pb-2">
              <CheckboxField label={t("form.shared")} checked={shared} onChange={setShared} />
            </div>
            <Button type="submit" variant="secondary" loading={save.isPending}>
              {t("form.save")}
            </Button>
            {save.isError && <p className="text-sm text-danger-text">{errorInfo(save.error).message}</p>}
          </form>
        </>
      )}
    </div>
  );
}

/** The report filters a queue-view filter set stands for (the list input without paging and sort). */
function reportFiltersOf(f: QueueFilters, actorId: number, timeZone: string): BuilderDefinition["filters"] {
  const { sort: _sort, direction: _direction, limit: _limit, includeArchived: _archived, ...filters } = queueListInput(f, actorId, timeZone);
  return reportFilters.parse(filters);
}
