"use client";

import { useTimeZone } from "@/app/_components/tickets/time-zone";
import { useMemo, useState, type FormEvent } from "react";
import { useSearchParams } from "next/navigation";
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Spinner } from "@/app/_components/ui/spinner";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import { STATE_TYPES } from "@/server/schemas/tickets";
import { EMPTY_FORM, formFromParams, formToInput, formToSearch, type SearchForm } from "./params";
import { SearchResults } from "./search-results";

/** Query box and filters kept in the URL; results load in keyset pages of the ranked candidates. */
export function SearchView() {
  const t = useTranslations("search");
  const tCommon = useTranslations("common");
  const tStates = useTranslations("states.types");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const errorInfo = useErrorInfo();
  const searchParams = useSearchParams();
  const applied = useMemo(() => formFromParams(searchParams), [searchParams]);
  const [form, setForm] = useState<SearchForm>(applied);
  // Back/forward changes the URL under the form: follow it (state adjusted during render, not in an effect).
  const appliedKey = formToSearch(applied);
  const [shownKey, setShownKey] = useState(appliedKey);
  if (shownKey !== appliedKey) {
    setShownKey(appliedKey);
    setForm(applied);
  }
  const options = useQuery(trpc.meta.options.queryOptions());

  const timeZone = useTimeZone();
  const input = formToInput(applied, timeZone);
  const results = useInfiniteQuery({
    ...infiniteQueryOptions({
      queryKey: [["search", "tickets"], { input, type: "infinite" }] as const,
      queryFn: ({ pageParam }) => client.search.tickets.query({ ...input, cursor: pageParam }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
    }),
    enabled: input.query.length > 0,
    placeholderData: keepPreviousData,
  });
  const items = results.data?.pages.flatMap((p) => p.items) ?? [];
  const approximate = results.data?.pages.some((p) => p.approximate) ?? false;

  const set = <K extends keyof SearchForm>(key: K, value: SearchForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The router syncs useSearchParams with history.pushState: a new search without a server round trip.
    window.history.pushState(null, "", `${window.location.pathname}${formToSearch(form)}`);
  };
  const reset = () => {
    setForm({ ...EMPTY_FORM, q: form.q });
    window.history.pushState(null, "", `${window.location.pathname}${formToSearch({ ...EMPTY_FORM, q: form.q })}`);
  };

  return (
    <div className="space-y-4">
      <form role="search" aria-label={t("formLabel")} onSubmit={submit} className="space-y-3 rounded-lg border border-border bg-surface p-3 shadow-xs">
        <div className="flex flex-wrap items-end gap-2">
          <Field label={t("query")} className="min-w-0 flex-1 basis-72">
            <Input type="search" name="q" dir="auto" value={form.q} maxLength={200} required aria-describedby="search-query-hint" placeholder={t("queryPlaceholder")} onChange={(e) => set("q", e.target.value)} autoFocus={!applied.q} />
          </Field>
          <Button type="submit" loading={results.isFetching && !results.isFetchingNextPage}>
            {t("submit")}
          </Button>
        </div>
        <p id="search-query-hint" className="-mt-1.5 text-xs text-fg-muted">
          {t("queryHint")}
        </p>
        <fieldset className="grid grid-cols-2 items-end gap-3 md:grid-cols-4">
          <legend className="sr-only">{t("filters")}</legend>
          <Field label={t("queue")}>
            <Select value={form.queueId} onChange={(e) => set("queueId", e.target.value)}>
              <option value="">{t("any")}</option>
              {options.data?.visibleQueues.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("state")}>
            <Select value={form.state} onChange={(e) => set("state", e.target.value as SearchForm["state"])}>
              <option value="">{t("any")}</option>
              {STATE_TYPES.map((type) => (
                <option key={type} value={type}>
                  {tStates(type)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("priority")}>
            <Select value={form.priorityId} onChange={(e) => set("priorityId", e.target.value)}>
              <option value="">{t("any")}</option>
              {options.data?.priorities.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
          <label className="flex h-9 items-center gap-2 text-sm text-fg">
            <input type="checkbox" checked={form.archive} onChange={(e) => set("archive", e.target.checked)} className="size-4 accent-accent" />
            {t("includeArchived")}
          </label>
          <Field label={t("createdFrom")}>
            <Input type="date" value={form.createdFrom} max={form.createdTo || undefined} onChange={(e) => set("createdFrom", e.target.value)} />
          </Field>
          <Field label={t("createdTo")}>
            <Input type="date" value={form.createdTo} min={form.createdFrom || undefined} onChange={(e) => set("createdTo", e.target.value)} />
          </Field>
          <Field label={t("changedFrom")}>
            <Input type="date" value={form.changedFrom} max={form.changedTo || undefined} onChange={(e) => set("changedFrom", e.target.value)} />
          </Field>
          <Field label={t("changedTo")}>
            <Input type="date" value={form.changedTo} min={form.changedFrom || undefined} onChange={(e) => set("changedTo", e.target.value)} />
          </Field>
        </fieldset>
        <div className="flex justify-end">
          <Button type="button" variant="ghost" size="sm" onClick={reset}>
            {tCommon("clearFilters")}
          </Button>
        </div>
      </form>

      <p aria-live="polite" className="min-h-6 text-sm text-fg-muted">
        {results.isSuccess && applied.q && (approximate ? t("approximate", { count: items.length }) : t(results.hasNextPage ? "showingMore" : "showing", { count: items.length }))}
      </p>

      {!applied.q ? (
        <EmptyState title={t("startTitle")} description={t("startDescription")} />
      ) : results.isError && !results.data ? (
        <Alert tone="danger" title={t("loadError")} actions={<Button size="sm" variant="secondary" onClick={() => void results.refetch()} loading={results.isFetching}>{tCommon("retry")}</Button>}>
          {errorInfo(results.error).message}
        </Alert>
      ) : results.isPending ? (
        <div className="flex justify-center py-16 text-fg-muted">
          <Spinner size="lg" label={tCommon("loading")} />
        </div>
      ) : items.length === 0 ? (
        <EmptyState title={t("emptyTitle")} description={t("emptyDescription")} />
      ) : (
        <div aria-busy={results.isPlaceholderData || undefined} className={results.isPlaceholderData ? "opacity-60 transition-opacity" : undefined}>
          <SearchResults items={items} />
        </div>
      )}

      {results.hasNextPage && (
        <div className="flex justify-center pt-2">
          <Button variant="secondary" onClick={() => void results.fetchNextPage()} loading={results.isFetchingNextPage}>
            {tCommon("loadMore")}
          </Button>
        </div>
      )}
    </div>
  );
}
