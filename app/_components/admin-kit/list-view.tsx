"use client";

import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Spinner } from "@/app/_components/ui/spinner";
import { useAdminError } from "./errors";

/** The parts of a TanStack infinite query a list needs. */
export type ListQuery<T> = {
  data?: { pages: { items: T[] }[] };
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  isPlaceholderData: boolean;
  hasNextPage: boolean;
  error: unknown;
  fetchNextPage: () => unknown;
  refetch: () => unknown;
};

/** Filters above a list, in one bordered row that wraps on small screens. */
export function Toolbar({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section aria-label={label} className="flex flex-wrap items-end gap-3 rounded-lg border border-border bg-surface p-3 shadow-xs">
      {children}
    </section>
  );
}

export function SearchField({ value, onChange, label, placeholder }: { value: string; onChange: (value: string) => void; label: string; placeholder?: string }) {
  return (
    <Field label={label} className="min-w-56 flex-1">
      <Input type="search" value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} autoComplete="off" />
    </Field>
  );
}

/**
 * Loading, error, empty and "load more" around a keyset-paged list; `children` renders the rows
 * loaded so far.
 */
export function PagedList<T>({
  query,
  empty,
  count = true,
  children,
}: {
  query: ListQuery<T>;
  empty: { title: string; description?: string; action?: ReactNode; icon?: ReactNode };
  /** False where the page says how many rows it shows itself. */
  count?: boolean;
  children: (items: T[]) => ReactNode;
}) {
  const t = useTranslations("adminDirectory.list");
  const tCommon = useTranslations("common");
  const errorOf = useAdminError();
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  if (query.isError && !query.data) {
    return (
      <Alert
        tone="danger"
        title={t("loadError")}
        actions={
          <Button size="sm" variant="secondary" onClick={() => void query.refetch()} loading={query.isFetching}>
            {tCommon("retry")}
          </Button>
        }
      >
        {errorOf(query.error).message}
      </Alert>
    );
  }
  if (query.isPending) {
    return (
      <div className="flex justify-center py-16 text-fg-muted">
        <Spinner size="lg" label={tCommon("loading")} />
      </div>
    );
  }
  if (items.length === 0) return <EmptyState title={empty.title} description={empty.description} action={empty.action} icon={empty.icon} />;
  return (
    <div className="space-y-4">
      <div aria-busy={query.isPlaceholderData || undefined} className={query.isPlaceholderData ? "opacity-60 transition-opacity" : undefined}>
        {children(items)}
      </div>
      {count && (
        <p aria-live="polite" className="text-center text-sm text-fg-muted">
          {t(query.hasNextPage ? "showingMore" : "showing", { count: items.length })}
        </p>
      )}
      {query.hasNextPage && (
        <div className="flex flex-col items-center gap-2">
          {query.isFetchNextPageError && (
            <Alert tone="danger" className="w-full">
              {errorOf(query.error).message}
            </Alert>
          )}
          <Button variant="secondary" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {tCommon("loadMore")}
          </Button>
        </div>
      )}
    </div>
  );
}
