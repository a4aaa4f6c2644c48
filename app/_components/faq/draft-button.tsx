"use client";

import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPC } from "@/app/_components/trpc/provider";
import { Button } from "@/app/_components/ui/button";

/** The zoom's "turn this answer into an FAQ draft": an internal draft the FAQ editors review and publish. */
export function FaqDraftButton({ ticketId, articleId }: { ticketId: number; articleId: number }) {
  const t = useTranslations("faq.draft");
  const trpc = useTRPC();
  const errorInfo = useErrorInfo();
  const draft = useMutation(trpc.faq.draftFromTicket.mutationOptions());
  if (draft.isSuccess) {
    return (
      <p role="status" className="mt-2 text-xs text-fg-muted">
        {t("created")}{" "}
        <Link href={`/agent/faq/manage/${draft.data.id}`} className="text-accent underline">
          {t("open")}
        </Link>
      </p>
    );
  }
  return (
    <div className="mt-1">
      <Button variant="ghost" size="sm" className="-ms-2 h-7 text-xs" loading={draft.isPending} onClick={() => draft.mutate({ ticketId, articleId })}>
        {t("make")}
      </Button>
      {draft.isError && (
        <p role="alert" className="text-xs text-danger-text">
          {errorInfo(draft.error).message}
        </p>
      )}
    </div>
  );
}
