"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { useTRPC } from "@/app/_components/trpc/provider";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useStateLabel } from "@/app/_components/tickets/state-badge";

/** Inserts a canned response with its placeholders filled for this ticket. */
export function TemplatePicker({ ticketId, kind, onInsert, disabled }: { ticketId: number; kind: "reply" | "note" | "forward"; onInsert: (text: string) => void; disabled?: boolean }) {
  const t = useTranslations("zoom.template");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorInfo = useErrorInfo();
  const list = useQuery(trpc.template.list.queryOptions({ kind }));
  const [chosen, setChosen] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!list.data?.length) return null;

  async function insert() {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      const rendered = await queryClient.fetchQuery(trpc.template.render.queryOptions({ templateId: Number(chosen), ticketId }));
      onInsert(rendered.body);
      setChosen("");
    } catch (e) {
      setError(errorInfo(e).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-wrap items-end gap-2">
      <Field label={t("label")} className="min-w-48 flex-1 sm:max-w-72" error={error ?? undefined}>
        <Select value={chosen} onChange={(e) => setChosen(e.target.value)} disabled={disabled}>
          <option value="">{t("choose")}</option>
          {list.data.map((tpl) => (
            <option key={tpl.id} value={tpl.id}>
              {tpl.name}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="button" variant="secondary" onClick={() => void insert()} loading={busy} disabled={!chosen || disabled}>
        {t("insert")}
      </Button>
    </div>
  );
}

/** Minutes spent, recorded with the article for time accounting. */
export function TimeUnitsField({ value, onChange, disabled }: { value: string; onChange: (v: string) => void; disabled?: boolean }) {
  const t = useTranslations("zoom");
  return (
    <Field label={t("timeUnits")} optional className="w-60">
      <Input type="number" inputMode="numeric" min={0} max={10000} step={1} value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled} />
    </Field>
  );
}

export const minutes = (v: string) => {
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 10_000) : undefined;
};

/** Comma-separated addresses as the agent typed them. */
export const addressList = (v: string) =>
  v
    .split(/[,;\s]+/)
    .map((a) => a.trim())
    .filter(Boolean);

const PENDING_TYPES = new Set(["pending_reminder", "pending_auto"]);

/** The state after sending; a pending state asks for the time the ticket comes back. */
export function NextStateFields({
  stateId,
  onStateChange,
  pendingUntil,
  onPendingChange,
  pendingError,
  disabled,
}: {
  stateId: string;
  onStateChange: (v: string) => void;
  pendingUntil: string;
  onPendingChange: (v: string) => void;
  pendingError?: string;
  disabled?: boolean;
}) {
  const t = useTranslations("ticket");
  const trpc = useTRPC();
  const stateLabel = useStateLabel();
  const options = useQuery(trpc.meta.options.queryOptions());
  const states = (options.data?.states ?? []).filter((s) => s.type === "open" || s.type === "closed" || PENDING_TYPES.has(s.type));
  const chosen = states.find((s) => String(s.id) === stateId);
  return (
    <div className="flex flex-wrap items-start gap-3">
      <Field label={t("composer.nextState")} className="min-w-48 flex-1 sm:max-w-64">
        <Select value={stateId} onChange={(e) => onStateChange(e.target.value)} disabled={disabled}>
          {states.map((s) => (
            <option key={s.id} value={s.id}>
              {stateLabel(s.name)}
            </option>
          ))}
        </Select>
      </Field>
      {chosen && PENDING_TYPES.has(chosen.type) && (
        <Field label={t("panel.pendingUntil")} hint={t("panel.pendingHint")} error={pendingError} required className="min-w-56">
          <Input type="datetime-local" value={pendingUntil} onChange={(e) => onPendingChange(e.target.value)} disabled={disabled} />
        </Field>
      )}
    </div>
  );
}

export function isPendingState(states: { id: number; type: string }[] | undefined, stateId: string) {
  return PENDING_TYPES.has(states?.find((s) => String(s.id) === stateId)?.type ?? "");
}
