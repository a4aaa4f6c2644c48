import { db } from "@/db";
import { type SessionClaims, resolveActor } from "@/server/auth/actor";
import type { Context } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";

export type { SessionClaims };

/** The tRPC context exactly as server/trpc/context.ts builds it, with the session given instead of read from a cookie. */
export async function contextForSession(session: SessionClaims | null): Promise<Context> {
  return { db, ...(await resolveActor(db, session)), clientAddress: "192.0.2.1" };
}

/** A caller for one request carrying `session`. Build a new one per request, as the HTTP handler does. */
export async function callerForSession(session: SessionClaims | null) {
  return createCaller(await contextForSession(session));
}
