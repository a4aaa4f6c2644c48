"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Spinner } from "@/app/_components/ui/spinner";
import { Table, TBody, Td, Th, THead, Tr } from "@/app/_components/ui/table";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPCClient } from "@/app/_components/trpc/provider";
import { parsePortalStatus, portalListInput, readerOf, type PortalStatus } from "@/app/_components/tickets/list-params";
import { ticketListOptions } from "@/app/_components/tickets/list-query";
import { RelativeTime } from "@/app/_components/tickets/relative-time";
import { StateBadge } from "@/app/_components/tickets/state-badge";
import { WaitingTime } from "@/app/_components/tickets/waiting-time";

/** The customer's own (and, if allowed, their company's) tickets, most recently changed first. */
export function MyTickets() {
  const t = useTranslations("tickets");
  const tCommon = useTranslations("common");
  const client = useTRPCClient();
  const errorInfo = useErrorInfo();
  const status = parsePortalStatus(readerOf(useSearchParams()));
  const list = useInfiniteQuery({
    ...ticketListOptions(portalListInput(status), (input) => client.ticket.list.query(input)),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="space-y-4">
      <StatusSwitch status={status} />

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
        status === "all" ? (
          <EmptyState
            title={t("empty.portalTitle")}
            description={t("empty.portalDescription")}
            action={<Button href="/portal/tickets/new">{t("new")}</Button>}
          />
        ) : (
          <EmptyState
            title={status === "open" ? t("list.portalEmptyOpen") : t("list.portalEmptyClosed")}
            action={
              <Button href="/portal/tickets/new" variant="secondary">
                {t("new")}
              </Button>
            }
          />
        )
      ) : (
        <Table caption={t("list.portalCaption")} captionHidden aria-busy={list.isPlaceholderData || undefined}>
          <THead>
            <tr>
              <Th className="w-full min-w-40 sm:min-w-52">{t("columns.title")}</Th>
              <Th className="hidden sm:table-cell">{t("columns.number")}</Th>
              <Th>{t("columns.state")}</Th>
              <Th className="hidden md:table-cell">{t("columns.lastChange")}</Th>
              <Th className="hidden sm:table-cell">{t("columns.waitingForUs")}</Th>
            </tr>
          </THead>
          <TBody>
            {items.map((ticket) => (
              <Tr key={ticket.id} interactive>
                <Td>
                  <Link href={`/portal/tickets/${ticket.id}`} dir="auto" className="line-clamp-2 font-medium text-fg hover:text-accent-text hover:underline">
                    {ticket.title}
                  </Link>
                  <p className="mt-0.5 font-mono text-xs text-fg-muted sm:hidden">#{ticket.number}</p>
                </Td>
                <Td numeric className="hidden font-mono text-xs text-fg-muted sm:table-cell">
                  {ticket.number}
                </Td>
                <Td>
                  <StateBadge name={ticket.stateName} type={ticket.stateType} size="sm" />
                </Td>
                <Td className="hidden text-fg-muted md:table-cell">
                  <RelativeTime value={ticket.changedAt} />
                </Td>
                <Td className="hidden sm:table-cell">
                  <WaitingTime since={ticket.waitingSince} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}

      {list.hasNextPage && (
        <div className="flex justify-center pt-2">
          <Button variant="secondary" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? t("list.loadingMore") : tCommon("loadMore")}
          </Button>
        </div>
      )}
    </div>
  );
}

function StatusSwitch({ status }: { status: PortalStatus }) {
  const t = useTranslations("tickets.filters");
  const choices: { value: PortalStatus; label: string; href: string }[] = [
    { value: "open", label: t("open"), href: "/portal/tickets" },
    { value: "closed", label: t("closed"), href: "/portal/tickets?status=closed" },
    { value: "all", label: t("all"), href: "/portal/tickets?status=all" },
  ];
  return (
    <nav aria-label={t("show")}>
      <ul className="inline-flex rounded-lg border border-border bg-surface-muted p-0.5">
        {choices.map((choice) => (
          <li key={choice.value}>
            <Link
              href={choice.href}
              aria-current={choice.value === status ? "page" : undefined}
              className={cn(
                "inline-flex h-8 items-center rounded-md px-3 text-sm font-medium transition-colors",
                choice.value === status ? "bg-surface text-fg shadow-xs ring-1 ring-border" : "text-fg-muted hover:text-fg",
              )}
            >
              {choice.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
