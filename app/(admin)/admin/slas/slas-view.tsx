"use client";

import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { AdminTable, AdminToolbar } from "@/app/_components/admin-kit/admin-table";
import { CheckboxField, IdChecklist } from "@/app/_components/admin-kit/checkbox-field";
import { FormDialog } from "@/app/_components/admin-kit/form-dialog";
import { RefSelect } from "@/app/_components/admin-kit/ref-select";
import { nextPage, useAdminList } from "@/app/_components/admin-kit/use-admin-list";
import { useSavedThen } from "@/app/_components/admin-kit/use-saved";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";

type Sla = RouterOutputs["adminSla"]["slaList"]["items"][number];
const MINUTE_FIELDS = ["firstResponseMinutes", "updateMinutes", "solutionMinutes"] as const;

export function SlasView() {
  const t = useTranslations("adminConfig.slas");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const options = useQuery(trpc.adminConfig.options.queryOptions());
  const serviceName = new Map((options.data?.services ?? []).map((s) => [s.id, s.name]));
  const list = useAdminList((input) => trpc.adminSla.slaList.infiniteQueryOptions(input, nextPage));
  const minutes = (n: number | null) => (n === null ? "—" : t("minutes", { n }));
  return (
    <div className="space-y-4">
      <AdminToolbar filters={list} searchLabel={t("search")} newLabel={t("new")} onNew={list.create} />
      <AdminTable
        query={list.query}
        caption={t("title")}
        name={(x) => x.name}
        empty={{ title: t("empty") }}
        onEdit={(row) => list.open("edit", row)}
        lifecycle={{ setValid: (i) => client.adminSla.slaSetValid.mutate(i), remove: (i) => client.adminSla.slaDelete.mutate(i) }}
        columns={[
          { key: "name", header: t("columns.name"), cell: (x) => <span className="font-medium">{x.name}</span> },
          ...MINUTE_FIELDS.map((f) => ({ key: f, header: t(`columns.${f}`), cell: (x: Sla) => minutes(x[f]) })),
          { key: "calendar", header: t("columns.calendar"), cell: (x) => x.calendarName ?? t("queueCalendar") },
          { key: "services", header: t("columns.services"), cell: (x) => x.serviceIds.map((id) => serviceName.get(id) ?? `#${id}`).join(", ") || "—" },
        ]}
      />
      {list.dialog && <SlaForm sla={list.rowFor("edit") ?? undefined} onClose={list.close} />}
    </div>
  );
}

function SlaForm({ sla, onClose }: { sla?: Sla; onClose: () => void }) {
  const t = useTranslations("adminConfig.slas");
  const tCommon = useTranslations("adminConfig.common");
  const trpc = useTRPC();
  const options = useQuery(trpc.adminConfig.options.queryOptions());
  const [name, setName] = useState(sla?.name ?? "");
  const [calendarId, setCalendarId] = useState<number | null>(sla?.calendarId ?? null);
  const [times, setTimes] = useState<Record<(typeof MINUTE_FIELDS)[number], string>>({
    firstResponseMinutes: sla?.firstResponseMinutes?.toString() ?? "",
    updateMinutes: sla?.updateMinutes?.toString() ?? "",
    solutionMinutes: sla?.solutionMinutes?.toString() ?? "",
  });
  const [warnPercent, setWarnPercent] = useState(String(sla?.warnPercent ?? 80));
  const [pauseWhenPending, setPause] = useState(sla?.pauseWhenPending ?? true);
  const [serviceIds, setServiceIds] = useState<number[]>(sla?.serviceIds ?? []);
  const onSuccess = useSavedThen(onClose)(tCommon(sla ? "savedToast" : "createdToast", { name }));
  const create = useMutation(trpc.adminSla.slaCreate.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.adminSla.slaUpdate.mutationOptions({ onSuccess }));
  const number = (v: string) => (v.trim() === "" ? null : Number(v));
  const values = {
    name,
    calendarId,
    firstResponseMinutes: number(times.firstResponseMinutes),
    updateMinutes: number(times.updateMinutes),
    solutionMinutes: number(times.solutionMinutes),
    warnPercent: Number(warnPercent) || 0,
    pauseWhenPending,
    serviceIds,
  };
  return (
    <FormDialog
      open
      onClose={onClose}
      title={sla ? t("editTitle", { name: sla.name }) : t("createTitle")}
      submitLabel={tCommon(sla ? "actions.save" : "actions.create")}
      mutation={sla ? update : create}
      onSubmit={() => (sla ? update.mutate({ id: sla.id, ...values }) : create.mutate(values))}
    >
      {(errors) => (
        <>
          <Field label={tCommon("fields.name")} required error={errors.name}>
            <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
          </Field>
          <div className="grid gap-4 sm:grid-cols-3">
            {MINUTE_FIELDS.map((f) => (
              <Field key={f} label={t(`fields.${f}`)} optional error={errors[f]}>
                <Input type="number" inputMode="numeric" min={1} value={times[f]} onChange={(e) => setTimes((x) => ({ ...x, [f]: e.target.value }))} />
              </Field>
            ))}
          </div>
          <p className="text-xs text-fg-muted">{t("minutesHint")}</p>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t("fields.calendar")} optional error={errors.calendarId} hint={t("calendarHint")}>
              <RefSelect options={options.data?.calendars ?? []} value={calendarId} onChange={setCalendarId} none={t("queueCalendar")} />
            </Field>
            <Field label={t("fields.warnPercent")} error={errors.warnPercent} hint={t("warnPercentHint")}>
              <Input type="number" inputMode="numeric" min={1} max={100} value={warnPercent} onChange={(e) => setWarnPercent(e.target.value)} />
            </Field>
          </div>
          <CheckboxField label={t("fields.pauseWhenPending")} hint={t("pauseWhenPendingHint")} checked={pauseWhenPending} onChange={setPause} />
          <Field label={t("fields.services")} optional error={errors.serviceIds} hint={t("servicesHint")}>
            <IdChecklist label={t("fields.services")} items={(options.data?.services ?? []).filter((s) => s.valid || serviceIds.includes(s.id))} chosen={serviceIds} onChange={setServiceIds} />
          </Field>
        </>
      )}
    </FormDialog>
  );
}
