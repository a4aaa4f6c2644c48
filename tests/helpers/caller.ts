import { db } from "@/db";
import type { Actor } from "@/server/auth/actor";
import { createCaller } from "@/server/trpc/root";
import { actorOf } from "../factories";

type UserRow = Parameters<typeof actorOf>[0];

let requests = 0;

/**
 * A tRPC caller for a user (or anonymous), exactly as the HTTP handler would build it. Each
 * caller comes from its own client address unless one is given (per-address limits).
 */
export function callerFor(user: UserRow | Actor | null, opts: { sessionEnded?: boolean; clientAddress?: string } = {}) {
  const actor = user === null ? null : "passwordHash" in user ? actorOf(user) : user;
  return createCaller({ db, actor, sessionEnded: opts.sessionEnded ?? false, clientAddress: opts.clientAddress ?? `10.${(++requests >> 16) & 255}.${(requests >> 8) & 255}.${requests & 255}` });
}
