"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_components/trpc/provider";
import { Button } from "@/app/_components/ui/button";

/** "Was this helpful?": one vote per page view. */
export function HelpfulButton({ id }: { id: number }) {
  const t = useTranslations("faq");
  const trpc = useTRPC();
  const vote = useMutation(trpc.faq.vote.mutationOptions());
  if (vote.isSuccess) return <p role="status" className="text-sm text-fg-muted">{t("thanks")}</p>;
  return (
    <div className="flex items-center gap-3 text-sm text-fg-muted">
      <span>{t("wasItHelpful")}</span>
      <Button size="sm" variant="secondary" loading={vote.isPending} onClick={() => vote.mutate({ id, kind: "helpful" })}>
        {t("yesHelpful")}
      </Button>
    </div>
  );
}
