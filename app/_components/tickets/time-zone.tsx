"use client";

import { createContext, useContext, type ReactNode } from "react";
import { useFormatter } from "next-intl";
import { wallClockToInstant } from "@/server/time/wall-clock";

const TimeZoneContext = createContext<string | undefined>(undefined);

/** The signed-in user's own time zone (from their profile), for every date in the area. */
export function ActorTimeZone({ timeZone, children }: { timeZone: string | undefined; children: ReactNode }) {
  return <TimeZoneContext value={timeZone}>{children}</TimeZoneContext>;
}

/** The zone dates are shown and typed in: the profile's, else (signed out) the browser's. */
export function useTimeZone(): string {
  return useContext(TimeZoneContext) ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Reads what the user typed into a date or datetime-local input as a time in their profile's zone. */
export function useWallClock(): (value: string) => Date | null {
  const timeZone = useTimeZone();
  return (value: string) => wallClockToInstant(value, timeZone);
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
