"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Textarea } from "@/app/_components/ui/textarea";
import { useTRPC } from "@/app/_components/trpc/provider";
import { AttachmentPicker, useAttachments } from "@/app/_components/tickets/attachment-picker";
import { useStateLabel } from "@/app/_components/tickets/state-badge";
import { Tabs } from "@/app/_components/tickets/tabs";
import { useMutationFeedback, useTicketActions } from "./use-ticket-actions";

/** Reply to the customer or add an internal note, below the conversation. */
export function Composer() {
  const t = useTranslations("ticket.composer");
  const tPanel = useTranslations("ticket.panel");
  const { can } = useTicketActions();
  const [mode, setMode] = useState<"reply" | "note">(can("reply") ? "reply" : "note");
  const items = [
    ...(can("reply") ? [{ key: "reply" as const, label: t("reply"), panel: <ReplyForm /> }] : []),
    ...(can("note") ? [{ key: "note" as const, label: t("note"), panel: <NoteForm /> }] : []),
  ];

  if (items.length === 0) return <Alert tone="info">{tPanel("readOnly")}</Alert>;

  return (
    <Card as="section" aria-label={t("label")} className="px-4 pb-4 sm:px-5">
      <Tabs label={t("label")} active={mode} onChange={setMode} items={items} />
    </Card>
  );
}

function ReplyForm() {
  const t = useTranslations("ticket");
  const trpc = useTRPC();
  const { ticket, lockedByOther } = useTicketActions();
  const feedback = useMutationFeedback();
  const stateLabel = useStateLabel();
  const options = useQuery(trpc.meta.options.queryOptions());
  // A reply cannot carry a pending time, so it offers the states that need none.
  const nextStates = (options.data?.states ?? []).filter((s) => s.type === "open" || s.type === "closed");
  const openId = nextStates.find((s) => s.name === "open")?.id;
  const [body, setBody] = useState("");
  const [nextState, setNextState] = useState<string>("");
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const mutation = useMutation(trpc.article.reply.mutationOptions());
  const chosenState = nextState || (openId ? String(openId) : "");
  const attachments = useAttachments();
  const [filesError, setFilesError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setFilesError(attachments.blocker);
    if (!body.trim()) {
      setInvalid(true);
      bodyRef.current?.focus();
      return;
    }
    if (attachments.blocker) return;
    try {
      await mutation.mutateAsync({ ticketId: ticket.id, body, nextStateId: chosenState ? Number(chosenState) : undefined, uploadIds: attachments.uploadIds });
      setBody("");
      setInvalid(false);
      attachments.clear();
      await feedback.succeeded(t("toast.replySent"));
    } catch (e) {
      setError(feedback.failed(e));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {error && <Alert tone="danger">{error}</Alert>}
      <Field
        label={t("composer.replyBody")}
        hint={ticket.isInternal ? t("composer.internalTicketHint") : t("composer.replyHint")}
        error={invalid ? t("validation.body") : undefined}
        required
      >
        <Textarea
          ref={bodyRef}
          value={body}
          onChange={(e) => {
            setBody(e.target.value);
            if (invalid && e.target.value.trim()) setInvalid(false);
          }}
          rows={6}
          maxLength={100_000}
          disabled={lockedByOther}
        />
      </Field>
      <AttachmentPicker attachments={attachments} disabled={lockedByOther} error={filesError} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <Field label={t("composer.nextState")} className="min-w-48 flex-1 sm:max-w-64">
          <Select value={chosenState} onChange={(e) => setNextState(e.target.value)} disabled={lockedByOther}>
            {nextStates.map((s) => (
              <option key={s.id} value={s.id}>
                {stateLabel(s.name)}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" loading={mutation.isPending} disabled={lockedByOther}>
          {mutation.isPending ? t("composer.sending") : t("composer.send")}
        </Button>
      </div>
    </form>
  );
}

function NoteForm() {
  const t = useTranslations("ticket");
  const trpc = useTRPC();
  const { ticket } = useTicketActions();
  const feedback = useMutationFeedback();
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const mutation = useMutation(trpc.article.note.mutationOptions());

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!body.trim()) {
      setInvalid(true);
      bodyRef.current?.focus();
      return;
    }
    try {
      await mutation.mutateAsync({ ticketId: ticket.id, body, subject: subject.trim() || undefined });
      setBody("");
      setSubject("");
      setInvalid(false);
      await feedback.succeeded(t("toast.noteAdded"));
    } catch (e) {
      setError(feedback.failed(e));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {error && <Alert tone="danger">{error}</Alert>}
      <Field label={t("composer.noteSubject")} optional>
        <Input value={subject} onChange={(e) => setSubject(e.target.value)} maxLength={250} />
      </Field>
      <Field label={t("composer.noteBody")} hint={t("composer.noteHint")} error={invalid ? t("validation.body") : undefined} required>
        <Textarea
          ref={bodyRef}
          value={body}
          onChange={(e) => {
            setBody(e.target.value);
            if (invalid && e.target.value.trim()) setInvalid(false);
          }}
          rows={4}
          maxLength={100_000}
          className="bg-warning-subtle/40"
        />
      </Field>
      <div className="flex justify-end">
        <Button type="submit" variant="secondary" loading={mutation.isPending}>
          {mutation.isPending ? t("composer.addingNote") : t("composer.addNote")}
        </Button>
      </div>
    </form>
  );
}
