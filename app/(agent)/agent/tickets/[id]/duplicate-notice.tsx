"use client";

import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { useTRPC } from "@/app/_components/trpc/provider";
import { useMutationFeedback, useTicketActions } from "./use-ticket-actions";

/**
 * "Possible duplicate of #N", found when the ticket was opened (same customer, open, similar
 * subject and message): merge it there in one click (the merge's own rules and permission), or
 * say it is not a duplicate, which is remembered for the pair.
 */
export function DuplicateNotice() {
  const t = useTranslations("duplicates");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { ticket, can } = useTicketActions();
  const feedback = useMutationFeedback();
  const [failure, setFailure] = useState<string | null>(null);
  const suggestions = useQuery({ ...trpc.duplicate.suggestions.queryOptions({ ticketId: ticket.id }), enabled: ticket.stateType !== "merged" });
  const merge = useMutation(trpc.ticket.merge.mutationOptions());
  const dismiss = useMutation(trpc.duplicate.dismiss.mutationOptions());
  const items = suggestions.data?.items ?? [];
  if (ticket.stateType === "merged" || items.length === 0) return null;
  const mayMerge = can("merge");

  async function run(action: () => Promise<unknown>, done: string) {
    setFailure(null);
    try {
      await action();
      await queryClient.invalidateQueries(trpc.duplicate.suggestions.queryFilter({ ticketId: ticket.id }));
      await feedback.succeeded(done);
    } catch (error) {
      setFailure(feedback.failed(error));
    }
  }

  return (
    <Alert tone="warning" title={t("zoomTitle")}>
      <p>{t("zoomBody", { count: items.length })}</p>
      {failure && <p className="mt-2 font-medium">{failure}</p>}
      <ul className="mt-2 space-y-2">
        {items.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center gap-2">
            <Link href={`/agent/tickets/${s.id}`} className="min-w-0 flex-1 underline" title={s.title}>
              <bdi className="font-mono">#{s.number}</bdi> <span dir="auto">{s.title}</span>
            </Link>
            {mayMerge && (
              <>
                <Button
                  size="sm"
                  variant="secondary"
                  loading={merge.isPending && merge.variables?.targetTicketId === s.id}
                  onClick={() => void run(() => merge.mutateAsync({ ticketId: ticket.id, version: ticket.version, targetTicketId: s.id }), t("merged", { number: s.number }))}
                >
                  {t.rich("merge", { number: s.number, ref: (chunks) => <bdi>{chunks}</bdi> })}
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={t("dismissLabel", { number: s.number })}
                  loading={dismiss.isPending && dismiss.variables?.originalId === s.id}
                  onClick={() => void run(() => dismiss.mutateAsync({ ticketId: ticket.id, originalId: s.id }), t("dismissed", { number: s.number }))}
                >
                  {t("dismiss")}
                </Button>
              </>
            )}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
