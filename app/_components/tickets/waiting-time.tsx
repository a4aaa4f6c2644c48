"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/app/_components/ui/cn";
import { useServerNow } from "./server-clock";
import { useDates } from "./time-zone";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long the customer has been waiting for an answer ("2 h"), warning after a day.
 * Re-renders every minute; the server and the browser may disagree by a minute, which is fine.
 */
export function WaitingTime({
  since,
  withLabel,
  audience = "agent",
  className,
}: {
  since: Date | null;
  withLabel?: boolean;
  /** Customers read it as "waiting for our answer". */
  audience?: "agent" | "customer";
  className?: string;
}) {
  const t = useTranslations("ticket");
  const now = useServerNow(MINUTE);
  const dates = useDates();
  if (!since) return <span className={cn("text-fg-subtle", className)}>{withLabel ? t("notWaiting") : "—"}</span>;

  const elapsed = Math.max(0, now.getTime() - since.getTime());
  const duration =
    elapsed < HOUR
      ? t("duration.minutes", { count: Math.floor(elapsed / MINUTE) })
      : elapsed < 2 * DAY
        ? t("duration.hours", { count: Math.floor(elapsed / HOUR) })
        : t("duration.days", { count: Math.floor(elapsed / DAY) });
  const tone = elapsed >= 3 * DAY ? "text-danger-text font-medium" : elapsed >= DAY ? "text-warning-text font-medium" : "text-fg";

  return (
    <time
      dateTime={since.toISOString()}
      title={t("waitingSince", { date: dates.dateTime(since), relative: dates.relative(since, now) })}
      suppressHydrationWarning
      className={cn("whitespace-nowrap tabular-nums", tone, className)}
    >
      {withLabel ? (audience === "customer" ? t("portal.waitingForUs", { duration }) : t("waitingFor", { duration })) : duration}
    </time>
  );
}
