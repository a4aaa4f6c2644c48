"use client";

import { useId, useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useAdminError } from "@/app/_components/admin-kit/errors";
import { FormDialog } from "@/app/_components/admin-kit/form-dialog";
import { CheckboxField } from "@/app/_components/admin-kit/checkbox-field";
import { RefSelect } from "@/app/_components/admin-kit/ref-select";
import { useSaved } from "@/app/_components/admin-kit/use-saved";
import { useTRPC } from "@/app/_components/trpc/provider";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { FILTER_FIELDS } from "@/server/schemas/admin-config";
import type { Filter } from "./filters-view";

type Condition = { field: string; pattern: string; regex: boolean; negate: boolean };

export function FilterForm({ filter, onClose }: { filter?: Filter; onClose: () => void }) {
  const t = useTranslations("adminConfig.filters");
  const tCommon = useTranslations("adminConfig.common");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const fieldList = useId();
  const options = useQuery(trpc.adminConfig.options.queryOptions());
  const [name, setName] = useState(filter?.name ?? "");
  const [position, setPosition] = useState(String(filter?.position ?? 0));
  const [conditions, setConditions] = useState<Condition[]>(filter?.match.map((c) => ({ ...c, negate: c.negate ?? false })) ?? [{ field: "subject", pattern: "", regex: false, negate: false }]);
  const [queueId, setQueueId] = useState<number | null>(filter?.set.queueId ?? null);
  const [priorityId, setPriorityId] = useState<number | null>(filter?.set.priorityId ?? null);
  const [typeId, setTypeId] = useState<number | null>(filter?.set.typeId ?? null);
  const [serviceId, setServiceId] = useState<number | null>(filter?.set.serviceId ?? null);
  const [customerEmail, setCustomerEmail] = useState(filter?.set.customerEmail ?? "");
  const [ignore, setIgnore] = useState(filter?.set.ignore ?? false);
  const [stop, setStop] = useState(filter?.stop ?? false);
  const done = () => {
    void saved(tCommon(filter ? "savedToast" : "createdToast", { name }));
    onClose();
  };
  const create = useMutation(trpc.adminConfig.filterCreate.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.adminConfig.filterUpdate.mutationOptions({ onSuccess: done }));
  const active = filter ? update : create;
  const error = active.error ? errorOf(active.error) : null;
  const set = ignore ? { ignore: true } : { ...(queueId ? { queueId } : {}), ...(priorityId ? { priorityId } : {}), ...(typeId ? { typeId } : {}), ...(serviceId ? { serviceId } : {}), ...(customerEmail.trim() ? { customerEmail: customerEmail.trim() } : {}) };
  const values = { name, position: Number(position) || 0, match: conditions, set, stop };
  const change = (index: number, patch: Partial<Condition>) => setConditions((list) => list.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <FormDialog
      open
      size="lg"
      onClose={onClose}
      title={filter ? t("editTitle", { name: filter.name }) : t("createTitle")}
      submitLabel={tCommon(filter ? "actions.save" : "actions.create")}
      pending={active.isPending}
      error={error}
      onSubmit={() => (filter ? update.mutate({ id: filter.id, ...values }) : create.mutate(values))}
    >
      <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
        <Field label={tCommon("fields.name")} required error={error?.fields.name}>
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
        </Field>
        <Field label={t("fields.position")} error={error?.fields.position} hint={t("positionHint")}>
          <Input type="number" inputMode="numeric" min={0} value={position} onChange={(e) => setPosition(e.target.value)} />
        </Field>
      </div>
      <fieldset className="space-y-3">
        <legend className="mb-1 text-sm font-medium">{t("fields.match")}</legend>
        <p className="text-[13px] text-fg-muted">{t("matchHint")}</p>
        <datalist id={fieldList}>
          {FILTER_FIELDS.map((f) => (
            <option key={f} value={f} />
          ))}
        </datalist>
        {conditions.map((c, i) => (
          <div key={i} className="space-y-2 rounded-lg border border-border p-3" role="group" aria-label={t("conditionN", { n: i + 1 })}>
            <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
              <Field label={t("fields.field")} error={error?.fields[`match.${i}.field`]}>
                <Input value={c.field} list={fieldList} onChange={(e) => change(i, { field: e.target.value })} maxLength={100} autoComplete="off" />
              </Field>
              <Field label={t("fields.pattern")} error={error?.fields[`match.${i}.pattern`]}>
                <Input value={c.pattern} onChange={(e) => change(i, { pattern: e.target.value })} maxLength={1000} className={c.regex ? "font-mono" : undefined} />
              </Field>
            </div>
            <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
              <CheckboxField label={t("fields.regex")} checked={c.regex} onChange={(regex) => change(i, { regex })} />
              <CheckboxField label={t("fields.negate")} checked={c.negate} onChange={(negate) => change(i, { negate })} />
              {conditions.length > 1 && (
                <Button size="sm" variant="ghost" className="ms-auto text-danger-text" onClick={() => setConditions((list) => list.filter((_, j) => j !== i))}>
                  {t("removeCondition")}
                </Button>
              )}
            </div>
          </div>
        ))}
        {error?.fields.match && <p className="text-[13px] text-danger-text">{error.fields.match}</p>}
        {conditions.length < 20 && (
          <Button size="sm" variant="secondary" onClick={() => setConditions((list) => [...list, { field: "subject", pattern: "", regex: false, negate: false }])}>
            {t("addCondition")}
          </Button>
        )}
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="mb-1 text-sm font-medium">{t("fields.set")}</legend>
        <CheckboxField label={t("fields.ignore")} hint={t("ignoreHint")} checked={ignore} onChange={setIgnore} />
        {!ignore && (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t("fields.queue")} optional>
              <RefSelect options={options.data?.queues ?? []} value={queueId} onChange={setQueueId} none={t("unchanged")} />
            </Field>
            <Field label={t("fields.priority")} optional>
              <RefSelect options={options.data?.priorities ?? []} value={priorityId} onChange={setPriorityId} none={t("unchanged")} />
            </Field>
            <Field label={t("fields.type")} optional>
              <RefSelect options={options.data?.types ?? []} value={typeId} onChange={setTypeId} none={t("unchanged")} />
            </Field>
            <Field label={t("fields.service")} optional>
              <RefSelect options={options.data?.services ?? []} value={serviceId} onChange={setServiceId} none={t("unchanged")} />
            </Field>
            <Field label={t("fields.customer")} optional error={error?.fields["set.customerEmail"]} hint={t("customerHint")}>
              <Input type="email" value={customerEmail} onChange={(e) => setCustomerEmail(e.target.value)} maxLength={254} />
            </Field>
          </div>
        )}
        {error?.fields.set && <p className="text-[13px] text-danger-text">{error.fields.set}</p>}
        <CheckboxField label={t("fields.stop")} hint={t("stopHint")} checked={stop} onChange={setStop} />
      </fieldset>
    </FormDialog>
  );
}
