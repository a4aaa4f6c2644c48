"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { TicketDetail } from "@/app/_components/trpc/types";
import { ActionDialog } from "./action-dialog";
import { useTicketActions } from "./use-ticket-actions";
import { useIsolate } from "@/app/_components/ui/use-isolate";

type Props = { open: boolean; onClose: () => void };
const NUMBER = /^\d{6,32}$/;

function TicketNumberField({ value, onChange, invalid, label, hint }: { value: string; onChange: (v: string) => void; invalid: boolean; label: string; hint: string }) {
  const t = useTranslations("zoom");
  return (
    <Field label={label} hint={hint} error={invalid ? t("numberInvalid") : undefined} required>
      <Input value={value} onChange={(e) => onChange(e.target.value.trim())} inputMode="numeric" autoComplete="off" className="font-mono" />
    </Field>
  );
}

/** Merges this ticket into another: its messages and history move there, and it points at it. */
export function MergeDialog({ open, onClose }: Props) {
  const t = useTranslations("zoom.merge");
  const isolate = useIsolate();
  const trpc = useTRPC();
  const { ticket } = useTicketActions();
  const [number, setNumber] = useState("");
  const [invalid, setInvalid] = useState(false);
  const mutation = useMutation(trpc.ticket.merge.mutationOptions());
  return (
    <ActionDialog
      open={open}
      onClose={onClose}
      tone="danger"
      title={t("title")}
      description={t("description", { number: isolate(ticket.number) })}
      submitLabel={t("submit")}
      success={t("done", { number })}
      run={async () => {
        if (!NUMBER.test(number)) return setInvalid(true), false;
        setInvalid(false);
        await mutation.mutateAsync({ ticketId: ticket.id, version: ticket.version, targetNumber: number });
      }}
    >
      <TicketNumberField label={t("target")} hint={t("targetHint")} value={number} onChange={setNumber} invalid={invalid} />
    </ActionDialog>
  );
}

/** Copies one message into a new ticket in a chosen queue, linked as this ticket's child. */
export function SplitDialog({ open, onClose, articles }: Props & { articles: TicketDetail["articles"] }) {
  const t = useTranslations("zoom.split");
  const isolate = useIsolate();
  const trpc = useTRPC();
  const router = useRouter();
  const { ticket } = useTicketActions();
  const options = useQuery(trpc.meta.options.queryOptions());
  const queues = options.data?.queues ?? [];
  // What is usually split off is the customer's latest message, not the desk's auto-response or reply to it.
  const preselected = articles.findLast((a) => a.senderType === "customer") ?? articles.at(-1);
  const [articleId, setArticleId] = useState(preselected ? String(preselected.id) : "");
  const [queueId, setQueueId] = useState(String(ticket.queueId));
  const [title, setTitle] = useState("");
  const mutation = useMutation(trpc.ticket.split.mutationOptions());
  const queueChoice = queues.some((q) => String(q.id) === queueId) ? queueId : "";
  return (
    <ActionDialog
      open={open}
      onClose={onClose}
      title={t("title")}
      description={t("description")}
      submitLabel={t("submit")}
      success={t("done", { number: "" })}
      disabled={!articleId || !queueChoice}
      run={async () => {
        const result = await mutation.mutateAsync({ articleId: Number(articleId), queueId: Number(queueChoice), title: title.trim() || undefined });
        router.prefetch(`/agent/tickets/${result.id}`);
        return t("done", { number: isolate(result.number) });
      }}
    >
      <Field label={t("article")} required>
        <Select value={articleId} onChange={(e) => setArticleId(e.target.value)}>
          {articles.map((a, i) => (
            <option key={a.id} value={a.id}>
              {`${i + 1}. ${a.authorName ?? a.fromAddress ?? ""} — ${a.subject || t("noSubject")}`}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("queue")} hint={queues.length === 0 ? t("noQueues") : undefined} required>
        <Select value={queueChoice} onChange={(e) => setQueueId(e.target.value)}>
          {queues.map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("newTitle")} optional hint={t("newTitleHint")}>
        <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={250} />
      </Field>
    </ActionDialog>
  );
}

/** Links this ticket to another one, as related or as this ticket's child. */
export function LinkDialog({ open, onClose }: Props) {
  const t = useTranslations("zoom.link");
  const trpc = useTRPC();
  const { ticket } = useTicketActions();
  const [number, setNumber] = useState("");
  const [type, setType] = useState<"normal" | "parent_child">("normal");
  const [invalid, setInvalid] = useState(false);
  const mutation = useMutation(trpc.ticket.link.mutationOptions());
  return (
    <ActionDialog
      open={open}
      onClose={onClose}
      title={t("title")}
      submitLabel={t("submit")}
      success={t("done", { number })}
      run={async () => {
        if (!NUMBER.test(number)) return setInvalid(true), false;
        setInvalid(false);
        await mutation.mutateAsync({ ticketId: ticket.id, otherNumber: number, type });
      }}
    >
      <TicketNumberField label={t("other")} hint={t("otherHint")} value={number} onChange={setNumber} invalid={invalid} />
      <Field label={t("type")}>
        <Select value={type} onChange={(e) => setType(e.target.value === "parent_child" ? "parent_child" : "normal")}>
          <option value="normal">{t("normal")}</option>
          <option value="parent_child">{t("child")}</option>
        </Select>
      </Field>
    </ActionDialog>
  );
}
