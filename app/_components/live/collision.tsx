"use client";

import { useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Dialog } from "@/app/_components/ui/dialog";
import { useTRPC } from "@/app/_components/trpc/provider";
import { NEW_CUSTOMER_ARTICLE_MESSAGE } from "@/server/schemas/live";
import { useReportComposing } from "./presence";

/**
 * Collision safety for a reply draft: remembers the newest article on screen when the draft
 * began (sent as `seenArticleId`), reports "writing" presence, and turns the server's
 * "customer wrote again" refusal into a question instead of an error.
 */
export function useDraftGuard(ticketId: number, body: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hasText = body.trim().length > 0;
  const startedAt = useRef<number | null>(null);
  const [asking, setAsking] = useState(false);
  useReportComposing(ticketId, hasText);

  const newest = () => {
    const data = queryClient.getQueryData(trpc.ticket.get.queryKey({ ticketId }));
    return data?.articles.reduce<number | null>((max, a) => (max === null || a.id > max ? a.id : max), null) ?? null;
  };

  useEffect(() => {
    if (!hasText) {
      startedAt.current = null;
    } else {
      startedAt.current ??= newest();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the start and end of a draft matter
  }, [hasText]);

  return {
    asking,
    /** The fields `article.reply` takes; `confirmed` after the agent chose to send anyway. */
    fields: (confirmed = false) => ({ seenArticleId: startedAt.current ?? newest() ?? undefined, confirmed: confirmed || undefined }),
    /** True (and the question opens) when `error` is the collision refusal. */
    collided(error: unknown): boolean {
      if (!(error instanceof TRPCClientError) || error.data?.key !== NEW_CUSTOMER_ARTICLE_MESSAGE) return false;
      void queryClient.invalidateQueries(trpc.ticket.get.queryFilter({ ticketId }));
      setAsking(true);
      return true;
    },
    /** The agent reads first: what is on screen now counts as seen for this draft. */
    review() {
      startedAt.current = newest();
      setAsking(false);
    },
    done: () => setAsking(false),
  };
}

export function CollisionDialog({ open, sending, onSend, onReview }: { open: boolean; sending: boolean; onSend: () => void; onReview: () => void }) {
  const t = useTranslations("live.collision");
  return (
    <Dialog
      open={open}
      onClose={onReview}
      dismissible={!sending}
      size="sm"
      title={t("title")}
      description={t("description")}
      footer={
        <>
          <Button variant="secondary" onClick={onReview} disabled={sending}>
            {t("review")}
          </Button>
          <Button onClick={onSend} loading={sending}>
            {t("sendAnyway")}
          </Button>
        </>
      }
    >
      <p>{t("body")}</p>
    </Dialog>
  );
}
