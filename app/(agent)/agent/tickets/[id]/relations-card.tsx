"use client";

import Link from "next/link";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardHeader } from "@/app/_components/ui/card";
import { useTRPC } from "@/app/_components/trpc/provider";
import { StateBadge } from "@/app/_components/tickets/state-badge";
import { useMutationFeedback, useTicketActions } from "./use-ticket-actions";

/** Links, merged tickets, the responsible agent and the time accounted, beside the details. */
export function RelationsCard() {
  const t = useTranslations("zoom.relations");
  const trpc = useTRPC();
  const { ticket, can } = useTicketActions();
  const feedback = useMutationFeedback();
  const relations = useQuery(trpc.ticket.links.queryOptions({ ticketId: ticket.id }));
  const unlink = useMutation(trpc.ticket.unlink.mutationOptions());
  const data = relations.data;

  async function remove(otherTicketId: number, type: "normal" | "parent_child", number: string) {
    try {
      await unlink.mutateAsync({ ticketId: ticket.id, otherTicketId, type });
      await relations.refetch();
      await feedback.succeeded(t("unlinked", { number }));
    } catch (e) {
      feedback.failed(e);
    }
  }

  return (
    <Card as="section" aria-labelledby="ticket-relations-title">
      <CardHeader title={t("title")} titleId="ticket-relations-title" className="py-3" />
      <dl className="divide-y divide-border text-sm">
        <Row label={t("responsible")}>{data?.responsible?.name ?? <span className="text-fg-subtle">{t("nobody")}</span>}</Row>
        <Row label={t("time")}>
          <span className="tabular-nums">{t("minutes", { count: data?.minutesAccounted ?? 0 })}</span>
        </Row>
      </dl>
      <div className="space-y-2 border-t border-border px-5 py-3 text-sm">
        <h3 className="font-medium text-fg">{t("linked")}</h3>
        {data && data.links.length === 0 && <p className="text-fg-muted">{t("noLinks")}</p>}
        <ul className="space-y-1.5">
          {data?.links.map((l) => (
            <li key={`${l.id}-${l.type}`} className="flex items-center gap-2">
              <span className="shrink-0 text-xs text-fg-muted">{t(`role.${l.role}`)}</span>
              <TicketRef id={l.id} number={l.number} title={l.title} />
              <StateBadge name={l.stateName} type={l.stateType} size="sm" />
              {can("link") && (
                <Button size="sm" variant="ghost" onClick={() => void remove(l.id, l.type, l.number)} aria-label={t("unlink", { number: l.number })}>
                  {t("remove")}
                </Button>
              )}
            </li>
          ))}
        </ul>
        {data && data.mergedFrom.length > 0 && (
          <>
            <h3 className="pt-2 font-medium text-fg">{t("mergedFrom")}</h3>
            <ul className="space-y-1">
              {data.mergedFrom.map((m) => (
                <li key={m.id} className="flex">
                  <TicketRef id={m.id} number={m.number} title={m.title} />
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </Card>
  );
}

/** "Merged into #…" at the top of a merged ticket, with the way there. */
export function MergedNotice() {
  const t = useTranslations("zoom.relations");
  const trpc = useTRPC();
  const { ticket } = useTicketActions();
  const relations = useQuery({ ...trpc.ticket.links.queryOptions({ ticketId: ticket.id }), enabled: ticket.stateType === "merged" });
  const target = relations.data?.mergedInto;
  if (ticket.stateType !== "merged" || !target) return null;
  return (
    <Alert tone="info" title={t("mergedIntoTitle")}>
      {t.rich("mergedInto", {
        link: () => (
          <Link href={`/agent/tickets/${target.id}`} className="font-mono font-medium underline">
            #{target.number}
          </Link>
        ),
      })}
    </Alert>
  );
}

/** A linked ticket as people recognise it: its title, with the number beneath (the full title on hover). */
function TicketRef({ id, number, title }: { id: number; number: string; title: string }) {
  return (
    <Link href={`/agent/tickets/${id}`} className="group min-w-0 flex-1 hover:underline" title={`#${number} ${title}`}>
      <span dir="auto" className="block truncate text-accent-text">
        {title}
      </span>
      <span className="block truncate font-mono text-xs text-fg-muted">#{number}</span>
    </Link>
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
