"use client";

import { type Query, type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { LiveEvent } from "@/server/live/events";

/** Router areas whose queries are lists or counts: any ticket change may alter them. */
const LIST_AREAS = new Set(["dashboard", "queue", "search", "savedSearch", "notification"]);
/** Areas whose queries are about one ticket when their input names it. */
const TICKET_AREAS = new Set(["ticket", "article", "presence"]);

/** Bursts (a bulk action, a mail import) become one refetch instead of dozens. */
const FLUSH_MS = 250;

/**
 * Subscribes once per page to `live.events` and invalidates the queries an event may have made
 * stale, matched by tRPC path prefix so new procedures in these areas refresh without changes
 * here. Only active queries refetch; the event itself carries ids, never data.
 */
export function useLiveUpdates() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [batch] = useState(() => new Batch(queryClient));
  useEffect(() => () => batch.cancel(), [batch]);

  useSubscription(
    trpc.live.events.subscriptionOptions(undefined, {
      onData: (tracked) => batch.add(tracked.data),
      // The link reconnects by itself and the server opens with a resync after a gap.
      onError: () => {},
    }),
  );
}

/** Collects events for a moment, then invalidates what they touched in one pass. */
class Batch {
  private tickets = new Set<number>();
  private presence = new Set<number>();
  private all = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly queryClient: QueryClient) {}

  add(event: LiveEvent) {
    if (event.kind === "resync") this.all = true;
    else if (event.kind === "presence") this.presence.add(event.ticketId);
    else this.tickets.add(event.ticketId);
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  cancel() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private flush() {
    const { tickets, presence, all } = this;
    this.tickets = new Set();
    this.presence = new Set();
    this.all = false;
    this.timer = null;
    if (all) void this.queryClient.invalidateQueries();
    else void this.queryClient.invalidateQueries({ predicate: (query) => stale(query, tickets, presence) });
  }
}

/** Mounts the subscription in a layout (server components cannot call hooks). */
export function LiveUpdates() {
  useLiveUpdates();
  return null;
}

function stale(query: Query, tickets: Set<number>, presenceOnly: Set<number>): boolean {
  const [path, options] = query.queryKey as [unknown, { input?: { ticketId?: unknown } } | undefined];
  if (!Array.isArray(path) || typeof path[0] !== "string") return false;
  const area = path[0];
  const ticketId = typeof options?.input?.ticketId === "number" ? options.input.ticketId : null;
  if (area === "presence") return ticketId === null || presenceOnly.has(ticketId) || tickets.has(ticketId);
  if (tickets.size === 0) return false;
  if (LIST_AREAS.has(area)) return true;
  if (TICKET_AREAS.has(area)) return ticketId === null || tickets.has(ticketId);
  return false;
}
