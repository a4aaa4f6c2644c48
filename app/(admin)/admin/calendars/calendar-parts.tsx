"use client";

import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useAdminError } from "@/app/_components/admin-kit/errors";
import { CheckboxField } from "@/app/_components/admin-kit/checkbox-field";
import { useTRPC } from "@/app/_components/trpc/provider";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { MAX_HOLIDAYS, MAX_INTERVALS_PER_DAY, WEEKDAYS, type Weekday } from "@/server/schemas/calendars";

export type Hours = Record<Weekday, [string, string][]>;
export type HolidayRow = { date: string; name: string; recurring: boolean };
type Errors = Record<string, string>;

/** Working hours per weekday: any number of intervals a day, each "from"–"to". */
export function HoursEditor({ hours, onChange, errors }: { hours: Hours; onChange: (hours: Hours) => void; errors: Errors }) {
  const t = useTranslations("adminConfig.calendars");
  const setDay = (day: Weekday, intervals: [string, string][]) => onChange({ ...hours, [day]: intervals });
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 text-sm font-medium">{t("fields.workingHours")}</legend>
      <p className="text-[13px] text-fg-muted">{t("hoursHint")}</p>
      {errors.workingHours && <p className="text-[13px] text-danger-text">{errors.workingHours}</p>}
      {WEEKDAYS.map((day) => {
        const dayName = t(`weekdays.${day}`);
        const intervals = hours[day];
        return (
          <div key={day} role="group" aria-label={dayName} className="grid items-start gap-2 border-t border-border pt-2 sm:grid-cols-[7rem_1fr]">
            <span className="pt-2 text-sm font-medium">{dayName}</span>
            <div className="space-y-2">
              {intervals.length === 0 && <p className="pt-2 text-sm text-fg-muted">{t("closed")}</p>}
              {intervals.map(([from, to], i) => {
                const error = errors[`workingHours.${day}.${i}.0`] ?? errors[`workingHours.${day}.${i}.1`] ?? errors[`workingHours.${day}.${i}`];
                const edit = (next: [string, string]) => setDay(day, intervals.map((iv, j) => (j === i ? next : iv)));
                return (
                  <div key={i} className="space-y-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <Input className="w-24" value={from} onChange={(e) => edit([e.target.value, to])} placeholder="08:00" maxLength={5} inputMode="numeric" aria-label={t("intervalFrom", { day: dayName, n: i + 1 })} invalid={!!error} />
                      <span aria-hidden>–</span>
                      <Input className="w-24" value={to} onChange={(e) => edit([from, e.target.value])} placeholder="16:00" maxLength={5} inputMode="numeric" aria-label={t("intervalTo", { day: dayName, n: i + 1 })} invalid={!!error} />
                      <Button size="sm" variant="ghost" className="text-danger-text" onClick={() => setDay(day, intervals.filter((_, j) => j !== i))} aria-label={t("removeInterval", { day: dayName, from, to })}>
                        {t("remove")}
                      </Button>
                    </div>
                    {error && <p className="text-[13px] text-danger-text">{error}</p>}
                  </div>
                );
              })}
              {intervals.length < MAX_INTERVALS_PER_DAY && (
                // Named by its visible text (WCAG 2.5.3) inside the day's group; the day is in its tooltip and description.
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() => setDay(day, [...intervals, intervals.length === 0 ? ["08:00", "16:00"] : ["", ""]])}
                  title={t("addIntervalTo", { day: dayName })}
                >
                  {t("addInterval")}
                </Button>
              )}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

/** One-off and yearly holidays, and an import of a country's public holidays of a year. */
export function HolidaysEditor({ holidays, onChange, errors }: { holidays: HolidayRow[]; onChange: (holidays: HolidayRow[]) => void; errors: Errors }) {
  const t = useTranslations("adminConfig.calendars");
  const edit = (i: number, patch: Partial<HolidayRow>) => onChange(holidays.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  return (
    <fieldset className="space-y-3">
      <legend className="mb-1 text-sm font-medium">{t("fields.holidays")}</legend>
      <p className="text-[13px] text-fg-muted">{t("recurringHint")}</p>
      {holidays.length === 0 && <p className="text-sm text-fg-muted">{t("noHolidays")}</p>}
      {holidays.map((h, i) => (
        <div key={i} role="group" aria-label={t("holidayRow", { n: i + 1 })} className="grid items-end gap-2 sm:grid-cols-[9rem_1fr_auto_auto]">
          <Field label={t("fields.date")} error={errors[`holidays.${i}.date`]}>
            <Input value={h.date} onChange={(e) => edit(i, { date: e.target.value })} placeholder="2026-12-25" maxLength={10} />
          </Field>
          <Field label={t("fields.holidayName")} error={errors[`holidays.${i}.name`]}>
            <Input value={h.name} onChange={(e) => edit(i, { name: e.target.value })} maxLength={200} />
          </Field>
          <div className="pb-2">
            <CheckboxField label={t("fields.recurring")} checked={h.recurring} onChange={(recurring) => edit(i, { recurring })} />
          </div>
          <Button size="sm" variant="ghost" className="mb-0.5 text-danger-text" onClick={() => onChange(holidays.filter((_, j) => j !== i))} aria-label={t("removeHoliday", { name: h.name || h.date || String(i + 1) })}>
            {t("remove")}
          </Button>
        </div>
      ))}
      {holidays.length < MAX_HOLIDAYS && (
        <Button size="sm" variant="secondary" onClick={() => onChange([...holidays, { date: "", name: "", recurring: false }])}>
          {t("addHoliday")}
        </Button>
      )}
      <HolidayImport onImport={(found) => {
        const have = new Set(holidays.map((h) => h.date));
        const added = found.filter((h) => !have.has(h.date));
        onChange([...holidays, ...added].slice(0, MAX_HOLIDAYS));
        return added.length;
      }} />
    </fieldset>
  );
}

function HolidayImport({ onImport }: { onImport: (found: HolidayRow[]) => number }) {
  const t = useTranslations("adminConfig.calendars");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorOf = useAdminError();
  const [open, setOpen] = useState(false);
  const countries = useQuery({ ...trpc.adminConfig.calendarHolidayCountries.queryOptions(), enabled: open, staleTime: Infinity });
  const [country, setCountry] = useState("");
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const run = async () => {
    setPending(true);
    setStatus(null);
    try {
      const found = await queryClient.fetchQuery(trpc.adminConfig.calendarHolidayImport.queryOptions({ country, year: Number(year) }));
      setStatus({ tone: "ok", text: t("imported", { count: onImport(found) }) });
    } catch (error) {
      const info = errorOf(error);
      setStatus({ tone: "error", text: Object.values(info.fields)[0] ?? info.message });
    } finally {
      setPending(false);
    }
  };
  if (!open)
    return (
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)}>
        {t("importTitle")}
      </Button>
    );
  return (
    <div role="group" aria-label={t("importTitle")} className="space-y-2 rounded-lg border border-border p-3">
      <p className="text-sm font-medium">{t("importTitle")}</p>
      <p className="text-[13px] text-fg-muted">{t("importHint")}</p>
      <div className="grid items-end gap-2 sm:grid-cols-[1fr_7rem_auto]">
        <Field label={t("fields.country")}>
          <Select value={country} onChange={(e) => setCountry(e.target.value)} placeholder={t("chooseCountry")}>
            {(countries.data ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("fields.year")}>
          <Input type="number" inputMode="numeric" min={1970} max={2200} value={year} onChange={(e) => setYear(e.target.value)} />
        </Field>
        <Button size="md" variant="secondary" loading={pending} disabled={!country || pending} onClick={() => void run()}>
          {t("import")}
        </Button>
      </div>
      <p role="status" className={status?.tone === "error" ? "text-[13px] text-danger-text" : "text-[13px] text-fg-muted"}>
        {status?.text}
      </p>
    </div>
  );
}
