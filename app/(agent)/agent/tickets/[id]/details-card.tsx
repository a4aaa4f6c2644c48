"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Card, CardHeader } from "@/app/_components/ui/card";
import { PriorityBadge } from "@/app/_components/tickets/priority-badge";
import { DateTime, RelativeTime } from "@/app/_components/tickets/relative-time";
import { StateBadge } from "@/app/_components/tickets/state-badge";
import { WaitingTime } from "@/app/_components/tickets/waiting-time";
import { useTicketActions } from "./use-ticket-actions";

/** Every field of the ticket, for the agent's side panel. */
export function DetailsCard() {
  const t = useTranslations("ticket");
  const { ticket, viewer } = useTicketActions();
  const lock = !ticket.locked ? t("notLocked") : ticket.ownerId === viewer.id ? t("lockedByYou") : t("locked", { name: ticket.ownerName ?? "" });

  return (
    <Card as="section" aria-labelledby="ticket-details-title">
      <CardHeader title={t("details")} titleId="ticket-details-title" className="py-3" />
      <dl className="divide-y divide-border text-sm">
        <Row label={t("numberLabel")}>
          <bdi dir="ltr" className="font-mono tabular-nums">
            {ticket.number}
          </bdi>
        </Row>
        <Row label={t("queue")}>{ticket.queueName}</Row>
        <Row label={t("state")}>
          <StateBadge name={ticket.stateName} type={ticket.stateType} size="sm" />
        </Row>
        {ticket.pendingUntil && (
          <Row label={t("pendingUntil")}>
            <DateTime value={ticket.pendingUntil} />
          </Row>
        )}
        <Row label={t("priority")}>
          <PriorityBadge level={ticket.priorityLevel} name={ticket.priorityName} size="sm" />
        </Row>
        <Row label={t("customer")}>
          {ticket.customerUserId ? (
            <span className="min-w-0">
              <span className="block truncate">{ticket.customerName}</span>
              {ticket.customerEmail && <span className="block truncate text-xs text-fg-muted">{ticket.customerEmail}</span>}
            </span>
          ) : (
            <span className="text-fg-subtle">{t("noCustomer")}</span>
          )}
        </Row>
        <Row label={t("owner")}>{ticket.ownerName ?? <span className="text-fg-subtle">{t("nobody")}</span>}</Row>
        <Row label={t("lockStatus")}>{lock}</Row>
        <Row label={t("waiting")}>
          <WaitingTime since={ticket.waitingSince} withLabel />
        </Row>
        <Row label={t("created")}>
          <DateTime value={ticket.createdAt} />
        </Row>
        <Row label={t("lastChanged")}>
          <RelativeTime value={ticket.changedAt} past />
        </Row>
        <Row label={t("version")}>
          <span className="tabular-nums">{ticket.version}</span>
        </Row>
      </dl>
    </Card>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[7rem_minmax(0,1fr)] items-center gap-3 px-5 py-2">
      <dt className="text-fg-muted">{label}</dt>
      <dd className="flex min-w-0 justify-end text-end text-fg">{children}</dd>
    </div>
  );
}
