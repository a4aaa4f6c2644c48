"use client";

import Link from "next/link";
import { useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardBody, CardHeader } from "@/app/_components/ui/card";
import { PageHeader } from "@/app/_components/ui/page-header";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { BackIcon } from "@/app/_components/tickets/icons";
import { MailHtml } from "@/app/_components/tickets/mail-html";
import { useFileSize } from "@/app/_components/tickets/file-size";
import { DateTime } from "@/app/_components/tickets/relative-time";
import { OutboxStatusBadge, useKindLabel, useTransportLabel } from "../outbox-badges";

type Message = RouterOutputs["adminMail"]["outboxGet"];

/** One outgoing message the way its recipient's mail client shows it, then the headers that thread it. */
export function OutboxMessage({ id }: { id: number }) {
  const t = useTranslations("adminMail.message");
  const trpc = useTRPC();
  const kindLabel = useKindLabel();
  const { data: m } = useSuspenseQuery(trpc.adminMail.outboxGet.queryOptions({ id }));

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/admin/outbox" className="inline-flex items-center gap-1 font-medium hover:text-fg hover:underline">
            <BackIcon />
            {t("backToOutbox")}
          </Link>
        }
        title={<span dir="auto">{m.subject || t("noSubject")}</span>}
        meta={
          <>
            <OutboxStatusBadge status={m.status} size="md" />
            <Badge>{kindLabel(m.kind)}</Badge>
            {m.ticketId && (
              <Link href={`/agent/tickets/${m.ticketId}`} className="text-sm font-medium text-accent-text hover:underline">
                {t("ticketLink", { number: m.ticketNumber ?? String(m.ticketId) })}
              </Link>
            )}
          </>
        }
      />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0 space-y-6">
          {m.status === "queued" && (
            <Alert tone="info" title={t("queuedTitle")}>
              {t("queuedBody")}
            </Alert>
          )}
          {m.error && (
            <Alert tone="danger" title={t("errorTitle")}>
              <span className="break-words">{m.error}</span>
            </Alert>
          )}
          <MailCard message={m} />
          <HeadersCard message={m} />
        </div>
        <DeliveryCard message={m} />
      </div>
    </>
  );
}

function MailCard({ message: m }: { message: Message }) {
  const t = useTranslations("adminMail.message");
  const [plain, setPlain] = useState(false);
  const date = m.sentAt ?? m.createdAt;
  return (
    <Card as="article" aria-labelledby="mail-subject" className="overflow-hidden">
      <div className="border-b border-border bg-surface-muted px-5 py-4">
        <h2 id="mail-subject" dir="auto" className="text-base font-semibold text-fg">
          {m.subject || t("noSubject")}
        </h2>
        <dl className="mt-3 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
          <AddressRow label={t("from")} value={m.fromAddress} />
          <AddressRow label={t("to")} value={m.toAddresses} />
          {m.ccAddresses && <AddressRow label={t("cc")} value={m.ccAddresses} />}
          <dt className="text-fg-muted">{t("date")}</dt>
          <dd className="text-fg">
            <DateTime value={date} />
          </dd>
        </dl>
      </div>
      <div className="px-5 py-4">
        {m.bodyHtml && !plain ? (
          <MailHtml html={m.bodyHtml} title={t("frameTitle", { subject: m.subject })} />
        ) : (
          <div dir="auto" className="font-sans text-sm leading-relaxed break-words whitespace-pre-wrap text-fg">
            {m.bodyText}
          </div>
        )}
        {m.bodyHtml && (
          <Button variant="ghost" size="sm" className="-ms-2 mt-1 h-7 text-xs" onClick={() => setPlain(!plain)}>
            {plain ? t("showFormatted") : t("showPlain")}
          </Button>
        )}
        {m.attachments.length > 0 && <Attachments outboxId={m.id} files={m.attachments} />}
      </div>
    </Card>
  );
}

function AddressRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt className="text-fg-muted">{label}</dt>
      <dd className="break-words text-fg">{value}</dd>
    </>
  );
}

function Attachments({ outboxId, files }: { outboxId: number; files: Message["attachments"] }) {
  const t = useTranslations("adminMail.message");
  const size = useFileSize();
  return (
    <section aria-labelledby="mail-attachments" className="mt-4 border-t border-border pt-3">
      <h3 id="mail-attachments" className="mb-2 text-xs font-medium text-fg-muted">
        {t("attachments", { count: files.length })}
      </h3>
      <ul className="flex flex-wrap gap-2">
        {files.map((file) => (
          <li key={file.index} className="max-w-full">
            <a
              href={`/api/admin/outbox/${outboxId}/attachments/${file.index}`}
              download={file.filename}
              className="inline-flex max-w-full items-center gap-1.5 rounded-md border border-border bg-surface px-2.5 py-1 text-xs text-fg hover:bg-surface-hover"
            >
              <span className="truncate font-medium">{file.filename}</span>
              <span className="shrink-0 text-fg-muted">{size(file.size)}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function HeadersCard({ message: m }: { message: Message }) {
  const t = useTranslations("adminMail.message");
  return (
    <Card as="section" aria-labelledby="mail-headers">
      <CardHeader title={t("headers")} titleId="mail-headers" description={t("headersDescription")} />
      <CardBody>
        <dl className="space-y-3 text-sm">
          <HeaderRow name="Message-ID" value={m.messageId} />
          <HeaderRow name="In-Reply-To" value={m.inReplyTo} empty={t("noHeader")} />
          <HeaderRow name="References" value={m.references} empty={t("noHeader")} />
          {m.headers.map((h) => (
            <HeaderRow key={h.name} name={h.name} value={h.value} />
          ))}
        </dl>
      </CardBody>
    </Card>
  );
}

function HeaderRow({ name, value, empty }: { name: string; value: string | null; empty?: string }) {
  return (
    <div className="grid gap-0.5 sm:grid-cols-[9rem_minmax(0,1fr)] sm:gap-4">
      <dt className="font-medium text-fg-muted">{name}</dt>
      <dd className="font-mono text-[13px] break-all text-fg">{value ?? <span className="font-sans text-fg-subtle italic">{empty}</span>}</dd>
    </div>
  );
}

function DeliveryCard({ message: m }: { message: Message }) {
  const t = useTranslations("adminMail.message");
  const transportLabel = useTransportLabel();
  const rows: [string, ReactNode][] = [
    [t("status"), <OutboxStatusBadge key="s" status={m.status} />],
    [t("transport"), transportLabel(m.transport)],
    [t("queuedAt"), <DateTime key="q" value={m.createdAt} />],
    [t("sentAt"), m.sentAt ? <DateTime key="t" value={m.sentAt} /> : <span className="text-fg-subtle">{t("notYet")}</span>],
    [t("attempts"), m.attempts],
  ];
  if (m.providerId) rows.push([t("providerId"), <span key="p" className="font-mono text-xs break-all">{m.providerId}</span>]);
  return (
    <Card as="section" aria-labelledby="mail-delivery" className="h-fit">
      <CardHeader title={t("delivery")} titleId="mail-delivery" />
      <CardBody>
        <dl className="space-y-2.5 text-sm">
          {rows.map(([label, value]) => (
            <div key={label} className="flex items-center justify-between gap-3">
              <dt className="text-fg-muted">{label}</dt>
              <dd className="min-w-0 text-end text-fg">{value}</dd>
            </div>
          ))}
        </dl>
        {m.ticketId && (
          <Button href={`/agent/tickets/${m.ticketId}`} variant="secondary" size="sm" fullWidth className="mt-4">
            {t("openTicket")}
          </Button>
        )}
      </CardBody>
    </Card>
  );
}
