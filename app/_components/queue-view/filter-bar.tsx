"use client";

import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { useTRPC } from "@/app/_components/trpc/provider";
import { STATE_TYPES } from "@/server/schemas/tickets";
import { CompanyPicker, CustomerPicker } from "./lookup-combobox";
import type { QueueFilters } from "./params";

type Change = (patch: Partial<QueueFilters>) => void;

/** One control per ticket field the list filters on; text is applied after a short pause. */
export function FilterBar({ filters, onChange }: { filters: QueueFilters; onChange: Change }) {
  const t = useTranslations("queueView.filters");
  const tStates = useTranslations("states.types");
  const trpc = useTRPC();
  const options = useQuery(trpc.meta.options.queryOptions());
  const agents = useQuery(trpc.meta.agents.queryOptions());
  const [text, setText] = useState(filters.text);
  // Follows the URL when it changes from elsewhere (back button, saved search), without an effect.
  const [shown, setShown] = useState(filters.text);
  if (shown !== filters.text) {
    setShown(filters.text);
    setText(filters.text);
  }
  useEffect(() => {
    if (text === filters.text) return;
    const timer = setTimeout(() => onChange({ text }), 350);
    return () => clearTimeout(timer);
  }, [text, filters.text, onChange]);
  const id = (v: string) => (v ? Number(v) : null);
  const person = <T extends string>(v: string, named: readonly T[]): T | number => (named.includes(v as T) ? (v as T) : Number(v));
  const agentOptions = agents.data?.map((a) => (
    <option key={a.id} value={a.id}>
      {a.name}
    </option>
  ));

  return (
    <section aria-label={t("label")} className="grid grid-cols-2 items-end gap-3 rounded-lg border border-border bg-surface p-3 shadow-xs sm:grid-cols-[repeat(auto-fill,minmax(10rem,1fr))]">
      <Field label={t("text")} className="col-span-2">
        <Input type="search" value={text} maxLength={200} placeholder={t("textPlaceholder")} onChange={(e) => setText(e.target.value)} />
      </Field>
      <Field label={t("queue")}>
        <Select value={filters.queueId ?? ""} onChange={(e) => onChange({ queueId: id(e.target.value) })}>
          <option value="">{t("allQueues")}</option>
          {options.data?.visibleQueues.map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("status")}>
        <Select value={filters.status} onChange={(e) => onChange({ status: e.target.value as QueueFilters["status"] })}>
          <option value="active">{t("active")}</option>
          <option value="all">{t("anyState")}</option>
          {STATE_TYPES.map((type) => (
            <option key={type} value={type}>
              {tStates(type)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("priority")}>
        <Select value={filters.priorityId ?? ""} onChange={(e) => onChange({ priorityId: id(e.target.value) })}>
          <option value="">{t("any")}</option>
          {options.data?.priorities.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("type")}>
        <Select value={filters.typeId ?? ""} onChange={(e) => onChange({ typeId: id(e.target.value) })}>
          <option value="">{t("any")}</option>
          {options.data?.types.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("service")}>
        <Select value={filters.serviceId ?? ""} onChange={(e) => onChange({ serviceId: id(e.target.value) })}>
          <option value="">{t("any")}</option>
          {options.data?.services.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("owner")}>
        <Select value={filters.owner} onChange={(e) => onChange({ owner: person(e.target.value, ["any", "me", "unowned"] as const) })}>
          <option value="any">{t("any")}</option>
          <option value="me">{t("me")}</option>
          <option value="unowned">{t("nobody")}</option>
          {agentOptions}
        </Select>
      </Field>
      <Field label={t("responsible")}>
        <Select value={filters.responsible} onChange={(e) => onChange({ responsible: person(e.target.value, ["any", "me"] as const) })}>
          <option value="any">{t("any")}</option>
          <option value="me">{t("me")}</option>
          {agentOptions}
        </Select>
      </Field>
      <Field label={t("customer")} className="col-span-2">
        <CustomerPicker value={filters.customerUserId} onChange={(customerUserId) => onChange({ customerUserId })} />
      </Field>
      <Field label={t("company")} className="col-span-2">
        <CompanyPicker value={filters.customerCompanyId} onChange={(customerCompanyId) => onChange({ customerCompanyId })} />
      </Field>
      <Field label={t("lock")}>
        <Select value={filters.lock} onChange={(e) => onChange({ lock: e.target.value as QueueFilters["lock"] })}>
          <option value="any">{t("any")}</option>
          <option value="locked">{t("locked")}</option>
          <option value="unlocked">{t("unlocked")}</option>
        </Select>
      </Field>
      <Field label={t("escalation")}>
        <Select
          value={String(filters.escalation)}
          onChange={(e) => onChange({ escalation: e.target.value === "any" || e.target.value === "escalated" ? e.target.value : Number(e.target.value) })}
        >
          <option value="any">{t("any")}</option>
          <option value="escalated">{t("escalated")}</option>
          {ESCALATING_WITHIN.map((m) => (
            <option key={m} value={m}>
              {t("escalatingWithin", { hours: m / 60 })}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("createdFrom")}>
        <Input type="date" value={filters.createdFrom} onChange={(e) => onChange({ createdFrom: e.target.value })} />
      </Field>
      <Field label={t("createdTo")}>
        <Input type="date" value={filters.createdTo} onChange={(e) => onChange({ createdTo: e.target.value })} />
      </Field>
      <Field label={t("changedFrom")}>
        <Input type="date" value={filters.changedFrom} onChange={(e) => onChange({ changedFrom: e.target.value })} />
      </Field>
      <Field label={t("changedTo")}>
        <Input type="date" value={filters.changedTo} onChange={(e) => onChange({ changedTo: e.target.value })} />
      </Field>
      <div className="col-span-full flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <Check label={t("onlyMine")} checked={filters.owner === "me"} onChange={(v) => onChange({ owner: v ? "me" : "any" })} />
        <Check label={t("onlyUnowned")} checked={filters.owner === "unowned"} onChange={(v) => onChange({ owner: v ? "unowned" : "any" })} />
        <Check label={t("waiting")} checked={filters.waiting} onChange={(waiting) => onChange({ waiting })} />
        <Check label={t("remindersDue")} checked={filters.remindersDue} onChange={(remindersDue) => onChange({ remindersDue })} />
        <Check label={t("includeArchived")} checked={filters.includeArchived} onChange={(includeArchived) => onChange({ includeArchived })} />
        <Check label={t("responsibleMe")} checked={filters.responsible === "me"} onChange={(v) => onChange({ responsible: v ? "me" : "any" })} />
      </div>
    </section>
  );
}

/** "Escalating within" choices, in minutes. */
const ESCALATING_WITHIN = [60, 120, 240, 1440];

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="flex cursor-pointer items-center gap-2 font-medium whitespace-nowrap text-fg">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="size-4 rounded border-border-strong accent-accent" />
      {label}
    </label>
  );
}
