"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardBody, CardHeader } from "@/app/_components/ui/card";
import { Spinner } from "@/app/_components/ui/spinner";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { PriorityBadge } from "@/app/_components/tickets/priority-badge";
import { RelativeTime } from "@/app/_components/tickets/relative-time";
import { WaitingTime } from "@/app/_components/tickets/waiting-time";

type Summary = RouterOutputs["dashboard"]["summary"];
type Key = "locked" | "newInMyQueues" | "remindersDue" | "escalated" | "escalatingSoon";

/** Where "show all" leads for each section: the queue view with the matching filters. */
const MORE: Record<Key, string> = {
  locked: "/agent/tickets?owner=me&lock=locked",
  newInMyQueues: "/agent/tickets?status=new&sort=created&dir=asc",
  remindersDue: "/agent/tickets?due=1&sort=pendingUntil&dir=asc",
  // Every escalated ticket, the latest to escalate first; the section itself shows the longest overdue.
  escalated: "/agent/tickets?esc=escalated&sort=escalation&dir=desc",
  escalatingSoon: "/agent/tickets?esc=120&sort=escalation&dir=asc",
};

export function Dashboard() {
  const t = useTranslations("dashboard");
  const trpc = useTRPC();
  const errorInfo = useErrorInfo();
  const summary = useQuery({ ...trpc.dashboard.summary.queryOptions(), refetchInterval: 60_000 });
  if (summary.isPending) return <div className="flex justify-center py-16"><Spinner size="lg" label={t("loading")} /></div>;
  if (summary.isError) {
    return (
      <Alert tone="danger" title={t("loadError")} actions={<Button size="sm" variant="secondary" onClick={() => void summary.refetch()}>{t("retry")}</Button>}>
        {errorInfo(summary.error).message}
      </Alert>
    );
  }
  const keys: Key[] = ["locked", "newInMyQueues", "remindersDue", "escalated", "escalatingSoon"];
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4 md:grid-cols-2 xl:grid-cols-3">
      {keys.map((key) => (
        <Section key={key} id={key} data={summary.data} />
      ))}
    </div>
  );
}

function Section({ id, data }: { id: Key; data: Summary }) {
  const t = useTranslations("dashboard");
  const format = useFormatter();
  const section = data[id];
  const count = section.count >= data.countCap ? t("capped", { count: data.countCap - 1 }) : format.number(section.count);
  return (
    <Card as="section" aria-labelledby={`dash-${id}`} data-testid={`dashboard-${id}`}>
      <CardHeader
        titleId={`dash-${id}`}
        title={
          <span className="flex items-center gap-2">
            {t(`sections.${id}.title`)}
            <span className="rounded-full bg-surface-muted px-2 text-sm tabular-nums" data-testid="count">
              {count}
            </span>
          </span>
        }
        actions={section.count > 0 && <Link href={MORE[id]} className="text-sm text-accent-text hover:underline">{t("showAll")}</Link>}
      />
      <CardBody>
        {section.items.length === 0 ? (
          <p className="text-sm text-fg-muted">{t(`sections.${id}.empty`)}</p>
        ) : (
          <ul className="divide-y divide-border">
            {section.items.map((item) => (
              <li key={item.id} className="flex items-center gap-3 py-2 text-sm">
                <PriorityBadge level={item.priorityLevel} name={item.priorityName} size="sm" />
                <div className="min-w-0 flex-1">
                  <Link href={`/agent/tickets/${item.id}`} dir="auto" className="block truncate font-medium hover:text-accent-text hover:underline">
                    {item.title}
                  </Link>
                  <p className="truncate text-xs text-fg-muted">
                    <bdi dir="ltr">#{item.number}</bdi> · <bdi>{item.queueName}</bdi>
                  </p>
                </div>
                <div className="text-end text-xs whitespace-nowrap text-fg-muted">
                  {(id === "remindersDue" && item.pendingUntil) || ((id === "escalated" || id === "escalatingSoon") && item.escalationAt) ? (
                    <RelativeTime value={(id === "remindersDue" ? item.pendingUntil : item.escalationAt)!} />
                  ) : null}
                  <div>
                    <WaitingTime since={item.waitingSince} />
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
