"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { useShortcuts } from "@/app/_components/keyboard/use-shortcuts";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Textarea } from "@/app/_components/ui/textarea";
import { useTRPC } from "@/app/_components/trpc/provider";
import { AttachmentPicker, useAttachments } from "@/app/_components/tickets/attachment-picker";
import { useSubmitKey } from "@/app/_components/tickets/submit-key";
import { Tabs } from "@/app/_components/tickets/tabs";
import { useWallClock } from "@/app/_components/tickets/time-zone";
import { CollisionDialog, useDraftGuard } from "@/app/_components/live/collision";
import { ForwardForm } from "./forward-form";
import { useMutationFeedback, useTicketActions } from "./use-ticket-actions";
import { ComposerFaq } from "@/app/_components/faq/composer-faq";
import { addressList, isPendingState, minutes, NextStateFields, TemplatePicker, TimeUnitsField } from "./zoom-fields";

type Mode = "reply" | "replyAll" | "forward" | "note" | "phone";

/** Reply, reply all, forward, internal note or phone note, below the conversation. */
export function Composer() {
  const t = useTranslations("ticket.composer");
  const tZoom = useTranslations("zoom.composer");
  const tPanel = useTranslations("ticket.panel");
  const { can, ticket } = useTicketActions();
  const [mode, setMode] = useState<Mode>(can("reply") ? "reply" : "note");
  const container = useRef<HTMLDivElement>(null);
  const mailable = !ticket.isInternal;
  const items = [
    ...(can("reply") ? [{ key: "reply" as const, label: t("reply"), panel: <ReplyForm all={false} /> }] : []),
    ...(can("reply") && mailable ? [{ key: "replyAll" as const, label: tZoom("replyAll"), panel: <ReplyForm all /> }] : []),
    ...(can("forward") && mailable ? [{ key: "forward" as const, label: tZoom("forward"), panel: <ForwardForm /> }] : []),
    ...(can("note") ? [{ key: "note" as const, label: t("note"), panel: <NoteForm channel="note" /> }] : []),
    ...(can("note") ? [{ key: "phone" as const, label: tZoom("phone"), panel: <NoteForm channel="phone" /> }] : []),
  ];

  function open(next: Mode) {
    if (!items.some((i) => i.key === next)) return;
    setMode(next);
    // The panel becomes visible on the next paint; then its message field takes the focus.
    requestAnimationFrame(() => container.current?.querySelector<HTMLTextAreaElement>(`[data-composer="${next}"] textarea`)?.focus());
  }

  useShortcuts([
    { keys: "r", description: tZoom("shortcut.reply"), run: () => open("reply") },
    { keys: "shift+r", description: tZoom("shortcut.replyAll"), run: () => open("replyAll") },
    { keys: "f", description: tZoom("shortcut.forward"), run: () => open("forward") },
    { keys: "n", description: tZoom("shortcut.note"), run: () => open("note") },
    { keys: "p", description: tZoom("shortcut.phone"), run: () => open("phone") },
  ]);

  // A merged ticket says so at the top, with the way to its target; nothing is written here.
  if (items.length === 0) return ticket.stateType === "merged" ? null : <Alert tone="info">{tPanel("readOnly")}</Alert>;

  return (
    <div ref={container}>
      <Card as="section" aria-label={t("label")} className="px-4 pb-4 sm:px-5">
        <Tabs label={t("label")} active={mode} onChange={setMode} items={items.map((i) => ({ ...i, panel: <div data-composer={i.key}>{i.panel}</div> }))} />
      </Card>
    </div>
  );
}

