"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Badge } from "@/app/_components/ui/badge";
import { Table, TBody, Td, Th, THead, Tr } from "@/app/_components/ui/table";
import type { TicketListItem } from "@/app/_components/trpc/types";
import { PriorityBadge } from "@/app/_components/tickets/priority-badge";
import { RelativeTime } from "@/app/_components/tickets/relative-time";
import { StateBadge } from "@/app/_components/tickets/state-badge";
import { LockIcon } from "@/app/_components/tickets/icons";
import { WaitingTime } from "@/app/_components/tickets/waiting-time";
import type { ListColumn } from "@/server/schemas/workspace";
import type { QueueFilters, Sort } from "./params";

/** Columns whose header sorts the list, and by what. */
const SORT_OF: Partial<Record<ListColumn, Sort>> = {
  created: "created",
  changed: "changed",
  priority: "priority",
  waiting: "waiting",
  escalation: "escalation",
  pendingUntil: "pendingUntil",
  number: "number",
  title: "title",
  queue: "queue",
  state: "state",
  owner: "owner",
  customer: "customer",
};
/** A first click sorts these oldest / A–Z first; the rest newest / highest first. */
const ASCENDING_FIRST = new Set<ListColumn>(["waiting", "escalation", "pendingUntil", "title", "queue", "state", "owner", "customer"]);

type Props = {
  items: readonly TicketListItem[];
  columns: ListColumn[];
  filters: QueueFilters;
  onSort: (sort: Sort, direction: "asc" | "desc") => void;
  onCustomer: (customerUserId: number) => void;
  selected: Set<number>;
  onToggle: (id: number) => void;
  onToggleAll: () => void;
  cursor: number;
};

export function TicketTable({ items, columns, filters, onSort, onCustomer, selected, onToggle, onToggleAll, cursor }: Props) {
  const t = useTranslations("queueView");
  const allSelected = items.length > 0 && items.every((i) => selected.has(i.id));
  return (
    <Table caption={t("caption")} captionHidden dense>
      <THead>
        <tr>
          <Th className="w-8">
            <input type="checkbox" aria-label={t("selectAll")} checked={allSelected} onChange={onToggleAll} className="size-4 accent-accent" />
          </Th>
          {columns.map((c) => {
            const sort = SORT_OF[c];
            const active = sort !== undefined && filters.sort === sort;
            return (
              <Th key={c} sort={sort ? (active ? (filters.direction === "asc" ? "ascending" : "descending") : "none") : undefined} className={c === "title" ? "w-full min-w-56" : undefined}>
                {sort ? (
                  <button
                    type="button"
                    className="inline-flex items-center gap-1 hover:text-fg focus-visible:outline-2 focus-visible:outline-accent"
                    onClick={() => onSort(sort, active && filters.direction === "desc" ? "asc" : active ? "desc" : ASCENDING_FIRST.has(c) ? "asc" : "desc")}
                  >
                    {t(`columns.${c}`)}
                    <span aria-hidden className={active ? "text-fg" : "opacity-30"}>
                      {active && filters.direction === "asc" ? "▲" : "▼"}
                    </span>
                  </button>
                ) : (
                  t(`columns.${c}`)
                )}
              </Th>
            );
          })}
        </tr>
      </THead>
      <TBody>
        {items.map((ticket, index) => (
          <Tr key={ticket.id} interactive selected={selected.has(ticket.id)} data-ticket-id={ticket.id} className={index === cursor ? "outline-2 -outline-offset-2 outline-accent" : undefined}>
            <Td>
              <input
                type="checkbox"
                aria-label={t("selectTicket", { number: ticket.number })}
                checked={selected.has(ticket.id)}
                onChange={() => onToggle(ticket.id)}
                className="size-4 accent-accent"
              />
            </Td>
            {columns.map((c) => (
              <Td key={c} numeric={c === "number"} className={c === "title" ? "max-w-md" : "whitespace-nowrap"}>
                {cell(c, ticket, t, onCustomer)}
              </Td>
            ))}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

function cell(c: ListColumn, ticket: TicketListItem, t: ReturnType<typeof useTranslations<"queueView">>, onCustomer: (id: number) => void): ReactNode {
  const none = <span className="text-fg-subtle">—</span>;
  switch (c) {
    case "number":
      return (
        <bdi dir="ltr" className="font-mono text-xs text-fg-muted">
          {ticket.number}
        </bdi>
      );
    case "title":
      return (
        <Link href={`/agent/tickets/${ticket.id}`} dir="auto" className="line-clamp-2 font-medium text-fg hover:text-accent-text hover:underline">
          {ticket.title}
        </Link>
      );
    case "queue":
      return <span className="text-fg-muted">{ticket.queueName}</span>;
    case "state":
      return (
        <span className="inline-flex items-center gap-1.5">
          <StateBadge name={ticket.stateName} type={ticket.stateType} size="sm" />
          {ticket.archived && <Badge size="sm">{t("archived")}</Badge>}
        </span>
      );
    case "priority":
      return <PriorityBadge level={ticket.priorityLevel} name={ticket.priorityName} size="sm" />;
    case "customer":
      return ticket.customerUserId ? (
        <button type="button" title={t("filterByCustomer")} className="max-w-48 truncate hover:underline" onClick={() => onCustomer(ticket.customerUserId!)}>
          {ticket.customerName ?? ticket.customerEmail}
        </button>
      ) : (
        none
      );
    case "owner":
      return (
        <>
          {ticket.ownerName ?? <span className="text-fg-subtle">{t("unowned")}</span>}
          {ticket.locked && (
            <span className="ms-1.5 inline-flex align-[-2px] text-fg-muted" title={t("locked")}>
              <LockIcon />
              <span className="sr-only">{t("locked")}</span>
            </span>
          )}
        </>
      );
    case "responsible":
      return ticket.responsibleName ?? none;
    case "type":
      return ticket.typeName ?? none;
    case "service":
      return ticket.serviceName ?? none;
    case "waiting":
      return <WaitingTime since={ticket.waitingSince} />;
    case "created":
      return <RelativeTime value={ticket.createdAt} past />;
    case "changed":
      return <RelativeTime value={ticket.changedAt} past />;
    case "pendingUntil":
      return ticket.pendingUntil ? <RelativeTime value={ticket.pendingUntil} /> : none;
    case "escalation":
      return ticket.escalationAt ? <RelativeTime value={ticket.escalationAt} /> : none;
  }
}
