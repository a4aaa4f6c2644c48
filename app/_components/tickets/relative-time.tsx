"use client";

import { useNow } from "next-intl";
import { cn } from "@/app/_components/ui/cn";
import { useDates } from "./time-zone";

/** "3 days ago", with the exact date and time in the tooltip. */
export function RelativeTime({ value, className }: { value: Date; className?: string }) {
  const now = useNow({ updateInterval: 60_000 });
  const dates = useDates();
  return (
    <time
      dateTime={value.toISOString()}
      title={dates.dateTime(value)}
      suppressHydrationWarning
      className={cn("whitespace-nowrap", className)}
    >
      {dates.relative(value, now)}
    </time>
  );
}

/** An exact date and time in the user's time zone. */
export function DateTime({ value, className }: { value: Date; className?: string }) {
  const dates = useDates();
  return (
    <time dateTime={value.toISOString()} className={cn("whitespace-nowrap tabular-nums", className)}>
      {dates.dateTime(value)}
    </time>
  );
}
