"use client";

import { useTranslations } from "next-intl";
import { Card, CardHeader } from "@/app/_components/ui/card";
import { DateTime } from "@/app/_components/tickets/relative-time";
import type { TicketDetail } from "@/app/_components/trpc/types";
import { cn } from "@/app/_components/ui/cn";

type View = NonNullable<TicketDetail["sla"]["agent"]>;

/** The ticket's SLA on the zoom: its name and each running deadline with the working time left. */
export function SlaCard({ sla }: { sla: View }) {
  const t = useTranslations("ticket.sla");
  const span = (m: number) => t("workingTime", { hours: Math.floor(Math.abs(m) / 60), minutes: Math.abs(m) % 60 });
  return (
    <Card as="section" aria-labelledby="ticket-sla-title">
      <CardHeader title={`${t("title")}: ${sla.name}`} titleId="ticket-sla-title" className="py-3" />
      <dl className="divide-y divide-border text-sm" data-testid="sla-deadlines">
        {sla.paused && <p className="px-5 py-2 text-fg-muted">{t("paused")}</p>}
        {!sla.paused && sla.deadlines.length === 0 && <p className="px-5 py-2 text-fg-muted">{t("noDeadline")}</p>}
        {sla.deadlines.map((d) => (
          <div key={d.kind} className="grid grid-cols-[7rem_minmax(0,1fr)] items-start gap-3 px-5 py-2">
            <dt className="text-fg-muted">{t(`kinds.${d.kind}`)}</dt>
            <dd className="flex min-w-0 flex-col items-end text-end">
              <DateTime value={d.dueAt} />
              <span className={cn("text-xs", d.workingMinutesLeft < 0 ? "font-medium text-danger-text" : "text-fg-muted")}>
                {d.workingMinutesLeft < 0 ? t("overdue", { time: span(d.workingMinutesLeft) }) : t("left", { time: span(d.workingMinutesLeft) })}
              </span>
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
