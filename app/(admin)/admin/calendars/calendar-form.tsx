"use client";

import { useMemo, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { FormDialog } from "@/app/_components/admin-kit/form-dialog";
import { useSavedThen } from "@/app/_components/admin-kit/use-saved";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { WEEKDAYS, type Weekday } from "@/server/schemas/calendars";
import { HolidaysEditor, HoursEditor, type HolidayRow, type Hours } from "./calendar-parts";

type Calendar = RouterOutputs["adminConfig"]["calendarList"]["items"][number];

const OFFICE_HOURS: Hours = Object.fromEntries(WEEKDAYS.map((d) => [d, d === "sat" || d === "sun" ? [] : [["08:00", "16:00"]]])) as Hours;

export function CalendarForm({ calendar, onClose }: { calendar?: Calendar; onClose: () => void }) {
  const t = useTranslations("adminConfig.calendars");
  const tCommon = useTranslations("adminConfig.common");
  const trpc = useTRPC();
  const [name, setName] = useState(calendar?.name ?? "");
  const [timeZone, setTimeZone] = useState(calendar?.timeZone ?? browserTimeZone());
  const [hours, setHours] = useState<Hours>(() => (calendar ? fromStored(calendar.workingHours) : OFFICE_HOURS));
  const [holidays, setHolidays] = useState<HolidayRow[]>(calendar?.holidays.map((h) => ({ ...h, recurring: h.recurring ?? false })) ?? []);
  const zones = useMemo(() => timeZones(timeZone), [timeZone]);
  const onSuccess = useSavedThen(onClose)(tCommon(calendar ? "savedToast" : "createdToast", { name }));
  const create = useMutation(trpc.adminConfig.calendarCreate.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.adminConfig.calendarUpdate.mutationOptions({ onSuccess }));
  const values = { name, timeZone, workingHours: hours, holidays };
  return (
    <FormDialog
      open
      size="lg"
      onClose={onClose}
      title={calendar ? t("editTitle", { name: calendar.name }) : t("createTitle")}
      submitLabel={tCommon(calendar ? "actions.save" : "actions.create")}
      mutation={calendar ? update : create}
      onSubmit={() => (calendar ? update.mutate({ id: calendar.id, ...values }) : create.mutate(values))}
    >
      {(errors) => (
        <>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={tCommon("fields.name")} required error={errors.name}>
              <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
            </Field>
            <Field label={t("fields.timeZone")} required error={errors.timeZone}>
              <Select value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
                {zones.map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <HoursEditor hours={hours} onChange={setHours} errors={errors} />
          <HolidaysEditor holidays={holidays} onChange={setHolidays} errors={errors} />
        </>
      )}
    </FormDialog>
  );
}

function fromStored(stored: Partial<Record<string, ReadonlyArray<readonly [string, string]>>>): Hours {
  return Object.fromEntries(WEEKDAYS.map((d: Weekday) => [d, (stored[d] ?? []).map(([a, b]) => [a, b] as [string, string])])) as Hours;
}

/** The zones this browser knows, plus UTC and the calendar's own (a zone the browser lacks stays choosable). */
function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set(["UTC", ...known, current])].sort((a, b) => a.localeCompare(b));
}

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}
