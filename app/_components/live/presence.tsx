"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useSyncExternalStore } from "react";
import { Badge } from "@/app/_components/ui/badge";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";

/** Well inside the server's 40 s presence window, so one lost beat does not make an agent vanish. */
const HEARTBEAT_MS = 15_000;

// Which tickets this tab is writing a reply on: the composer sets it, the heartbeat reads it,
// without a provider around both.
const composing = new Set<number>();
const listeners = new Set<() => void>();

function subscribeComposing(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The composer reports whether it holds a draft; other agents then see "… is writing a reply". */
export function useReportComposing(ticketId: number, active: boolean) {
  useEffect(() => {
    if (!active) return;
    composing.add(ticketId);
    listeners.forEach((l) => l());
    return () => {
      composing.delete(ticketId);
      listeners.forEach((l) => l());
    };
  }, [ticketId, active]);
}

/** Announces this agent on the ticket (viewing, or writing while a draft exists) until the page closes. */
function useHeartbeat(ticketId: number) {
  const client = useTRPCClient();
  const writing = useSyncExternalStore(subscribeComposing, () => composing.has(ticketId), () => false);
  const activity = writing ? "composing" : "viewing";

  useEffect(() => {
    const beat = () => void client.presence.heartbeat.mutate({ ticketId, activity }).catch(() => {});
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, [client, ticketId, activity]);

  useEffect(() => () => void client.presence.leave.mutate({ ticketId }).catch(() => {}), [client, ticketId]);
}

/**
 * Who else has the ticket open, across every app instance: "Anna is viewing", "Ben is writing
 * a reply". Live events refresh it; the interval covers agents whose tab closed without leaving.
 */
export function PresenceBar({ ticketId }: { ticketId: number }) {
  const t = useTranslations("live.presence");
  const trpc = useTRPC();
  useHeartbeat(ticketId);
  const { data = [] } = useQuery(trpc.presence.list.queryOptions({ ticketId }, { refetchInterval: HEARTBEAT_MS, staleTime: 0 }));

  return (
    <div role="status" aria-live="polite" aria-label={t("label")} className={data.length ? "flex flex-wrap items-center gap-2" : "sr-only"}>
      {data.map((p) => (
        <Badge key={p.userId} tone={p.activity === "composing" ? "warning" : "info"} dot>
          {t(p.activity, { name: p.name })}
        </Badge>
      ))}
    </div>
  );
}
