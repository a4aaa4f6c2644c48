"use client";

import { createContext, useContext, type ReactNode } from "react";
import { useFormatter } from "next-intl";

const TimeZoneContext = createContext<string | undefined>(undefined);

/** The signed-in user's own time zone (from their profile), for every date in the area. */
export function ActorTimeZone({ timeZone, children }: { timeZone: string | undefined; children: ReactNode }) {
  return <TimeZoneContext value={timeZone}>{children}</TimeZoneContext>;
}

/** Date formatting in the user's time zone and locale. */
export function useDates() {
  const format = useFormatter();
  const timeZone = useContext(TimeZoneContext);
  return {
    dateTime: (value: Date) => format.dateTime(value, { dateStyle: "medium", timeStyle: "short", timeZone }),
    date: (value: Date) => format.dateTime(value, { dateStyle: "medium", timeZone }),
    relative: (value: Date, now: Date) => format.relativeTime(value, now),
  };
}
