"use client";

import { useTimeZone } from "@/app/_components/tickets/time-zone";
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Collapsible } from "@/app/_components/ui/collapsible";
import { Button } from "@/app/_components/ui/button";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Spinner } from "@/app/_components/ui/spinner";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPCClient } from "@/app/_components/trpc/provider";
import { useShortcuts } from "@/app/_components/keyboard/use-shortcuts";
import { ticketListOptions } from "@/app/_components/tickets/list-query";
import { BulkBar } from "@/app/_components/queue-view/bulk-bar";
import { ColumnChooser } from "@/app/_components/queue-view/column-chooser";
import { FilterBar } from "@/app/_components/queue-view/filter-bar";
import { DEFAULT_FILTERS, filtersFromInput, parseColumns, parseQueueFilters, queueFiltersToSearch, queueListInput, readerOf, type QueueFilters } from "@/app/_components/queue-view/params";
import { QueueTree } from "@/app/_components/queue-view/queue-tree";
import { SavedSearches } from "@/app/_components/queue-view/saved-searches";
import { TicketTable } from "@/app/_components/queue-view/ticket-table";
import { CsvButton } from "@/app/_components/reports/csv-button";
import type { ListColumn } from "@/server/schemas/workspace";

const COLUMNS_KEY = "helpdesk.queueView.columns";
const DEFAULT_SEARCH = queueFiltersToSearch(DEFAULT_FILTERS);

