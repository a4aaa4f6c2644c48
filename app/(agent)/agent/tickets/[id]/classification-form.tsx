"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardBody, CardHeader } from "@/app/_components/ui/card";
import { Field } from "@/app/_components/ui/field";
import { Select } from "@/app/_components/ui/select";
import { useTRPC } from "@/app/_components/trpc/provider";
import { useMutationFeedback, useTicketActions } from "./use-ticket-actions";

const idOf = (value: string) => (value === "" ? null : Number(value));

/** The ticket's type and service; either may be cleared. Needs the same permission as other changes (rw). */
export function ClassificationForm() {
  const t = useTranslations("ticket");
  const trpc = useTRPC();
  const { ticket, can, lockedByOther } = useTicketActions();
  const feedback = useMutationFeedback();
  const options = useQuery(trpc.meta.options.queryOptions());
  const [typeId, setTypeId] = useState<string | null>(null);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation(trpc.ticket.setClassification.mutationOptions());
  const chosenType = typeId ?? String(ticket.typeId ?? "");
  const chosenService = serviceId ?? String(ticket.serviceId ?? "");
  if (!can("classify")) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await mutation.mutateAsync({ ticketId: ticket.id, version: ticket.version, typeId: idOf(chosenType), serviceId: idOf(chosenService) });
      setTypeId(null);
      setServiceId(null);
      await feedback.succeeded(t("toast.classified"));
    } catch (e) {
      setError(feedback.failed(e));
    }
  }

  const unchanged = chosenType === String(ticket.typeId ?? "") && chosenService === String(ticket.serviceId ?? "");
  return (
    <Card as="section" aria-labelledby="classification-form-title">
      <CardHeader title={t("panel.classification")} titleId="classification-form-title" className="py-3" />
      <CardBody>
        <form onSubmit={submit} noValidate className="space-y-3">
          {error && <Alert tone="danger">{error}</Alert>}
          <Field label={t("panel.type")}>
            <Select value={chosenType} onChange={(e) => setTypeId(e.target.value)} disabled={lockedByOther}>
              <option value="">{t("panel.none")}</option>
              {(options.data?.types ?? []).map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("panel.service")}>
            <Select value={chosenService} onChange={(e) => setServiceId(e.target.value)} disabled={lockedByOther}>
              <option value="">{t("panel.none")}</option>
              {(options.data?.services ?? []).map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" variant="secondary" fullWidth loading={mutation.isPending} disabled={lockedByOther || unchanged}>
            {t("panel.saveClassification")}
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