function ReplyForm({ all }: { all: boolean }) {
  const t = useTranslations("ticket");
  const tZoom = useTranslations("zoom");
  const trpc = useTRPC();
  const { ticket, lockedByOther } = useTicketActions();
  const feedback = useMutationFeedback();
  const options = useQuery(trpc.meta.options.queryOptions());
  const recipients = useQuery({ ...trpc.article.recipients.queryOptions({ ticketId: ticket.id }), enabled: !ticket.isInternal });
  const openId = options.data?.states.find((s) => s.name === "open")?.id;
  const [body, setBody] = useState("");
  const [nextState, setNextState] = useState<string>("");
  const [pendingUntil, setPendingUntil] = useState("");
  const [pendingInvalid, setPendingInvalid] = useState(false);
  const readWallClock = useWallClock();
  const [to, setTo] = useState<string | null>(null);
  const [cc, setCc] = useState<string | null>(null);
  const [timeUnits, setTimeUnits] = useState("");
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const mutation = useMutation(trpc.article.reply.mutationOptions());
  const submitKey = useSubmitKey();
  const chosenState = nextState || (openId ? String(openId) : "");
  const attachments = useAttachments();
  const [filesError, setFilesError] = useState<string | null>(null);
  const defaults = all ? recipients.data?.replyAll : recipients.data?.reply;
  const toValue = to ?? defaults?.to.join(", ") ?? "";
  const ccValue = cc ?? defaults?.cc.join(", ") ?? "";
  const draft = useDraftGuard(ticket.id, body);

  async function submit(event: FormEvent | null, confirmed = false) {
    event?.preventDefault();
    setError(null);
    setFilesError(attachments.blocker);
    if (!body.trim()) {
      setInvalid(true);
      bodyRef.current?.focus();
      return;
    }
    const pending = isPendingState(options.data?.states, chosenState);
    const until = pending ? readWallClock(pendingUntil) : undefined;
    if (until === null || (until && until.getTime() <= Date.now())) {
      setPendingInvalid(true);
      return;
    }
    setPendingInvalid(false);
    if (attachments.blocker) return;
    try {
      const recipientsEdited = ticket.isInternal ? {} : { to: addressList(toValue), cc: addressList(ccValue) };
      await mutation.mutateAsync({
        ...draft.fields(confirmed),
        ticketId: ticket.id,
        body,
        nextStateId: chosenState ? Number(chosenState) : undefined,
        pendingUntil: until,
        timeUnits: minutes(timeUnits),
        uploadIds: attachments.uploadIds,
        ...recipientsEdited,
        submitKey: submitKey.key,
      });
      submitKey.renew();
      setBody("");
      setTo(null);
      setCc(null);
      setTimeUnits("");
      setInvalid(false);
      attachments.clear();
      draft.done();
      await feedback.succeeded(t("toast.replySent"));
    } catch (e) {
      if (draft.collided(e)) return;
      setError(feedback.failed(e));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {error && <Alert tone="danger">{error}</Alert>}
      <CollisionDialog open={draft.asking} sending={mutation.isPending} onSend={() => void submit(null, true)} onReview={draft.review} />
      {!ticket.isInternal && (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t("to")} hint={tZoom("composer.recipientsHint")}>
            <Input value={toValue} onChange={(e) => setTo(e.target.value)} disabled={lockedByOther} autoComplete="off" />
          </Field>
          <Field label={t("cc")} optional>
            <Input value={ccValue} onChange={(e) => setCc(e.target.value)} disabled={lockedByOther} autoComplete="off" />
          </Field>
        </div>
      )}
      <div className="flex flex-wrap items-end gap-2">
        <TemplatePicker ticketId={ticket.id} kind="reply" disabled={lockedByOther} onInsert={(text) => setBody((b) => (b.trim() ? `${b}\n${text}` : text))} />
        <ComposerFaq disabled={lockedByOther} onInsert={(text) => setBody((b) => (b.trim() ? `${b}\n\n${text}` : text))} />
      </div>
      <Field
        label={t("composer.replyBody")}
        hint={ticket.isInternal ? t("composer.internalTicketHint") : tZoom("composer.signatureHint")}
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
      <NextStateFields
        stateId={chosenState}
        onStateChange={setNextState}
        pendingUntil={pendingUntil}
        onPendingChange={setPendingUntil}
        pendingError={pendingInvalid ? t("validation.pendingUntil") : undefined}
        disabled={lockedByOther}
      />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <TimeUnitsField value={timeUnits} onChange={setTimeUnits} disabled={lockedByOther} />
        <Button type="submit" loading={mutation.isPending} disabled={lockedByOther}>
          {mutation.isPending ? t("composer.sending") : t("composer.send")}
        </Button>
      </div>
    </form>
  );
}

function NoteForm({ channel }: { channel: "note" | "phone" }) {
  const t = useTranslations("ticket");
  const tZoom = useTranslations("zoom.composer");
  const trpc = useTRPC();
  const { ticket, can } = useTicketActions();
  const feedback = useMutationFeedback();
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [visible, setVisible] = useState(false);
  const [timeUnits, setTimeUnits] = useState("");
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const mutation = useMutation(trpc.article.note.mutationOptions());
  const submitKey = useSubmitKey();
  const phone = channel === "phone";
  // Showing a call to the customer speaks for the desk, which takes rw (the server checks too).
  const mayShow = phone && can("reply") && !ticket.isInternal;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!body.trim()) {
      setInvalid(true);
      bodyRef.current?.focus();
      return;
    }
    try {
      await mutation.mutateAsync({ ticketId: ticket.id, body, subject: subject.trim() || undefined, channel, visibleToCustomer: mayShow && visible, timeUnits: minutes(timeUnits), submitKey: submitKey.key });
      submitKey.renew();
      setBody("");
      setSubject("");
      setTimeUnits("");
      setVisible(false);
      setInvalid(false);
      await feedback.succeeded(phone ? tZoom("phoneAdded") : t("toast.noteAdded"));
    } catch (e) {
      setError(feedback.failed(e));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {error && <Alert tone="danger">{error}</Alert>}
      <Field label={phone ? tZoom("phoneSubject") : t("composer.noteSubject")} optional>
        <Input value={subject} onChange={(e) => setSubject(e.target.value)} maxLength={250} />
      </Field>
      <TemplatePicker ticketId={ticket.id} kind="note" onInsert={(text) => setBody((b) => (b.trim() ? `${b}\n${text}` : text))} />
      <Field
        label={phone ? tZoom("phoneBody") : t("composer.noteBody")}
        hint={phone ? tZoom("phoneHint") : t("composer.noteHint")}
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
          rows={4}
          maxLength={100_000}
          className={visible && mayShow ? undefined : "bg-warning-subtle/40"}
        />
      </Field>
      {mayShow && (
        <label className="flex items-center gap-2 text-sm text-fg">
          <input type="checkbox" checked={visible} onChange={(e) => setVisible(e.target.checked)} className="size-4 accent-accent" />
          {tZoom("phoneVisible")}
        </label>
      )}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <TimeUnitsField value={timeUnits} onChange={setTimeUnits} />
        <Button type="submit" variant="secondary" loading={mutation.isPending}>
          {mutation.isPending ? t("composer.addingNote") : phone ? tZoom("addPhone") : t("composer.addNote")}
        </Button>
      </div>
    </form>
  );
}
