"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import type { ListColumn } from "@/server/schemas/workspace";
import type { ListTicketsInput } from "@/server/schemas/tickets";

type Saved = RouterOutputs["savedSearch"]["list"][number];

/** Saved searches (own first, then shared) and a form that saves the current filters and columns. */
export function SavedSearches({ input, columns, onApply }: { input: Omit<ListTicketsInput, "cursor">; columns: ListColumn[]; onApply: (s: Saved) => void }) {
  const t = useTranslations("queueView.saved");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorInfo = useErrorInfo();
  const list = useQuery(trpc.savedSearch.list.queryOptions());
  const refresh = () => void queryClient.invalidateQueries(trpc.savedSearch.list.pathFilter());
  const create = useMutation(trpc.savedSearch.create.mutationOptions({ onSuccess: () => { setName(""); refresh(); } }));
  const remove = useMutation(trpc.savedSearch.delete.mutationOptions({ onSuccess: refresh }));
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);
  const { limit: _limit, ...filters } = input;

  return (
    <section aria-labelledby="saved-searches" className="rounded-lg border border-border bg-surface p-2 text-sm shadow-xs">
      <h2 id="saved-searches" className="px-2 pt-1 pb-2 text-xs font-semibold tracking-wide text-fg-muted uppercase">
        {t("title")}
      </h2>
      {list.data?.length ? (
        <ul className="space-y-0.5">
          {list.data.map((s) => (
            <li key={s.id} className="flex items-center gap-1">
              <button type="button" className="min-w-0 flex-1 truncate rounded-md px-2 py-1.5 text-start hover:bg-surface-muted" onClick={() => onApply(s)}>
                {s.name}
                {s.shared && <span className="ms-1 text-xs text-fg-muted">{s.mine ? t("sharedByMe") : t("sharedBy", { name: s.ownerName })}</span>}
              </button>
              {s.editable && (
                <Button variant="ghost" size="icon-sm" aria-label={t("delete", { name: s.name })} onClick={() => remove.mutate({ id: s.id })}>
                  ×
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="px-2 pb-2 text-fg-muted">{t("none")}</p>
      )}
      <form
        className="mt-2 space-y-2 border-t border-border px-2 pt-2"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name, shared, filters, columns });
        }}
      >
        <Field label={t("name")} error={create.isError ? errorInfo(create.error).message : undefined}>
          <Input value={name} required maxLength={100} onChange={(e) => setName(e.target.value)} />
        </Field>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} className="size-4 accent-accent" />
          {t("shared")}
        </label>
        <Button type="submit" size="sm" variant="secondary" loading={create.isPending}>
          {t("save")}
        </Button>
      </form>
    </section>
  );
}
