"use client";

import Link from "next/link";
import { useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useMemo, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { PageHeader } from "@/app/_components/ui/page-header";
import { useTRPC } from "@/app/_components/trpc/provider";
import { ArticleList } from "@/app/_components/tickets/article-list";
import { FaqDraftButton } from "@/app/_components/faq/draft-button";
import { BackIcon, LockIcon } from "@/app/_components/tickets/icons";
import { TicketPdfLinks } from "@/app/_components/tickets/pdf-links";
import { PriorityBadge } from "@/app/_components/tickets/priority-badge";
import { StateBadge } from "@/app/_components/tickets/state-badge";
import { Tabs } from "@/app/_components/tickets/tabs";
import { WaitingTime } from "@/app/_components/tickets/waiting-time";
import type { Permission, TicketAction } from "@/server/auth/permissions";
import { PresenceBar } from "@/app/_components/live/presence";
import { ActionBar } from "./action-bar";
import { Composer } from "./composer";
import { DetailsCard } from "./details-card";
import { DuplicateNotice } from "./duplicate-notice";
import { SlaCard } from "./sla-card";
import { HistoryLog } from "./history-log";
import { MergedNotice, RelationsCard } from "./relations-card";
import { ClassificationForm } from "./classification-form";
import { LockButton, PriorityForm, StateForm } from "./side-actions";
import { TicketActions, type TicketActionContext, type Viewer } from "./use-ticket-actions";

export function AgentTicketView({
  ticketId,
  viewer,
  actionPermission,
}: {
  ticketId: number;
  viewer: Viewer;
  /** ACTION_PERMISSION from the server, so buttons and procedures read one table. */
  actionPermission: Record<TicketAction, Permission>;
}) {
  const t = useTranslations("ticket");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.ticket.get.queryOptions({ ticketId }));
  const { ticket, articles, permissions } = data;
  const [tab, setTab] = useState<"conversation" | "history">("conversation");
  const [conflict, setConflict] = useState<string | null>(null);
  const [reloading, setReloading] = useState(false);

  const context = useMemo<TicketActionContext>(
    () => ({
      ticket,
      viewer,
      // A merged ticket is read-only: it only points at the ticket it was merged into.
      can: (action) => ticket.stateType !== "merged" && permissions.includes(actionPermission[action]),
      lockedByOther: ticket.locked && ticket.ownerId !== viewer.id,
      reportConflict: setConflict,
    }),
    [ticket, viewer, permissions, actionPermission],
  );

  const focusOnMount = useCallback((el: HTMLDivElement | null) => el?.focus(), []);

  async function reload() {
    setReloading(true);
    try {
      await Promise.all([
        queryClient.refetchQueries(trpc.ticket.get.queryFilter({ ticketId })),
        queryClient.invalidateQueries(trpc.ticket.history.queryFilter({ ticketId })),
        queryClient.invalidateQueries(trpc.ticket.links.queryFilter({ ticketId })),
      ]);
      setConflict(null);
    } finally {
      setReloading(false);
    }
  }

  return (
    <TicketActions value={context}>
      <PageHeader
        eyebrow={
          <Link href="/agent/tickets" className="inline-flex items-center gap-1 font-medium hover:text-fg hover:underline">
            <BackIcon />
            {t("backToList")}
          </Link>
        }
        title={<span dir="auto">{ticket.title}</span>}
        meta={
          <>
            <span className="font-mono text-sm text-fg-muted tabular-nums">
              <span className="sr-only">{t("numberLabel")} </span>
              <bdi dir="ltr">#{ticket.number}</bdi>
            </span>
            <StateBadge name={ticket.stateName} type={ticket.stateType} />
            <PriorityBadge level={ticket.priorityLevel} name={ticket.priorityName} />
            <Badge>{ticket.queueName}</Badge>
            {ticket.locked && (
              <Badge tone={context.lockedByOther ? "warning" : "info"}>
                <span className="inline-flex items-center gap-1">
                  <LockIcon className="size-3" />
                  {context.lockedByOther ? t("locked", { name: ticket.ownerName ?? "" }) : t("lockedByYou")}
                </span>
              </Badge>
            )}
            {ticket.isInternal && <Badge tone="warning">{t("internalTicket")}</Badge>}
            <WaitingTime since={ticket.waitingSince} withLabel className="text-sm" />
          </>
        }
        actions={
          <>
            <TicketPdfLinks ticketId={ticketId} />
            <LockButton />
          </>
        }
      />

      <div className="space-y-4">
        <PresenceBar ticketId={ticketId} />
        <MergedNotice />
        <DuplicateNotice />
        <ActionBar articles={articles} />
        {conflict && (
          // Focus moves here so the agent sees why the change was refused, wherever they clicked.
          <div ref={focusOnMount} tabIndex={-1} className="rounded-lg outline-none focus-visible:ring-3 focus-visible:ring-ring/25">
            <Alert
              tone="warning"
              title={t("conflictTitle")}
              actions={
                <Button size="sm" variant="secondary" onClick={() => void reload()} loading={reloading}>
                  {t("reload")}
                </Button>
              }
            >
              {conflict}
            </Alert>
          </div>
        )}
        {context.lockedByOther && (
          <Alert tone="info">
            {viewer.role === "admin"
              ? t("lockedByOtherAdmin", { name: ticket.ownerName ?? "" })
              : t("lockedByOther", { name: ticket.ownerName ?? "" })}
          </Alert>
        )}
      </div>

      <div className="mt-4 grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0">
          <Tabs
            label={t("details")}
            active={tab}
            onChange={setTab}
            items={[
              {
                key: "conversation",
                label: (
                  <>
                    {t("conversation")}
                    <Badge size="sm">{format.number(articles.length)}</Badge>
                  </>
                ),
                panel: (
                  <div className="space-y-6">
                    {/* The articles' own headings are h3, below the page's h1: the tab's name is their h2. */}
                    <h2 className="sr-only">{t("conversation")}</h2>
                    <ArticleList articles={articles} audience="agent" viewerId={viewer.id} ticketTitle={ticket.title} articleAction={(a) => (a.senderType === "agent" ? <FaqDraftButton ticketId={ticket.id} articleId={a.id} /> : null)} />
                    <Composer />
                  </div>
                ),
              },
              { key: "history", label: t("history"), panel: <HistoryLog ticketId={ticketId} active={tab === "history"} /> },
            ]}
          />
        </div>
        <aside className="space-y-4 lg:sticky lg:top-20 lg:self-start" aria-label={t("panel.title")}>
          <DetailsCard />
          {data.sla.agent && <SlaCard sla={data.sla.agent} />}
          <RelationsCard />
          <StateForm />
          <PriorityForm />
          <ClassificationForm />
        </aside>
      </div>
    </TicketActions>
  );
}
