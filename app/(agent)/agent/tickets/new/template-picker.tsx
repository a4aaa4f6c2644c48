"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPC } from "@/app/_components/trpc/provider";
import { Field } from "@/app/_components/ui/field";
import { Select } from "@/app/_components/ui/select";

/**
 * The admin's "new ticket" templates: choosing one fills the subject and message, placeholders
 * resolved from what the form knows (caller, queue, agent). Hidden when there are none.
 */
export function NewTicketTemplatePicker({ queueId, customerName, onFill }: { queueId: string; customerName: string; onFill: (t: { subject: string | null; body: string }) => void }) {
  const t = useTranslations("tickets.create");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorInfo = useErrorInfo();
  const list = useQuery(trpc.template.list.queryOptions({ kind: "new_ticket" }));
  const [chosen, setChosen] = useState("");
  const [error, setError] = useState<string | undefined>();
  if (!list.data?.length) return null;

  async function choose(value: string) {
    setChosen(value);
    setError(undefined);
    if (!value) return;
    try {
      const input = { templateId: Number(value), queueId: queueId ? Number(queueId) : undefined, customerName: customerName || undefined };
      onFill(await queryClient.fetchQuery(trpc.template.renderNew.queryOptions(input)));
    } catch (e) {
      setError(errorInfo(e).message);
    }
  }

  return (
    <Field label={t("template")} hint={t("templateHint")} error={error} optional>
      <Select value={chosen} onChange={(e) => void choose(e.target.value)} placeholder={t("noTemplate")}>
        {list.data.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}
