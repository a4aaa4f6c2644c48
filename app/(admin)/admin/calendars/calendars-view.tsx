"use client";

import { useTranslations } from "next-intl";
import { AdminTable, AdminToolbar } from "@/app/_components/admin-kit/admin-table";
import { nextPage, useAdminList } from "@/app/_components/admin-kit/use-admin-list";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import { WEEKDAYS, type Weekday, type WorkingHours } from "@/server/schemas/calendars";
import { CalendarForm } from "./calendar-form";

export function CalendarsView() {
  const t = useTranslations("adminConfig.calendars");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const list = useAdminList((input) => trpc.adminConfig.calendarList.infiniteQueryOptions(input, nextPage));
  return (
    <div className="space-y-4">
      <AdminToolbar filters={list} searchLabel={t("search")} newLabel={t("new")} onNew={list.create} />
      <AdminTable
        query={list.query}
        caption={t("title")}
        name={(x) => x.name}
        empty={{ title: t("empty") }}
        onEdit={(row) => list.open("edit", row)}
        lifecycle={{ setValid: (i) => client.adminConfig.calendarSetValid.mutate(i), remove: (i) => client.adminConfig.calendarDelete.mutate(i) }}
        columns={[
          { key: "name", header: t("columns.name"), cell: (x) => <span className="font-medium">{x.name}</span> },
          { key: "timeZone", header: t("columns.timeZone"), cell: (x) => x.timeZone },
          { key: "hours", header: t("columns.hours"), cell: (x) => <HoursSummary hours={x.workingHours} /> },
          { key: "holidays", header: t("columns.holidays"), cell: (x) => t("holidayCount", { count: x.holidays.length }) },
        ]}
      />
      {list.dialog && <CalendarForm calendar={list.rowFor("edit") ?? undefined} onClose={list.close} />}
    </div>
  );
}

/** "Mon–Fri 08:00–16:00; Sat 09:00–13:00": runs of weekdays with the same intervals share a line. */
function HoursSummary({ hours }: { hours: WorkingHours }) {
  const t = useTranslations("adminConfig.calendars");
  const runs: { from: Weekday; to: Weekday; text: string }[] = [];
  for (const day of WEEKDAYS) {
    const intervals = hours[day] ?? [];
    if (intervals.length === 0) continue;
    const text = intervals.map(([a, b]) => `${a}–${b}`).join(", ");
    const last = runs.at(-1);
    if (last && last.text === text && WEEKDAYS.indexOf(last.to) === WEEKDAYS.indexOf(day) - 1) last.to = day;
    else runs.push({ from: day, to: day, text });
  }
  if (runs.length === 0) return <span className="text-fg-muted">{t("closed")}</span>;
  return (
    <ul className="space-y-0.5 text-xs">
      {runs.map((r) => (
        <li key={r.from}>
          <span className="font-medium">{r.from === r.to ? t(`weekdaysShort.${r.from}`) : `${t(`weekdaysShort.${r.from}`)}–${t(`weekdaysShort.${r.to}`)}`}</span> {r.text}
        </li>
      ))}
    </ul>
  );
}
