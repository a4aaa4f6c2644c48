"use client";

import { createContext, useContext, type ReactNode } from "react";
import { useFormatter, useLocale } from "next-intl";
import { calendarFor } from "@/server/i18n/dates";
import { wallClockToInstant } from "@/server/time/wall-clock";

type Reader = { timeZone: string | undefined; preferGregorian: boolean };
const ReaderContext = createContext<Reader | undefined>(undefined);

/** The signed-in user's own time zone and calendar choice (from their profile), for every date in the area. */
export function ActorTimeZone({ timeZone, preferGregorian = false, children }: { timeZone: string | undefined; preferGregorian?: boolean; children: ReactNode }) {
  return <ReaderContext value={{ timeZone, preferGregorian }}>{children}</ReaderContext>;
}

/** The zone dates are shown and typed in: the profile's, else (signed out) the browser's. */
export function useTimeZone(): string {
  return useContext(ReaderContext)?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Reads what the user typed into a date or datetime-local input as a time in their profile's zone. */
export function useWallClock(): (value: string) => Date | null {
  const timeZone = useTimeZone();
  return (value: string) => wallClockToInstant(value, timeZone);
}

/**
 * Date formatting in the user's time zone, locale and calendar (Solar Hijri for Persian unless
 * the profile prefers Gregorian): every date the app shows goes through here.
 */
export function useDates() {
  const format = useFormatter();
  const locale = useLocale();
  const reader = useContext(ReaderContext);
  const timeZone = reader?.timeZone;
  const calendar = calendarFor(locale, reader?.preferGregorian);
  return {
    dateTime: (value: Date) => format.dateTime(value, { dateStyle: "medium", timeStyle: "short", timeZone, calendar }),
    date: (value: Date) => format.dateTime(value, { dateStyle: "medium", timeZone, calendar }),
    relative: (value: Date, now: Date) => format.relativeTime(value, now),
  };
}
