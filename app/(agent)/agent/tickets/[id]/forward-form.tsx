"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { z } from "zod";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Textarea } from "@/app/_components/ui/textarea";
import { useTRPC } from "@/app/_components/trpc/provider";
import { useMutationFeedback, useTicketActions } from "./use-ticket-actions";
import { addressList, minutes, TemplatePicker, TimeUnitsField } from "./zoom-fields";

const email = z.email();

/** Mails the public conversation to any address (S2 #15); kept on the ticket as an internal article. */
export function ForwardForm() {
  const t = useTranslations("zoom.composer");
  const tTicket = useTranslations("ticket");
  const trpc = useTRPC();
  const { ticket } = useTicketActions();
  const feedback = useMutationFeedback();
  const [to, setTo] = useState("");
  const [body, setBody] = useState("");
  const [timeUnits, setTimeUnits] = useState("");
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toRef = useRef<HTMLInputElement>(null);
  const mutation = useMutation(trpc.article.forward.mutationOptions());

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const list = addressList(to);
    if (list.length === 0 || list.some((a) => !email.safeParse(a).success)) {
      setInvalid(true);
      toRef.current?.focus();
      return;
    }
    setInvalid(false);
    try {
      await mutation.mutateAsync({ ticketId: ticket.id, to: list, body, timeUnits: minutes(timeUnits) });
      setTo("");
      setBody("");
      setTimeUnits("");
      await feedback.succeeded(t("forwarded"));
    } catch (e) {
      setError(feedback.failed(e));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {error && <Alert tone="danger">{error}</Alert>}
      <Field label={tTicket("to")} hint={t("forwardHint")} error={invalid ? t("forwardInvalid") : undefined} required>
        <Input ref={toRef} value={to} onChange={(e) => setTo(e.target.value)} autoComplete="off" />
      </Field>
      <TemplatePicker ticketId={ticket.id} kind="forward" onInsert={(text) => setBody((b) => (b.trim() ? `${b}\n${text}` : text))} />
      <Field label={t("forwardBody")} optional>
        <Textarea value={body} onChange={(e) => setBody(e.target.value)} rows={4} maxLength={100_000} />
      </Field>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <TimeUnitsField value={timeUnits} onChange={setTimeUnits} />
        <Button type="submit" loading={mutation.isPending}>
          {t("forwardSend")}
        </Button>
      </div>
    </form>
  );
}
