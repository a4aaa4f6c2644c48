"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardBody } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { useToast } from "@/app/_components/ui/toast";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import { FREQUENCIES, type BuilderDefinition } from "@/server/schemas/reports";

type Saved = { id: number; name: string; shared: boolean; definition: BuilderDefinition };

/** Saved reports: open, generate a file (with progress), schedule, download the kept files. */
export function SavedPanel({ onOpen }: { onOpen: (r: Saved) => void }) {
  const t = useTranslations("reports.saved");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.report.list.queryOptions());
  const schedules = useQuery(trpc.report.schedules.queryOptions());
  const format = useFormatter();
  const remove = useMutation({ mutationFn: (id: number) => client.report.delete.mutate({ id }), onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.report.list.queryKey() }) });
  const unschedule = useMutation({ mutationFn: (id: number) => client.report.unschedule.mutate({ id }), onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.report.schedules.queryKey() }) });

  if (list.data && list.data.length === 0) return <EmptyState title={t("empty")} />;
  return (
    <div className="space-y-4">
      {list.data?.map((r) => (
        <Card key={r.id} as="section" aria-label={r.name}>
          <CardBody className="space-y-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 className="text-base font-semibold" dir="auto">
                {r.name} {r.shared && <Badge size="sm">{t("shared")}</Badge>}
                {!r.mine && <span className="ms-2 text-sm font-normal text-fg-muted">{t("owner", { name: r.ownerName })}</span>}
              </h2>
              <div className="flex flex-wrap gap-2">
                <Button size="sm" variant="secondary" onClick={() => onOpen({ id: r.id, name: r.name, shared: r.shared, definition: r.definition as BuilderDefinition })}>
                  {t("open")}
                </Button>
                {r.editable && (
                  <Button size="sm" variant="ghost" onClick={() => remove.mutate(r.id)} loading={remove.isPending && remove.variables === r.id}>
                    {t("delete")}
                  </Button>
                )}
              </div>
            </div>
            <Runs reportId={r.id} />
            <ScheduleForm reportId={r.id} />
          </CardBody>
        </Card>
      ))}
      <section aria-labelledby="schedules-title" className="space-y-2">
        <h2 id="schedules-title" className="text-base font-semibold">
          {t("schedules")}
        </h2>
        {schedules.data?.length ? (
          <ul className="space-y-1 text-sm">
            {schedules.data.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center gap-2" data-testid="schedule-row">
                <span dir="auto">{s.reportName}</span>
                <Badge size="sm">{s.frequency}</Badge>
                <Badge size="sm">{s.format.toUpperCase()}</Badge>
                <span className="text-fg-muted">{t("nextRun", { at: format.dateTime(new Date(s.nextRunAt), { dateStyle: "medium", timeStyle: "short" }) })}</span>
                <Button size="sm" variant="ghost" onClick={() => unschedule.mutate(s.id)}>
                  {t("unschedule")}
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-fg-muted">{t("noSchedules")}</p>
        )}
      </section>
    </div>
  );
}

/** The report's generated files; while one is being made, its progress (polled). */
function Runs({ reportId }: { reportId: number }) {
  const t = useTranslations("reports.saved");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const errorInfo = useErrorInfo();
  const { toast } = useToast();
  const runs = useQuery({
    ...trpc.report.runs.queryOptions({ id: reportId }),
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === "queued" || r.status === "running") ? 1000 : false),
  });
  const run = useMutation({
    mutationFn: (format: "pdf" | "csv") => client.report.runNow.mutate({ reportId, format }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.report.runs.queryKey({ id: reportId }) }),
    onError: (e) => toast({ tone: "danger", title: errorInfo(e).message }),
  });
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {(["pdf", "csv"] as const).map((f) => (
          <Button key={f} size="sm" variant="secondary" onClick={() => run.mutate(f)} loading={run.isPending && run.variables === f}>
            {t("runNow", { format: f.toUpperCase() })}
          </Button>
        ))}
      </div>
      <h3 className="text-sm font-medium">{t("runs")}</h3>
      {runs.data?.length ? (
        <ul className="space-y-1 text-sm" aria-live="polite">
          {runs.data.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-2" data-testid="report-run">
              <Badge size="sm" tone={r.status === "done" ? "success" : r.status === "failed" ? "danger" : "info"}>
                {t(`status.${r.status}`, { progress: r.progress, error: r.error ?? "" })}
              </Badge>
              {r.status === "running" && <progress className="h-2 w-32" max={100} value={r.progress} aria-label={t(`status.running`, { progress: r.progress })} />}
              {r.status === "done" && r.filename && (
                <a className="text-accent-text underline" href={`/api/reports/runs/${r.id}`} download={r.filename}>
                  {t("download")} <bdi>{r.filename}</bdi>
                </a>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-fg-muted">{t("noRuns")}</p>
      )}
    </div>
  );
}

function ScheduleForm({ reportId }: { reportId: number }) {
  const t = useTranslations("reports");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const errorInfo = useErrorInfo();
  const { toast } = useToast();
  const format = useFormatter();
  const [frequency, setFrequency] = useState<(typeof FREQUENCIES)[number]>("weekly");
  const [fileFormat, setFileFormat] = useState<"pdf" | "csv">("pdf");
  const [recipients, setRecipients] = useState("");
  const schedule = useMutation({
    mutationFn: () => client.report.schedule.mutate({ reportId, frequency, format: fileFormat, recipients: recipients.split(/[,;\s]+/).filter(Boolean) }),
    onSuccess: async (s) => {
      toast({ tone: "success", title: t("saved.scheduled", { at: format.dateTime(new Date(s.nextRunAt), { dateStyle: "medium", timeStyle: "short" }) }) });
      setRecipients("");
      await queryClient.invalidateQueries({ queryKey: trpc.report.schedules.queryKey() });
    },
  });
  return (
    <form
      className="flex flex-wrap items-end gap-2 border-t border-border pt-3"
      aria-label={t("saved.schedule")}
      onSubmit={(e) => {
        e.preventDefault();
        schedule.mutate();
      }}
    >
      <Field label={t("saved.frequency")}>
        <Select value={frequency} onChange={(e) => setFrequency(e.target.value as typeof frequency)} options={FREQUENCIES.map((f) => ({ value: f, label: t(`frequencies.${f}`) }))} />
      </Field>
      <Field label={t("saved.format")}>
        <Select value={fileFormat} onChange={(e) => setFileFormat(e.target.value as "pdf" | "csv")} options={[{ value: "pdf", label: "PDF" }, { value: "csv", label: "CSV" }]} />
      </Field>
      <Field label={t("saved.recipients")} className="min-w-64 flex-1">
        <Input value={recipients} dir="ltr" required onChange={(e) => setRecipients(e.target.value)} />
      </Field>
      <Button type="submit" variant="secondary" loading={schedule.isPending}>
        {t("saved.schedule")}
      </Button>
      {schedule.isError && <p className="w-full text-sm text-danger-text">{errorInfo(schedule.error).message}</p>}
    </form>
  );
}