/** The queue view: queue tree, filters in the URL, keyset pages, selection and bulk actions. */
export function AgentTicketList({ actorId }: { actorId: number }) {
  const t = useTranslations("queueView");
  const tCommon = useTranslations("common");
  const client = useTRPCClient();
  const router = useRouter();
  const errorInfo = useErrorInfo();
  const searchParams = useSearchParams();
  const filters = useMemo(() => parseQueueFilters(readerOf(searchParams)), [searchParams]);
  const timeZone = useTimeZone();
  const input = queueListInput(filters, actorId, timeZone);
  const storedColumns = useSyncExternalStore(subscribeColumns, () => window.localStorage.getItem(COLUMNS_KEY), () => null);
  const columns = useMemo(() => parseColumns(storedColumns ? (JSON.parse(storedColumns) as unknown) : null), [storedColumns]);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [cursor, setCursor] = useState(-1);

  const list = useInfiniteQuery({ ...ticketListOptions(input, (i) => client.ticket.list.query(i)), placeholderData: keepPreviousData });
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const numbers = useMemo(() => new Map(items.map((i) => [i.id, i.number])), [items]);
  const updating = list.isPlaceholderData;

  // Once the agent follows a link away (a ticket, the dashboard), a filter update still pending
  // (the text box's debounce) must not land: pushed after the click, it would undo the navigation.
  const leaving = useRef(false);
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = e.target instanceof Element ? e.target.closest("a[href]") : null;
      if (link instanceof HTMLAnchorElement && link.target !== "_blank" && link.origin === window.location.origin && link.pathname !== window.location.pathname) leaving.current = true;
    };
    document.addEventListener("click", onClick, true);
    return () => document.removeEventListener("click", onClick, true);
  }, []);
  const open = (id: number) => {
    leaving.current = true;
    router.push(`/agent/tickets/${id}`);
  };

  function update(patch: Partial<QueueFilters>) {
    if (leaving.current) return;
    // The router syncs useSearchParams with history.pushState, so this filters without a server round trip.
    window.history.pushState(null, "", `${window.location.pathname}${queueFiltersToSearch({ ...filters, ...patch })}`);
    setSelected(new Set());
    setCursor(-1);
  }
  const toggle = (id: number) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const group = t("shortcuts.group");
  useShortcuts([
    { keys: "j", description: t("shortcuts.next"), group, run: () => setCursor((c) => Math.min(c + 1, items.length - 1)) },
    { keys: "k", description: t("shortcuts.previous"), group, run: () => setCursor((c) => Math.max(c - 1, 0)) },
    { keys: "x", description: t("shortcuts.select"), group, when: () => items[cursor] !== undefined, run: () => toggle(items[cursor]!.id) },
    { keys: "o", description: t("shortcuts.open"), group, when: () => items[cursor] !== undefined, run: () => open(items[cursor]!.id) },
    { keys: "enter", description: t("shortcuts.open"), group, when: () => items[cursor] !== undefined, run: () => open(items[cursor]!.id) },
  ]);

  const filtered = queueFiltersToSearch(filters) !== DEFAULT_SEARCH;
  const clear = () => update(DEFAULT_FILTERS);

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4 lg:grid-cols-[auto_minmax(0,1fr)]">
      <aside className="min-w-0 lg:max-w-60">
        <Collapsible label={t("panels.queues")}>
          <div className="space-y-4 lg:w-60">
            <QueueTree selected={filters.queueId} onSelect={(queueId) => update({ queueId })} />
            <SavedSearches
              input={input}
              columns={columns}
              onApply={(s) => {
                update(filtersFromInput(s.filters, actorId, timeZone));
                if (s.columns.length) setColumns(parseColumns(s.columns));
              }}
            />
          </div>
        </Collapsible>
      </aside>
      <div className="min-w-0 space-y-4">
        <Collapsible label={t("panels.filters")} badge={filtered ? <Badge size="sm">{t("panels.filtered")}</Badge> : undefined}>
          <FilterBar filters={filters} onChange={update} />
        </Collapsible>
        <BulkBar selected={[...selected]} numbers={numbers} actorId={actorId} onDone={() => setSelected(new Set())} />
        <div className="flex min-h-6 flex-wrap items-center justify-between gap-2 text-sm text-fg-muted">
          <p aria-live="polite" className="flex items-center gap-2">
            {updating ? (
              <>
                <Spinner size="sm" />
                {t("updating")}
              </>
            ) : (
              list.isSuccess && items.length > 0 && t(list.hasNextPage ? "showingMore" : "showing", { count: items.length })
            )}
          </p>
          <div className="flex items-center gap-2">
            {filtered && (
              <Button variant="ghost" size="sm" onClick={clear}>
                {tCommon("clearFilters")}
              </Button>
            )}
            <CsvButton fetch={() => client.report.ticketListCsv.mutate(csvInput(input))} />
            <ColumnChooser columns={columns} onChange={setColumns} />
          </div>
        </div>

        {list.isError && !list.data ? (
          <Alert tone="danger" title={t("loadError")} actions={<Button size="sm" variant="secondary" onClick={() => void list.refetch()} loading={list.isFetching}>{tCommon("retry")}</Button>}>
            {errorInfo(list.error).message}
          </Alert>
        ) : list.isPending ? (
          <div className="flex justify-center py-16 text-fg-muted">
            <Spinner size="lg" label={tCommon("loading")} />
          </div>
        ) : items.length === 0 ? (
          <EmptyState title={t("emptyTitle")} description={t("emptyDescription")} action={filtered && <Button variant="secondary" onClick={clear}>{tCommon("clearFilters")}</Button>} />
        ) : (
          <div aria-busy={updating || undefined} className={updating ? "opacity-60 transition-opacity" : undefined}>
            <TicketTable
              items={items}
              columns={columns}
              filters={filters}
              onSort={(sort, direction) => update({ sort, direction })}
              onCustomer={(customerUserId) => update({ customerUserId })}
              selected={selected}
              onToggle={toggle}
              onToggleAll={() => setSelected((prev) => (items.every((i) => prev.has(i.id)) ? new Set() : new Set(items.map((i) => i.id))))}
              cursor={cursor}
            />
          </div>
        )}

        {list.hasNextPage && (
          <div className="flex flex-col items-center gap-2 pt-2">
            {list.isFetchNextPageError && <Alert tone="danger" className="w-full">{errorInfo(list.error).message}</Alert>}
            <Button variant="secondary" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {list.isFetchingNextPage ? t("loadingMore") : tCommon("loadMore")}
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}

/** The column choice lives in localStorage; this lets every list on the page follow a change. */
const columnListeners = new Set<() => void>();
function subscribeColumns(listener: () => void) {
  columnListeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    columnListeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}
function setColumns(next: ListColumn[]) {
  window.localStorage.setItem(COLUMNS_KEY, JSON.stringify(next));
  for (const listener of columnListeners) listener();
}

/** The list's filters without paging: the export holds every row they match (up to its cap). */
function csvInput({ limit: _limit, ...rest }: ReturnType<typeof queueListInput>) {
  return rest;
}
