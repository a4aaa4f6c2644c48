"use client";

import Link from "next/link";
import { useState } from "react";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useDebounced } from "@/app/_components/admin-kit/use-debounced";
import { useTRPC } from "@/app/_components/trpc/provider";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { MarkedText } from "./marked-text";

/**
 * Deflection on the new-request form: FAQ articles matching what the customer has typed so far
 * (subject and message, debounced), in the customer's language. "This solved it" is counted for
 * the article; the request is not sent unless the customer still sends it.
 */
export function FaqSuggestions({ subject, body }: { subject: string; body: string }) {
  const t = useTranslations("faq.suggest");
  const trpc = useTRPC();
  const typed = useDebounced({ subject: subject.trim(), body: body.trim() }, 400);
  const enough = `${typed.subject} ${typed.body}`.trim().length >= 3;
  const suggestions = useQuery({ ...trpc.faq.suggest.queryOptions({ ...typed, limit: 5 }), enabled: enough, placeholderData: keepPreviousData });
  const [solvedBy, setSolvedBy] = useState<number | null>(null);
  const solved = useMutation(trpc.faq.vote.mutationOptions({ onSuccess: (r) => setSolvedBy(r.id) }));
  const items = enough ? (suggestions.data ?? []) : [];
  if (solvedBy !== null) {
    return (
      <Alert tone="success" title={t("solvedTitle")} actions={<Button href="/portal/tickets" size="sm" variant="secondary">{t("backToRequests")}</Button>}>
        {t("solvedText")}
      </Alert>
    );
  }
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="faq-suggestions" aria-live="polite" className="rounded-lg border border-border bg-surface-muted/50 p-4">
      <h2 id="faq-suggestions" className="text-sm font-semibold text-fg">
        {t("title")}
      </h2>
      <p className="mt-0.5 text-xs text-fg-muted">{t("hint")}</p>
      <ul className="mt-3 space-y-3">
        {items.map((item) => (
          <li key={item.id} className="flex flex-wrap items-start justify-between gap-2">
            <div className="min-w-0 flex-1 basis-64" lang={item.language}>
              <Link href={`/portal/faq/${item.id}`} target="_blank" className="text-sm font-medium text-accent hover:underline" dir="auto">
                <MarkedText text={item.titleMarked} />
              </Link>
              {item.snippet && (
                <p className="mt-0.5 text-xs text-fg-muted" dir="auto">
                  <MarkedText text={item.snippet} />
                </p>
              )}
            </div>
            <Button size="sm" variant="secondary" loading={solved.isPending && solved.variables?.id === item.id} onClick={() => solved.mutate({ id: item.id, kind: "solved" })}>
              {t("solvedIt")}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
