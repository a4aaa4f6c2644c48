"use client";

import { cn } from "@/app/_components/ui/cn";
import { useServerNow } from "./server-clock";
import { useDates } from "./time-zone";

/**
 * "3 days ago", with the exact date and time in the tooltip, counted from the server's clock.
 * `past`: a time that has happened (created, last change) never reads "in 6 seconds".
 */
export function RelativeTime({ value, className, past = false }: { value: Date; className?: string; past?: boolean }) {
  const serverNow = useServerNow();
  const now = past && value > serverNow ? value : serverNow;
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
