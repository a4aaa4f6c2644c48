import { db } from "@/db";
import { loadActor } from "@/server/auth/actor";
import type { Context } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";

/** What Auth.js's JWT session carries for the app: the user id and the session version. */
export type SessionClaims = { userId: number; sessionVersion: number };

/** The tRPC context exactly as server/trpc/context.ts builds it, with the session given instead of read from a cookie. */
export async function contextForSession(session: SessionClaims | null): Promise<Context> {
  const actor = session ? await loadActor(db, session.userId, session.sessionVersion) : null;
  return { db, actor, sessionEnded: Boolean(session) && !actor };
}

/** A caller for one request carrying `session`. Build a new one per request, as the HTTP handler does. */
export async function callerForSession(session: SessionClaims | null) {
  return createCaller(await contextForSession(session));
}
