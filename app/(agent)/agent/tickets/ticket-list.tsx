"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Field } from "@/app/_components/ui/field";
import { Select } from "@/app/_components/ui/select";
import { Spinner } from "@/app/_components/ui/spinner";
import { Table, TBody, Td, Th, THead, Tr } from "@/app/_components/ui/table";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { TicketListItem } from "@/app/_components/trpc/types";
import {
  agentFiltersToSearch,
  agentListInput,
  parseAgentFilters,
  readerOf,
  type AgentListFilters,
} from "@/app/_components/tickets/list-params";
import { ticketListOptions } from "@/app/_components/tickets/list-query";
import { PriorityBadge } from "@/app/_components/tickets/priority-badge";
import { RelativeTime } from "@/app/_components/tickets/relative-time";
import { StateBadge } from "@/app/_components/tickets/state-badge";
import { LockIcon } from "@/app/_components/tickets/icons";
import { WaitingTime } from "@/app/_components/tickets/waiting-time";
import { STATE_TYPES } from "@/server/schemas/tickets";

const DEFAULTS = agentFiltersToSearch(parseAgentFilters(() => undefined));

/** The queue view: filters in the URL, keyset pages appended with "Load more". */
export function AgentTicketList({ actorId }: { actorId: number }) {
  const t = useTranslations("tickets");
  const tCommon = useTranslations("common");
  const client = useTRPCClient();
  const errorInfo = useErrorInfo();
  const searchParams = useSearchParams();
  const filters = parseAgentFilters(readerOf(searchParams));

  const list = useInfiniteQuery(
    {
      ...ticketListOptions(agentListInput(filters, actorId), (input) => client.ticket.list.query(input)),
      placeholderData: keepPreviousData,
    },
  );
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const updating = list.isPlaceholderData || (list.isFetching && !list.isFetchingNextPage && items.length === 0);

  function update(patch: Partial<AgentListFilters>) {
    // The router syncs useSearchParams with history.pushState, so this filters without a server round trip.
    window.history.pushState(null, "", `${window.location.pathname}${agentFiltersToSearch({ ...filters, ...patch })}`);
  }

  return (
    <div className="space-y-4">
      <Filters filters={filters} onChange={update} />

      <div className="flex min-h-6 flex-wrap items-center justify-between gap-2 text-sm text-fg-muted">
        <p aria-live="polite" className="flex items-center gap-2">
          {updating ? (
            <>
              <Spinner size="sm" />
              {t("list.updating")}
            </>
          ) : (
            list.isSuccess &&
            items.length > 0 &&
            t(list.hasNextPage ? "list.showingMore" : "list.showing", { count: items.length })
          )}
        </p>
        {agentFiltersToSearch(filters) !== DEFAULTS && (
          <Button variant="ghost" size="sm" onClick={() => window.history.pushState(null, "", window.location.pathname)}>
            {tCommon("clearFilters")}
          </Button>
        )}
      </div>

      {list.isError && !list.data ? (
        <Alert
          tone="danger"
          title={t("list.loadError")}
          actions={
            <Button size="sm" variant="secondary" onClick={() => void list.refetch()} loading={list.isFetching}>
              {tCommon("retry")}
            </Button>
          }
        >
          {errorInfo(list.error).message}
        </Alert>
      ) : list.isPending ? (
        <div className="flex justify-center py-16 text-fg-muted">
          <Spinner size="lg" label={tCommon("loading")} />
        </div>
      ) : items.length === 0 ? (
        <EmptyState
          title={t("empty.title")}
          description={t("empty.description")}
          action={
            agentFiltersToSearch(filters) !== DEFAULTS && (
              <Button variant="secondary" onClick={() => window.history.pushState(null, "", window.location.pathname)}>
                {tCommon("clearFilters")}
              </Button>
            )
          }
        />
      ) : (
        <div aria-busy={updating || undefined} className={updating ? "opacity-60 transition-opacity" : undefined}>
          <TicketTable items={items} />
        </div>
      )}

      {list.hasNextPage && (
        <div className="flex flex-col items-center gap-2 pt-2">
          {list.isFetchNextPageError && (
            <Alert tone="danger" className="w-full">
              {errorInfo(list.error).message}
            </Alert>
          )}
          <Button variant="secondary" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? t("list.loadingMore") : tCommon("loadMore")}
          </Button>
        </div>
      )}
      {!list.hasNextPage && items.length > 0 && list.data && list.data.pages.length > 1 && (
        <p className="pt-2 text-center text-sm text-fg-subtle">{t("list.end")}</p>
      )}
    </div>
  );
}

