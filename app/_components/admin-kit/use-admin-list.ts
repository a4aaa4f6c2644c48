"use client";

import { useState } from "react";
import { keepPreviousData, useInfiniteQuery, type InfiniteData, type QueryKey, type UseInfiniteQueryOptions } from "@tanstack/react-query";
import { adminListInput, type ListExtra, type Validity } from "./list-input";

export { nextPage } from "./list-input";
import { useDebounced } from "./use-debounced";

/** The dialog an admin list has open: "new", or one of its row dialogs ("edit", "password", …) for a row. */
export type ListDialog<Row> = { kind: "new" } | { kind: string; row: Row };

type ListOptions<TPage, TError, TKey extends QueryKey, TParam> = UseInfiniteQueryOptions<TPage, TError, InfiniteData<TPage, TParam>, TKey, TParam>;

/**
 * What every admin list page holds: the search box (debounced), the status filter, any extra
 * filters, the keyset-paged infinite query they make, and which dialog is open.
 *
 *   const list = useAdminList((input) => trpc.adminConfig.typeList.infiniteQueryOptions(input, nextPage));
 *
 * `list.input` is the same object `adminListInput("", "all")` builds for the page's prefetch.
 */
export function useAdminList<TPage extends { items: unknown[] }, TError, TKey extends QueryKey, TParam, S extends string = Validity, E extends ListExtra = Record<never, never>>(
  options: (input: ReturnType<typeof adminListInput<S, E>>) => ListOptions<TPage, TError, TKey, TParam>,
  init: { status?: S; extra?: E; enabled?: (input: ReturnType<typeof adminListInput<S, E>>) => boolean } = {},
) {
  type Row = TPage["items"][number];
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<S>(init.status ?? ("all" as S));
  const [extra, setExtra] = useState<E>(init.extra ?? ({} as E));
  const [dialog, setDialog] = useState<ListDialog<Row> | null>(null);
  const input = adminListInput(useDebounced(search.trim()), status, extra);
  const query = useInfiniteQuery({ ...options(input), placeholderData: keepPreviousData, enabled: init.enabled?.(input) ?? true });
  return {
    search,
    setSearch,
    status,
    setStatus,
    extra,
    /** Changes one extra filter (a role, a company), keeping the others. */
    filter: <K extends keyof E>(key: K, value: E[K]) => setExtra((current) => ({ ...current, [key]: value })),
    input,
    query,
    dialog,
    create: () => setDialog({ kind: "new" }),
    open: (kind: string, row: Row) => setDialog({ kind, row }),
    close: () => setDialog(null),
    /** The row of the open dialog of this kind, or null. */
    rowFor: (kind: string): Row | null => (dialog && dialog.kind === kind && "row" in dialog ? dialog.row : null),
  };
}

export type AdminList = ReturnType<typeof useAdminList>;
