"use client";

import { useState } from "react";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useDebounced } from "@/app/_components/admin-kit/use-debounced";
import { useTRPC } from "@/app/_components/trpc/provider";
import { Button } from "@/app/_components/ui/button";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Spinner } from "@/app/_components/ui/spinner";
import { FaqResultList } from "./result-list";

/** The FAQ for signed-in readers (portal and agent area): search as you type, or browse a category. */
export function FaqBrowser({ base }: { base: string }) {
  const t = useTranslations("faq");
  const trpc = useTRPC();
  const [query, setQuery] = useState("");
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const typed = useDebounced(query.trim());
  const categories = useQuery(trpc.faq.categories.queryOptions());
  const search = useQuery({ ...trpc.faq.search.queryOptions({ query: typed, limit: 20 }), enabled: typed.length > 0, placeholderData: keepPreviousData });
  const list = useInfiniteQuery({
    ...trpc.faq.list.infiniteQueryOptions({ limit: 20, ...(categoryId ? { categoryId } : {}) }, { getNextPageParam: (last) => last.nextCursor }),
    enabled: typed.length === 0,
  });
  const items = typed ? (search.data ?? []).map((r) => ({ id: r.id, title: r.titleMarked, text: r.snippet, language: r.language })) : (list.data?.pages.flatMap((p) => p.items) ?? []).map((r) => ({ id: r.id, title: r.title, text: r.excerpt, language: r.language }));
  const loading = typed ? search.isPending : list.isPending;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <Field label={t("searchLabel")} className="min-w-64 flex-1">
          <Input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t("searchPlaceholder")} />
        </Field>
        {(categories.data?.length ?? 0) > 0 && (
          <Field label={t("category")} className="w-56">
            <Select value={categoryId ? String(categoryId) : ""} onChange={(e) => setCategoryId(e.target.value ? Number(e.target.value) : null)} disabled={typed.length > 0}>
              <option value="">{t("allCategories")}</option>
              {categories.data?.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.articles})
                </option>
              ))}
            </Select>
          </Field>
        )}
      </div>
      {loading ? (
        <Spinner label={t("loading")} />
      ) : items.length === 0 ? (
        <EmptyState title={typed ? t("noResults") : t("empty")} />
      ) : (
        <FaqResultList items={items} base={base} label={t("results")} />
      )}
      {!typed && list.hasNextPage && (
        <Button variant="secondary" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t("loadMore")}
        </Button>
      )}
    </div>
  );
}