function Filters({ filters, onChange }: { filters: AgentListFilters; onChange: (patch: Partial<AgentListFilters>) => void }) {
  const t = useTranslations("tickets.filters");
  const tStates = useTranslations("states.types");
  const trpc = useTRPC();
  const options = useQuery(trpc.meta.options.queryOptions());
  const queues = options.data?.visibleQueues ?? [];

  return (
    <section
      aria-label={t("label")}
      className="grid grid-cols-2 items-end gap-3 rounded-lg border border-border bg-surface p-3 shadow-xs sm:grid-cols-3 lg:grid-cols-[repeat(4,minmax(0,1fr))_auto]"
    >
      <Field label={t("queue")} className="col-span-2 sm:col-span-1">
        <Select
          value={filters.queueId ? String(filters.queueId) : ""}
          onChange={(e) => onChange({ queueId: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">{t("allQueues")}</option>
          {filters.queueId && !queues.some((q) => q.id === filters.queueId) && (
            <option value={filters.queueId}>#{filters.queueId}</option>
          )}
          {queues.map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("status")}>
        <Select value={filters.status} onChange={(e) => onChange({ status: e.target.value as AgentListFilters["status"] })}>
          <option value="active">{t("active")}</option>
          <option value="all">{t("anyState")}</option>
          {STATE_TYPES.map((type) => (
            <option key={type} value={type}>
              {tStates(type)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("lock")}>
        <Select value={filters.lock} onChange={(e) => onChange({ lock: e.target.value as AgentListFilters["lock"] })}>
          <option value="any">{t("anyLock")}</option>
          <option value="locked">{t("lockedOnly")}</option>
          <option value="unlocked">{t("unlockedOnly")}</option>
        </Select>
      </Field>
      <Field label={t("sort")} className="col-span-2 sm:col-span-1">
        <Select
          value={`${filters.sort}-${filters.direction}`}
          onChange={(e) => {
            const [sort, direction] = e.target.value.split("-") as [AgentListFilters["sort"], AgentListFilters["direction"]];
            onChange({ sort, direction });
          }}
        >
          <option value="created-desc">{t("createdDesc")}</option>
          <option value="created-asc">{t("createdAsc")}</option>
          <option value="changed-desc">{t("changedDesc")}</option>
          <option value="changed-asc">{t("changedAsc")}</option>
        </Select>
      </Field>
      <label className="col-span-2 flex h-9 cursor-pointer items-center gap-2 text-sm font-medium whitespace-nowrap text-fg sm:col-span-1">
        <input
          type="checkbox"
          checked={filters.mine}
          onChange={(e) => onChange({ mine: e.target.checked })}
          className="size-4 rounded border-border-strong accent-accent"
        />
        {t("onlyMine")}
      </label>
    </section>
  );
}

function TicketTable({ items }: { items: readonly TicketListItem[] }) {
  const t = useTranslations("tickets");
  const tTicket = useTranslations("ticket");
  return (
    <Table caption={t("list.caption")} captionHidden dense>
      <THead>
        <tr>
          <Th className="hidden sm:table-cell">{t("columns.number")}</Th>
          <Th className="w-full min-w-44 sm:min-w-56">{t("columns.title")}</Th>
          <Th className="hidden lg:table-cell">{t("columns.queue")}</Th>
          <Th className="hidden sm:table-cell">{t("columns.state")}</Th>
          <Th className="hidden md:table-cell">{t("columns.priority")}</Th>
          <Th className="hidden xl:table-cell">{t("columns.customer")}</Th>
          <Th className="hidden lg:table-cell">{t("columns.owner")}</Th>
          <Th>{t("columns.waiting")}</Th>
          <Th className="hidden md:table-cell">{t("columns.created")}</Th>
        </tr>
      </THead>
      <TBody>
        {items.map((ticket) => (
          <Tr key={ticket.id} interactive>
            <Td numeric className="hidden font-mono text-xs text-fg-muted sm:table-cell">
              {ticket.number}
            </Td>
            <Td className="max-w-md">
              <Link
                href={`/agent/tickets/${ticket.id}`}
                dir="auto"
                className="line-clamp-2 font-medium text-fg hover:text-accent-text hover:underline"
              >
                {ticket.title}
              </Link>
              <div className="mt-1 flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-xs text-fg-muted lg:hidden">
                <span className="sm:hidden">
                  <StateBadge name={ticket.stateName} type={ticket.stateType} size="sm" />
                </span>
                <span className="font-mono sm:hidden">#{ticket.number}</span>
                <span className="min-w-0 truncate">
                  {[ticket.queueName, ticket.customerName ?? ticket.customerEmail].filter(Boolean).join(" · ")}
                </span>
              </div>
            </Td>
            <Td className="hidden whitespace-nowrap text-fg-muted lg:table-cell">{ticket.queueName}</Td>
            <Td className="hidden sm:table-cell">
              <StateBadge name={ticket.stateName} type={ticket.stateType} size="sm" />
            </Td>
            <Td className="hidden md:table-cell">
              <PriorityBadge level={ticket.priorityLevel} name={ticket.priorityName} size="sm" />
            </Td>
            <Td className="hidden max-w-48 xl:table-cell">
              {ticket.customerUserId ? (
                <span className="block truncate" title={ticket.customerEmail ?? undefined}>
                  {ticket.customerName ?? ticket.customerEmail}
                </span>
              ) : (
                <span className="text-fg-subtle">{t("list.noCustomer")}</span>
              )}
            </Td>
            <Td className="hidden whitespace-nowrap lg:table-cell">
              {ticket.ownerName ?? <span className="text-fg-subtle">{t("list.unassigned")}</span>}
              {ticket.locked && (
                <span title={tTicket("locked", { name: ticket.ownerName ?? "" })} className="ms-1.5 inline-flex align-[-2px] text-fg-muted">
                  <LockIcon />
                  <span className="sr-only">{tTicket("locked", { name: ticket.ownerName ?? "" })}</span>
                </span>
              )}
            </Td>
            <Td>
              <WaitingTime since={ticket.waitingSince} />
            </Td>
            <Td className="hidden text-fg-muted md:table-cell">
              <RelativeTime value={ticket.createdAt} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
