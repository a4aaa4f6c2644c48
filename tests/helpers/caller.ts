import { db } from "@/db";
import type { Actor } from "@/server/auth/actor";
import { createCaller } from "@/server/trpc/root";
import { actorOf } from "../factories";

type UserRow = Parameters<typeof actorOf>[0];

/** A tRPC caller for a user (or anonymous), exactly as the HTTP handler would build it. */
export function callerFor(user: UserRow | Actor | null, opts: { sessionEnded?: boolean } = {}) {
  const actor = user === null ? null : "passwordHash" in user ? actorOf(user) : user;
  return createCaller({ db, actor, sessionEnded: opts.sessionEnded ?? false });
}
