import { db } from "@/db";
import { resolveActor } from "@/server/auth/actor";
import { clientAddressFrom } from "@/server/auth/client-address-chain";
import { sessionClaimsOf } from "@/server/auth/session-token";
import { env } from "@/server/env";
import type { Context } from "./init";

/**
 * The /api/trpc context from the request's own headers, with nothing from Next's request scope
 * (no next/headers, no React cache): the session cookie decoded as server/auth/session.ts reads
 * it, the actor re-checked against the user row (session version), the client address from the
 * X-Forwarded-For chain through TRUSTED_PROXY_HOPS. Next's route handler and the production
 * web server's direct /api/trpc path (scripts/web.ts) both build it here, once per HTTP request.
 */
export async function contextFromHeaders(headers: Headers): Promise<Context> {
  const { actor, sessionEnded } = await resolveActor(db, await sessionClaimsOf(headers));
  return { db, actor, sessionEnded, clientAddress: clientAddressFrom(headers.get("x-forwarded-for"), env().TRUSTED_PROXY_HOPS) };
}
