"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { CheckboxField } from "@/app/_components/admin-kit/checkbox-field";
import { Alert } from "@/app/_components/ui/alert";
import { Card, CardBody, CardHeader } from "@/app/_components/ui/card";
import { Spinner } from "@/app/_components/ui/spinner";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPC } from "@/app/_components/trpc/provider";

/** The queues the agent may see; ticking one watches it (new tickets there reach them, as the desk's rules say). */
export function QueueSubscriptions() {
  const t = useTranslations("agentProfile.queues");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorInfo = useErrorInfo();
  const titleId = useId();
  const list = useQuery(trpc.account.queueSubscriptions.queryOptions());
  const toggle = useMutation(
    trpc.account.setQueueSubscription.mutationOptions({ onSettled: () => queryClient.invalidateQueries(trpc.account.queueSubscriptions.queryFilter()) }),
  );
  return (
    <Card as="section" aria-labelledby={titleId}>
      <CardHeader title={t("title")} titleId={titleId} description={t("hint")} />
      <CardBody className="space-y-2">
        {toggle.isError && <Alert tone="danger">{errorInfo(toggle.error).message}</Alert>}
        {list.isPending ? (
          <Spinner label={t("loading")} />
        ) : list.data?.length ? (
          <div className="grid gap-2 sm:grid-cols-2">
            {list.data.map((q) => (
              <CheckboxField
                key={q.id}
                label={q.name}
                checked={toggle.isPending && toggle.variables.queueId === q.id ? toggle.variables.subscribed : q.subscribed}
                disabled={toggle.isPending}
                onChange={(subscribed) => toggle.mutate({ queueId: q.id, subscribed })}
              />
            ))}
          </div>
        ) : (
          <p className="text-sm text-fg-muted">{t("none")}</p>
        )}
      </CardBody>
    </Card>
  );
}
