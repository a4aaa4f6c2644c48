import { EventEmitter, on } from "node:events";
import { z } from "zod";
import { db } from "@/db";
import { logger } from "@/server/logger";
import { LIVE_CHANNEL } from "./channel";

const id = z.number().int().positive();
const notification = z.discriminatedUnion("kind", [
  z.object({ kind: z.enum(["ticket_created", "ticket_changed"]), ticketId: id, queueId: id, oldQueueId: id.nullish() }),
  z.object({ kind: z.literal("article_added"), ticketId: id, queueId: id.nullish(), articleId: id, senderType: z.string(), internal: z.boolean() }),
  z.object({ kind: z.literal("presence"), ticketId: id, queueId: id, userId: id }),
]);

/** What PostgreSQL announced (migration 0006, presence service), or `resync` after a gap. */
export type LiveNotification = z.infer<typeof notification> | { kind: "resync" };

/**
 * One LISTEN connection per process, shared by every subscriber in it. The emitter is only a
 * fan-out: it keeps no events, so an instance knows exactly what PostgreSQL told it and two
 * instances see the same stream.
 */
type ListenerState = { emitter: EventEmitter; ready: Promise<void>; client: unknown };
const globalForLive = globalThis as unknown as { helpdeskLive?: ListenerState };

function listener(): ListenerState {
  const client = db.$client;
  const current = globalForLive.helpdeskLive;
  if (current && current.client === client) return current;
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let listens = 0;
  // postgres.js reconnects the LISTEN connection with backoff and calls onlisten again; whatever
  // was committed while it was down was never heard, so subscribers are told to refetch.
  const ready = client
    .listen(LIVE_CHANNEL, (payload) => {
      const parsed = parse(payload);
      if (parsed) emitter.emit("event", parsed);
    }, () => {
      listens += 1;
      if (listens > 1) {
        logger.warn({ channel: LIVE_CHANNEL }, "live listener reconnected");
        emitter.emit("event", { kind: "resync" } satisfies LiveNotification);
      }
    })
    .then(() => undefined);
  ready.catch((err: unknown) => {
    logger.error({ err }, "live listener could not LISTEN");
    if (globalForLive.helpdeskLive?.emitter === emitter) delete globalForLive.helpdeskLive;
  });
  const state = { emitter, ready, client };
  globalForLive.helpdeskLive = state;
  return state;
}

/** Resolves once this process LISTENs, so a caller knows later commits will reach it. */
export function liveListening(): Promise<void> {
  return listener().ready;
}

/**
 * Every notification from now on, until `signal` aborts or the consumer stops. Registration
 * happens before the first await, so nothing committed after the call is missed once
 * `liveListening()` has resolved.
 */
export async function* liveNotifications(signal?: AbortSignal): AsyncGenerator<LiveNotification> {
  const { emitter, ready } = listener();
  const events = on(emitter, "event", { signal });
  try {
    await ready;
    for await (const [event] of events) yield event as LiveNotification;
  } catch (err) {
    if (!(signal?.aborted && (err as Error).name === "AbortError")) throw err;
  } finally {
    await events.return?.();
  }
}

function parse(payload: string): LiveNotification | null {
  try {
    const result = notification.safeParse(JSON.parse(payload));
    if (result.success) return result.data;
  } catch {
    // fall through: a malformed payload is logged and dropped, never fatal for the stream
  }
  logger.warn({ payload }, "unrecognised live notification");
  return null;
}
