"use client";

import { useTranslations } from "next-intl";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { PERIOD_PRESETS, type PeriodInput } from "@/server/schemas/reports";
import { dayOf, wallClockToInstant } from "@/server/time/wall-clock";

/** Presets, or a custom range of whole days in the agent's time zone (the end day included). */
export function PeriodPicker({ value, onChange, timeZone }: { value: PeriodInput; onChange: (p: PeriodInput) => void; timeZone: string }) {
  const t = useTranslations("reports.periods");
  const custom = "from" in value;
  const day = (d: Date) => dayOf(d, timeZone);
  const start = (d: string) => wallClockToInstant(d, timeZone);
  const nextDay = (d: string) => {
    const at = start(d);
    return at ? new Date(start(dayOf(new Date(at.getTime() + 36 * 3_600_000), timeZone)) ?? at.getTime() + 86_400_000) : null;
  };
  return (
    <div className="flex flex-wrap items-end gap-2">
      <Field label={t("label")}>
        <Select
          value={custom ? "custom" : value.preset}
          onChange={(e) => {
            const v = e.target.value;
            if (v === "custom") {
              const to = new Date();
              onChange({ from: new Date(to.getTime() - 30 * 86_400_000), to });
            } else onChange({ preset: v as (typeof PERIOD_PRESETS)[number] });
          }}
          options={[...PERIOD_PRESETS.map((p) => ({ value: p, label: t(p) })), { value: "custom", label: t("custom") }]}
        />
      </Field>
      {custom && (
        <>
          <Field label={t("from")}>
            <Input type="date" value={day(value.from)} onChange={(e) => { const f = start(e.target.value); if (f) onChange({ from: f, to: value.to }); }} />
          </Field>
          <Field label={t("to")}>
            <Input type="date" value={day(new Date(value.to.getTime() - 1))} onChange={(e) => { const n = nextDay(e.target.value); if (n) onChange({ from: value.from, to: n }); }} />
          </Field>
        </>
      )}
    </div>
  );
}
