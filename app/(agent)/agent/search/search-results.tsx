"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/app/_components/ui/badge";
import { PriorityBadge } from "@/app/_components/tickets/priority-badge";
import { RelativeTime } from "@/app/_components/tickets/relative-time";
import { StateBadge } from "@/app/_components/tickets/state-badge";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { snippetParts } from "@/server/schemas/search";

type Item = RouterOutputs["search"]["tickets"]["items"][number];

export function SearchResults({ items }: { items: Item[] }) {
  const t = useTranslations("search");
  return (
    <ol aria-label={t("results")} className="divide-y divide-border overflow-hidden rounded-lg border border-border bg-surface shadow-xs">
      {items.map((item) => (
        <li key={item.id} className="relative px-4 py-3 focus-within:bg-surface-hover hover:bg-surface-hover">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <Link href={`/agent/tickets/${item.id}`} className="min-w-0 font-medium text-fg after:absolute after:inset-0 hover:underline focus-visible:outline-none">
              <bdi dir="ltr" className="me-2 font-mono text-xs text-fg-muted tabular-nums">
                {item.number}
              </bdi>
              <bdi>{item.title}</bdi>
            </Link>
            <span className="ms-auto flex items-center gap-2">
              {item.archived && <Badge size="sm">{t("archived")}</Badge>}
              <StateBadge name={item.stateName} type={item.stateType} size="sm" />
              <PriorityBadge level={item.priorityLevel} name={item.priorityName} size="sm" />
            </span>
          </div>
          {item.snippet && (
            <p dir="auto" className="mt-1 line-clamp-2 text-sm break-words text-fg-muted">
              {snippetParts(item.snippet).map((part, i) =>
                part.marked ? (
                  <mark key={i} className="rounded-sm bg-warning-subtle px-0.5 text-fg">
                    {part.text}
                  </mark>
                ) : (
                  <span key={i}>{part.text}</span>
                ),
              )}
            </p>
          )}
          <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-fg-subtle">
            <span>{t(`matchedIn.${item.matchedIn}`)}</span>
            <span>{item.queueName}</span>
            {item.customerName && <span>{item.customerName}</span>}
            <span>
              {t("changed")} <RelativeTime value={item.changedAt} past />
            </span>
          </p>
        </li>
      ))}
    </ol>
  );
}
