"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Spinner } from "@/app/_components/ui/spinner";
import { Table, TBody, Td, Th, THead, Tr } from "@/app/_components/ui/table";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { usePriorityLabel } from "@/app/_components/tickets/priority-badge";
import { DateTime } from "@/app/_components/tickets/relative-time";
import { useStateLabel } from "@/app/_components/tickets/state-badge";
import { useDates } from "@/app/_components/tickets/time-zone";
import { ARTICLE_KINDS, HISTORY_EVENTS as EVENTS, RELATION_EVENTS } from "@/server/i18n/known-labels";

type Entry = RouterOutputs["ticket"]["history"][number];
type Change = { from: string | null; to: string | null };

/** The append-only log: who did what and when, with old → new values. Loads when first shown. */
export function HistoryLog({ ticketId, active }: { ticketId: number; active: boolean }) {
  const t = useTranslations("ticket.historyLog");
  const tCommon = useTranslations("common");
  const trpc = useTRPC();
  const errorInfo = useErrorInfo();
  const history = useQuery({ ...trpc.ticket.history.queryOptions({ ticketId }), enabled: active });
  const describe = useDescribe();
  const tZoom = useTranslations("zoom.history");
  const label = (event: string) =>
    (RELATION_EVENTS as readonly string[]).includes(event) ? tZoom(event as (typeof RELATION_EVENTS)[number]) : eventLabel(t, event);

  if (history.isPending) {
    return (
      <div className="flex justify-center py-10 text-fg-muted">
        <Spinner size="lg" label={t("loading")} />
      </div>
    );
  }
  if (history.isError) {
    return (
      <Alert
        tone="danger"
        title={t("loadError")}
        actions={
          <Button size="sm" variant="secondary" onClick={() => void history.refetch()} loading={history.isFetching}>
            {tCommon("retry")}
          </Button>
        }
      >
        {errorInfo(history.error).message}
      </Alert>
    );
  }
  if (history.data.length === 0) return <p className="text-sm text-fg-muted">{t("empty")}</p>;

  const changes = describe(history.data);
  return (
    <Table caption={t("caption")} captionHidden dense>
      <THead>
        <tr>
          <Th className="hidden sm:table-cell">{t("when")}</Th>
          <Th className="hidden sm:table-cell">{t("who")}</Th>
          <Th>{t("event")}</Th>
          <Th className="w-full">{t("change")}</Th>
        </tr>
      </THead>
      <TBody>
        {history.data.map((entry, i) => {
          const change = changes[i];
          return (
            <Tr key={entry.id}>
              <Td numeric className="hidden text-fg-muted sm:table-cell">
                <DateTime value={entry.createdAt} />
              </Td>
              <Td className="hidden whitespace-nowrap sm:table-cell">{entry.actorName ?? <span className="text-fg-muted">{t("system")}</span>}</Td>
              <Td>
                <span className="font-medium whitespace-nowrap">{label(entry.event)}</span>
                <span className="mt-0.5 block text-xs text-fg-muted sm:hidden">
                  {entry.actorName ?? t("system")} · <DateTime value={entry.createdAt} />
                </span>
              </Td>
              <Td className="text-fg-muted">
                {change && (change.from || change.to) && (
                  <span className="inline-flex flex-wrap items-center gap-1.5">
                    {change.from && <span className="line-through decoration-fg-subtle/60">{change.from}</span>}
                    {change.from && change.to && (
                      <span aria-hidden="true" className="rtl:-scale-x-100">
                        →
                      </span>
                    )}
                    {change.to && <span className="text-fg">{change.to}</span>}
                  </span>
                )}
              </Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}

function eventLabel(t: ReturnType<typeof useTranslations<"ticket.historyLog">>, event: string) {
  return (EVENTS as readonly string[]).includes(event) ? t(`events.${event as (typeof EVENTS)[number]}`) : event;
}

/**
 * Old values of a field come from the entry before it for the same field (history only stores
 * ids for some), falling back to the desk's lists of states, priorities and queues.
 */
function useDescribe() {
  const t = useTranslations("ticket.historyLog");
  const trpc = useTRPC();
  const options = useQuery(trpc.meta.options.queryOptions());
  const stateLabel = useStateLabel();
  const priorityLabel = usePriorityLabel();
  const dates = useDates();

  return (entries: readonly Entry[]): Change[] => {
    const last = new Map<string, string>();
    const nameOf = (field: string, id: number | null, fallback: string | null | undefined): string | null => {
      if (fallback) return display(field, fallback);
      if (id === null) return null;
      if (field === "state") {
        const s = options.data?.states.find((x) => x.id === id);
        return s ? stateLabel(s.name) : null;
      }
      if (field === "priority") {
        const p = options.data?.priorities.find((x) => x.id === id);
        return p ? priorityLabel(p.level, p.name) : null;
      }
      if (field === "queue") return options.data?.visibleQueues.find((x) => x.id === id)?.name ?? null;
      if (field === "type") return options.data?.types.find((x) => x.id === id)?.name ?? null;
      if (field === "service") return options.data?.services.find((x) => x.id === id)?.name ?? null;
      return null;
    };
    const display = (field: string, value: string): string => {
      if (field === "state") return stateLabel(value);
      if (field === "priority") {
        const p = options.data?.priorities.find((x) => x.name === value);
        return p ? priorityLabel(p.level, p.name) : value;
      }
      if (field === "pending_until") {
        const date = new Date(value);
        return Number.isNaN(date.getTime()) ? value : dates.dateTime(date);
      }
      return value;
    };

    return entries.map((entry) => {
      switch (entry.event) {
        case "created":
          return { from: null, to: entry.newValue ? `#${entry.newValue}` : null };
        case "article_added": {
          const kind = entry.newValue ?? "";
          return { from: null, to: (ARTICLE_KINDS as readonly string[]).includes(kind) ? t(`articleKinds.${kind as (typeof ARTICLE_KINDS)[number]}`) : kind };
        }
        case "locked":
        case "unlocked":
        case "reopened":
        case "archived":
        case "unarchived":
          return { from: null, to: null };
        case "reminder_sent":
          return { from: null, to: entry.newValue ? display("pending_until", entry.newValue) : null };
        case "merged_into":
        case "merged_from":
        case "split_to":
        case "split_from":
        case "linked":
        case "unlinked": {
          const number = entry.newValue ?? entry.oldValue;
          return { from: null, to: number ? `#${number}` : null };
        }
        default: {
          const field = entry.field ?? entry.event;
          const from = nameOf(field, entry.oldId, entry.oldValue) ?? last.get(field) ?? null;
          const to = nameOf(field, entry.newId, entry.newValue);
          if (to) last.set(field, to);
          return { from, to };
        }
      }
    });
  };
}
