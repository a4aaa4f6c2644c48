"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Spinner } from "@/app/_components/ui/spinner";
import { Table, TBody, Td, Th, THead, Tr } from "@/app/_components/ui/table";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPCClient } from "@/app/_components/trpc/provider";
import type { TicketListItem } from "@/app/_components/trpc/types";
import { readerOf } from "@/app/_components/tickets/list-params";
import { ticketListOptions } from "@/app/_components/tickets/list-query";
import { RelativeTime } from "@/app/_components/tickets/relative-time";
import { StateBadge } from "@/app/_components/tickets/state-badge";
import { WaitingTime } from "@/app/_components/tickets/waiting-time";
import { PortalFilterBar } from "./portal-filters";
import { parsePortalFilters, portalFiltersInput, portalFiltersToHref, type PortalFilters } from "./portal-list-params";

/** The customer's own (and, if allowed, their company's) tickets, most recently changed first. */
export function MyTickets({ canSeeCompany, viewerId }: { canSeeCompany: boolean; viewerId: number }) {
  const t = useTranslations("tickets");
  const tList = useTranslations("portalList");
  const tCommon = useTranslations("common");
  const client = useTRPCClient();
  const errorInfo = useErrorInfo();
  const filters = parsePortalFilters(readerOf(useSearchParams()), canSeeCompany);
  const list = useInfiniteQuery({
    ...ticketListOptions(portalFiltersInput(filters), (input) => client.ticket.list.query(input)),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const company = filters.scope === "company";

  return (
    <div className="space-y-4">
      <PortalFilterBar filters={filters} canSeeCompany={canSeeCompany} />

      <p role="status" className="sr-only">
        {list.isSuccess && !list.isPlaceholderData ? t(list.hasNextPage ? "list.showingMore" : "list.showing", { count: items.length }) : ""}
      </p>

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
        <Empty filters={filters} />
      ) : (
        <Table caption={company ? tList("companyCaption") : t("list.portalCaption")} captionHidden aria-busy={list.isPlaceholderData || undefined}>
          <THead>
            <tr>
              <Th className="w-full min-w-40 sm:min-w-52">{t("columns.title")}</Th>
              <Th className="hidden sm:table-cell">{t("columns.number")}</Th>
              {company && <Th className="hidden md:table-cell">{tList("openedBy")}</Th>}
              <Th>{t("columns.state")}</Th>
              <Th className="hidden md:table-cell">{t("columns.lastChange")}</Th>
              <Th className="hidden sm:table-cell">{t("columns.waitingForUs")}</Th>
            </tr>
          </THead>
          <TBody>
            {items.map((ticket) => (
              <Row key={ticket.id} ticket={ticket} company={company} mine={ticket.customerUserId === viewerId} />
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

function Row({ ticket, company, mine }: { ticket: TicketListItem; company: boolean; mine: boolean }) {
  const tList = useTranslations("portalList");
  const closed = ticket.stateType === "closed";
  return (
    <Tr interactive>
      <Td>
        <Link href={`/portal/tickets/${ticket.id}`} dir="auto" className="line-clamp-2 font-medium text-fg hover:text-accent-text hover:underline">
          {ticket.title}
        </Link>
        <p className="mt-0.5 font-mono text-xs text-fg-muted sm:hidden">
          <bdi dir="ltr">#{ticket.number}</bdi>
        </p>
      </Td>
      <Td numeric className="hidden font-mono text-xs text-fg-muted sm:table-cell">
        <bdi dir="ltr">{ticket.number}</bdi>
      </Td>
      {company && <Td className="hidden whitespace-nowrap text-fg-muted md:table-cell">{mine ? tList("you") : (ticket.customerName ?? "—")}</Td>}
      <Td>
        <StateBadge name={ticket.stateName} type={ticket.stateType} size="sm" audience="customer" />
      </Td>
      <Td className="hidden text-fg-muted md:table-cell">
        <RelativeTime value={ticket.changedAt} past />
      </Td>
      <Td className="hidden sm:table-cell">
        <WaitingTime since={closed ? null : ticket.waitingSince} />
      </Td>
    </Tr>
  );
}

function Empty({ filters }: { filters: PortalFilters }) {
  const t = useTranslations("tickets");
  const tList = useTranslations("portalList");
  if (filters.text) {
    return (
      <EmptyState
        title={tList("noMatch", { text: filters.text })}
        description={tList("noMatchHint")}
        action={
          <Button href={portalFiltersToHref({ ...filters, text: "" })} variant="secondary">
            {tList("clearSearch")}
          </Button>
        }
      />
    );
  }
  if (filters.status === "all" && filters.scope === "own") {
    return <EmptyState title={t("empty.portalTitle")} description={t("empty.portalDescription")} action={<Button href="/portal/tickets/new">{t("new")}</Button>} />;
  }
  const title = filters.status === "open" ? t("list.portalEmptyOpen") : filters.status === "closed" ? t("list.portalEmptyClosed") : tList("companyEmpty");
  return (
    <EmptyState
      title={title}
      action={
        <Button href="/portal/tickets/new" variant="secondary">
          {t("new")}
        </Button>
      }
    />
  );
}
