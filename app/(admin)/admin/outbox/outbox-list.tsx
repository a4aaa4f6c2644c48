"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { nextPage } from "@/app/_components/admin-kit/list-input";
import { PagedList } from "@/app/_components/admin-kit/list-view";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Spinner } from "@/app/_components/ui/spinner";
import { Table, TBody, Td, Th, THead, Tr } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { RelativeTime } from "@/app/_components/tickets/relative-time";
import { OUTBOX_KINDS, OUTBOX_STATUSES, type OutboxKind, type OutboxStatus } from "@/server/schemas/admin-mail";
import { outboxFiltersToSearch, outboxListInput, parseOutboxFilters, readerOf, type OutboxFilters } from "./filters";
import { OutboxStatusBadge, useKindLabel, useTransportLabel } from "./outbox-badges";

type Item = RouterOutputs["adminMail"]["outboxList"]["items"][number];

/** The outbox, newest first: filters in the URL, keyset pages appended with "Load more". */
export function OutboxList() {
  const t = useTranslations("adminMail.outbox");
  const tCommon = useTranslations("common");
  const trpc = useTRPC();
  const fromUrl = parseOutboxFilters(readerOf(useSearchParams()));
  // Local state answers a change at once; the URL follows (and back/forward flow back in below).
  const [filters, setFilters] = useState(fromUrl);
  const [urlSeen, setUrlSeen] = useState(outboxFiltersToSearch(fromUrl));
  if (urlSeen !== outboxFiltersToSearch(fromUrl)) {
    setUrlSeen(outboxFiltersToSearch(fromUrl));
    setFilters(fromUrl);
  }
  const filtered = outboxFiltersToSearch(filters) !== "";

  const list = useInfiniteQuery({ ...trpc.adminMail.outboxList.infiniteQueryOptions(outboxListInput(filters), nextPage), placeholderData: keepPreviousData });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const updating = list.isPlaceholderData;

  function update(patch: Partial<OutboxFilters>, mode: "push" | "replace" = "push") {
    const next = { ...filters, ...patch };
    setFilters(next);
    const url = `${window.location.pathname}${outboxFiltersToSearch(next)}`;
    // The router syncs useSearchParams with the History API, so this filters without a server round trip.
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }
  const clear = () => update({ status: null, kind: null, q: "" });

  return (
    <div className="space-y-4">
      <Filters filters={filters} onChange={update} />

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
        {filtered && (
          <Button variant="ghost" size="sm" onClick={clear}>
            {tCommon("clearFilters")}
          </Button>
        )}
      </div>

      <PagedList
        query={list}
        count={false}
        empty={{
          title: filtered ? t("emptyFiltered") : t("empty"),
          description: filtered ? t("emptyFilteredDescription") : t("emptyDescription"),
          action: filtered && (
            <Button variant="secondary" onClick={clear}>
              {tCommon("clearFilters")}
            </Button>
          ),
        }}
      >
        {(rows) => <OutboxTable items={rows} />}
      </PagedList>
    </div>
  );
}

function Filters({ filters, onChange }: { filters: OutboxFilters; onChange: (patch: Partial<OutboxFilters>, mode?: "push" | "replace") => void }) {
  const t = useTranslations("adminMail.outbox");
  const kindLabel = useKindLabel();
  const [text, setText] = useState(filters.q);

  // Typing narrows the list after a short pause; the URL follows without piling up history entries.
  useEffect(() => {
    const value = text.trim();
    if (value === filters.q) return;
    const timer = setTimeout(() => onChange({ q: value }, "replace"), 300);
    return () => clearTimeout(timer);
  }, [text, filters.q, onChange]);

  // Back/forward or "Clear filters" change the URL underneath the field.
  const [seen, setSeen] = useState(filters.q);
  if (seen !== filters.q) {
    setSeen(filters.q);
    if (text.trim() !== filters.q) setText(filters.q);
  }

  return (
    <section
      aria-label={t("filtersLabel")}
      className="grid grid-cols-2 items-end gap-3 rounded-lg border border-border bg-surface p-3 shadow-xs sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]"
    >
      <Field label={t("search")} className="col-span-2 sm:col-span-1">
        <Input type="search" value={text} placeholder={t("searchPlaceholder")} autoComplete="off" onChange={(e) => setText(e.target.value)} />
      </Field>
      <Field label={t("status")}>
        <Select value={filters.status ?? ""} onChange={(e) => onChange({ status: (e.target.value || null) as OutboxStatus | null })}>
          <option value="">{t("anyStatus")}</option>
          {OUTBOX_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`statuses.${s}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("kind")}>
        <Select value={filters.kind ?? ""} onChange={(e) => onChange({ kind: (e.target.value || null) as OutboxKind | null })}>
          <option value="">{t("anyKind")}</option>
          {OUTBOX_KINDS.map((k) => (
            <option key={k} value={k}>
              {kindLabel(k)}
            </option>
          ))}
        </Select>
      </Field>
    </section>
  );
}

function OutboxTable({ items }: { items: readonly Item[] }) {
  const t = useTranslations("adminMail.outbox");
  const kindLabel = useKindLabel();
  const transportLabel = useTransportLabel();
  return (
    <Table caption={t("caption")} captionHidden dense>
      <THead>
        <tr>
          <Th className="hidden sm:table-cell">{t("columns.when")}</Th>
          <Th className="hidden md:table-cell">{t("columns.kind")}</Th>
          <Th className="hidden lg:table-cell">{t("columns.to")}</Th>
          <Th className="w-full min-w-48">{t("columns.subject")}</Th>
          <Th>{t("columns.status")}</Th>
          <Th className="hidden xl:table-cell">{t("columns.transport")}</Th>
        </tr>
      </THead>
      <TBody>
        {items.map((m) => (
          <Tr key={m.id} interactive>
            <Td className="hidden text-fg-muted sm:table-cell">
              <RelativeTime value={m.createdAt} />
            </Td>
            <Td className="hidden whitespace-nowrap text-fg-muted md:table-cell">{kindLabel(m.kind)}</Td>
            <Td className="hidden max-w-56 lg:table-cell">
              <span className="block truncate" title={m.toAddresses}>
                {m.toAddresses}
              </span>
            </Td>
            <Td className="max-w-md">
              <Link href={`/admin/outbox/${m.id}`} dir="auto" className="line-clamp-2 font-medium text-fg hover:text-accent-text hover:underline">
                {m.subject || t("noSubject")}
              </Link>
              <div className="mt-1 flex min-w-0 flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-fg-muted lg:hidden">
                <span className="min-w-0 truncate">{t("toShort", { to: m.toAddresses })}</span>
                <span className="md:hidden">{kindLabel(m.kind)}</span>
                <span className="sm:hidden">
                  <RelativeTime value={m.createdAt} />
                </span>
              </div>
            </Td>
            <Td>
              <OutboxStatusBadge status={m.status} />
            </Td>
            <Td className="hidden whitespace-nowrap text-fg-muted xl:table-cell">{transportLabel(m.transport)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
