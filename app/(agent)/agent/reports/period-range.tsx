"use client";

import { useFormatter, useTranslations } from "next-intl";

/** The period the figures cover, in the reader's words (the end is exclusive, so its last instant is shown). */
export function PeriodRange({ from, to }: { from: Date; to: Date }) {
  const t = useTranslations("reports.periods");
  const format = useFormatter();
  const show = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return <p className="text-sm text-fg-muted">{t("range", { from: show(new Date(from)), to: show(new Date(new Date(to).getTime() - 1)) })}</p>;
}
