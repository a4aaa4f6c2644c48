"use client";

import { useState } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useDebounced } from "@/app/_components/admin-kit/use-debounced";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPC } from "@/app/_components/trpc/provider";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog } from "@/app/_components/ui/dialog";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Spinner } from "@/app/_components/ui/spinner";
import { MarkedText } from "./marked-text";

/** The composer's "FAQ answer": search the FAQ, then insert an article's text or a link the customer can open. */
export function ComposerFaq({ onInsert, disabled }: { onInsert: (text: string) => void; disabled?: boolean }) {
  const t = useTranslations("faq.composer");
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="button" variant="secondary" size="sm" onClick={() => setOpen(true)} disabled={disabled}>
        {t("open")}
      </Button>
      {open && (
        <FaqPickerDialog
          onClose={() => setOpen(false)}
          onInsert={(text) => {
            onInsert(text);
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

function FaqPickerDialog({ onClose, onInsert }: { onClose: () => void; onInsert: (text: string) => void }) {
  const t = useTranslations("faq.composer");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorInfo = useErrorInfo();
  const [query, setQuery] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const typed = useDebounced(query.trim());
  const hits = useQuery({ ...trpc.faq.search.queryOptions({ query: typed, limit: 10 }), enabled: typed.length > 0, placeholderData: keepPreviousData });

  async function insert(id: number, as: "text" | "link") {
    setBusy(`${id}:${as}`);
    setError(null);
    try {
      const article = await queryClient.fetchQuery(trpc.faq.get.queryOptions({ id }));
      if (as === "text") onInsert(`${article.title}\n\n${article.text}`);
      else if (article.link) onInsert(`${article.title}: ${new URL(article.link, window.location.origin).href}`);
    } catch (e) {
      setError(errorInfo(e).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Dialog open onClose={onClose} title={t("title")} description={t("description")} size="lg">
      <div className="space-y-3">
        {error && <Alert tone="danger">{error}</Alert>}
        <Field label={t("searchLabel")}>
          <Input type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoFocus />
        </Field>
        {typed && hits.isPending && <Spinner label={t("searching")} />}
        {typed && hits.data?.length === 0 && <p className="text-sm text-fg-muted">{t("none")}</p>}
        <ul className="divide-y divide-border">
          {hits.data?.map((hit) => (
            <li key={hit.id} className="flex flex-wrap items-start justify-between gap-2 py-2" lang={hit.language}>
              <div className="min-w-0 flex-1 basis-64">
                <p className="text-sm font-medium" dir="auto">
                  <MarkedText text={hit.titleMarked} />
                </p>
                <p className="text-xs text-fg-muted" dir="auto">
                  <MarkedText text={hit.snippet} />
                </p>
              </div>
              <div className="flex gap-1">
                <Button type="button" size="sm" variant="secondary" loading={busy === `${hit.id}:text`} onClick={() => void insert(hit.id, "text")}>
                  {t("insertText")}
                </Button>
                <Button type="button" size="sm" variant="ghost" loading={busy === `${hit.id}:link`} disabled={hit.visibility === "internal"} onClick={() => void insert(hit.id, "link")}>
                  {t("insertLink")}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      </div>
    </Dialog>
  );
}
