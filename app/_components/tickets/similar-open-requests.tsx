"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useDebounced } from "@/app/_components/admin-kit/use-debounced";
import { Alert } from "@/app/_components/ui/alert";
import { useTRPC } from "@/app/_components/trpc/provider";

/**
 * Before sending: "you already have a similar open request", with links to the customer's own
 * open tickets that resemble what is being written (the same comparison agents see at intake).
 * A warning, never a block: the form sends as before.
 */
export function SimilarOpenRequests({ title, body }: { title: string; body: string }) {
  const t = useTranslations("duplicates");
  const trpc = useTRPC();
  const draft = useDebounced({ title: title.trim(), body: body.trim().slice(0, 2000) }, 500);
  const enabled = (draft.title + draft.body).length >= 8;
  const similar = useQuery({ ...trpc.duplicate.similarOpen.queryOptions(draft), enabled, placeholderData: (previous) => previous });
  const items = enabled ? (similar.data?.items ?? []) : [];
  if (items.length === 0) return null;
  return (
    <Alert tone="warning" title={t("portalTitle")}>
      <p>{t("portalBody", { count: items.length })}</p>
      <ul className="mt-2 space-y-1">
        {items.map((s) => (
          <li key={s.id}>
            <Link href={`/portal/tickets/${s.id}`} className="font-medium underline" target="_blank">
              <bdi className="font-mono">#{s.number}</bdi> <span dir="auto">{s.title}</span>
            </Link>
          </li>
        ))}
      </ul>
    </Alert>
  );
}
