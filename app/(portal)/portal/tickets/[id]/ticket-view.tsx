"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardBody, CardHeader } from "@/app/_components/ui/card";
import { Dialog } from "@/app/_components/ui/dialog";
import { Field } from "@/app/_components/ui/field";
import { PageHeader } from "@/app/_components/ui/page-header";
import { Textarea } from "@/app/_components/ui/textarea";
import { useToast } from "@/app/_components/ui/toast";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPC } from "@/app/_components/trpc/provider";
import { ArticleList } from "@/app/_components/tickets/article-list";
import { AttachmentPicker, useAttachments } from "@/app/_components/tickets/attachment-picker";
import { BackIcon } from "@/app/_components/tickets/icons";
import { DateTime } from "@/app/_components/tickets/relative-time";
import { StateBadge } from "@/app/_components/tickets/state-badge";
import { useSubmitKey } from "@/app/_components/tickets/submit-key";
import { WaitingTime } from "@/app/_components/tickets/waiting-time";
import { useIsolate } from "@/app/_components/ui/use-isolate";

/** A customer's view of their ticket: public messages, a reply box and a Close button. */
export function PortalTicketView({ ticketId, viewerId, justCreated }: { ticketId: number; viewerId: number; justCreated: boolean }) {
  const t = useTranslations();
  const isolate = useIsolate();
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.ticket.get.queryOptions({ ticketId }));
  const { ticket, articles } = data;
  const closed = ticket.stateType === "closed";

  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        eyebrow={
          <Link href="/portal/tickets" className="inline-flex items-center gap-1 font-medium hover:text-fg hover:underline">
            <BackIcon />
            {t("ticket.backToMyTickets")}
          </Link>
        }
        title={<span dir="auto">{ticket.title}</span>}
        meta={
          <>
            <span className="font-mono text-sm text-fg-muted tabular-nums">
              <span className="sr-only">{t("ticket.numberLabel")} </span>
              <bdi dir="ltr">#{ticket.number}</bdi>
            </span>
            <StateBadge name={ticket.stateName} type={ticket.stateType} audience="customer" />
            <span className="text-sm text-fg-muted">
              {t("ticket.created")}: <DateTime value={ticket.createdAt} />
            </span>
            {!closed && ticket.waitingSince && <WaitingTime since={ticket.waitingSince} withLabel audience="customer" className="text-sm" />}
            {!closed && data.sla.customer && (
              <span className="text-sm text-fg-muted" data-testid="expected-answer">
                {t("ticket.sla.expectedAnswer")}: <DateTime value={data.sla.customer.expectedAnswerAt} />
              </span>
            )}
          </>
        }
        actions={!closed && <CloseTicket ticketId={ticketId} />}
      />

      {justCreated && (
        <Alert tone="success" title={t("tickets.create.createdTitle")} className="mb-6">
          {t("tickets.create.createdBody", { number: isolate(ticket.number) })}
        </Alert>
      )}

      <section aria-labelledby="messages-title" className="space-y-4">
        <h2 id="messages-title" className="text-base font-semibold text-fg">
          {t("ticket.portal.messagesTitle")}
        </h2>
        <ArticleList articles={articles} audience="customer" viewerId={viewerId} />
      </section>

      <ReplyForm ticketId={ticketId} closed={closed} />
    </div>
  );
}

function ReplyForm({ ticketId, closed }: { ticketId: number; closed: boolean }) {
  const t = useTranslations("ticket");
  const isolate = useIsolate();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const errorInfo = useErrorInfo();
  const [body, setBody] = useState("");
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const reply = useMutation(trpc.article.reply.mutationOptions());
  const submitKey = useSubmitKey();
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
      const result = await reply.mutateAsync({ ticketId, body, uploadIds: attachments.uploadIds, submitKey: submitKey.key });
      submitKey.renew();
      setBody("");
      setInvalid(false);
      attachments.clear();
      void queryClient.invalidateQueries(trpc.ticket.list.pathFilter());
      if (result.newTicket) {
        toast({ title: t("toast.followUpNewTicket", { number: isolate(result.number ?? "") }), tone: "info", duration: 10_000 });
        router.push(`/portal/tickets/${result.ticketId}`);
        return;
      }
      await queryClient.invalidateQueries(trpc.ticket.get.queryFilter({ ticketId }));
      toast({ title: t("toast.replyAdded"), tone: "success" });
    } catch (e) {
      setError(errorInfo(e).message);
    }
  }

  return (
    <Card as="section" aria-labelledby="reply-title" className="mt-8">
      <CardHeader title={t("portal.replyTitle")} titleId="reply-title" className="py-3" />
      <CardBody>
        <form onSubmit={submit} noValidate className="space-y-4">
          {error && <Alert tone="danger">{error}</Alert>}
          <Field
            label={t("portal.replyLabel")}
            hint={closed ? t("portal.replyClosedHint") : t("portal.replyHint")}
            error={invalid ? t("validation.body") : undefined}
            required
          >
            <Textarea
              ref={bodyRef}
              rows={5}
              maxLength={100_000}
              value={body}
              onChange={(e) => {
                setBody(e.target.value);
                if (invalid && e.target.value.trim()) setInvalid(false);
              }}
            />
          </Field>
          <AttachmentPicker attachments={attachments} error={filesError} />
          <div className="flex justify-end">
            <Button type="submit" loading={reply.isPending}>
              {reply.isPending ? t("sending") : t("portal.send")}
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}

function CloseTicket({ ticketId }: { ticketId: number }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const errorInfo = useErrorInfo();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = useMutation(trpc.ticket.close.mutationOptions());

  async function confirm() {
    setError(null);
    try {
      await close.mutateAsync({ ticketId });
      void queryClient.invalidateQueries(trpc.ticket.list.pathFilter());
      await queryClient.invalidateQueries(trpc.ticket.get.queryFilter({ ticketId }));
      setOpen(false);
      toast({ title: t("ticket.toast.closed"), tone: "success" });
    } catch (e) {
      setError(errorInfo(e).message);
    }
  }

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t("ticket.portal.close")}
      </Button>
      <Dialog
        open={open}
        onClose={() => {
          setOpen(false);
          setError(null);
        }}
        dismissible={!close.isPending}
        title={t("ticket.portal.closeConfirmTitle")}
        description={t("ticket.portal.closeConfirmBody")}
        size="sm"
        footer={
          <>
            <Button variant="ghost" onClick={() => setOpen(false)} disabled={close.isPending}>
              {t("common.cancel")}
            </Button>
            <Button onClick={() => void confirm()} loading={close.isPending}>
              {close.isPending ? t("ticket.portal.closing") : t("ticket.portal.close")}
            </Button>
          </>
        }
      >
        {error && <Alert tone="danger">{error}</Alert>}
      </Dialog>
    </>
  );
}
