import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/db";
import { type Actor, type RequestActor, type Role, resolveActor } from "./actor";
import { sessionClaimsOf } from "./session-token";

/**
 * The signed-in actor for this request, read from the session cookie (server/auth/session-token.ts
 * decodes it as Auth.js's `auth()` does, once per token) and re-checked against the database once:
 * layouts, pages and the tRPC server helpers' context all share this load.
 * Outside a React render (route handlers, the /api/trpc handler) `cache` has no scope and
 * each call loads again; there the tRPC context is built once per HTTP request.
 */
export const requestActor = cache(async (): Promise<RequestActor> => {
  return resolveActor(db, await sessionClaimsOf(await headers()));
});

/** The signed-in actor for this request; null when none. */
export async function currentActor(): Promise<Actor | null> {
  return (await requestActor()).actor;
}

/**
 * For pages: the actor, or a redirect to sign-in (with a reason when a session exists but
 * is no longer valid) or to the actor's own area when it may not see this one.
 */
export async function requireActor(...roles: Role[]): Promise<Actor> {
  const { actor, sessionEnded } = await requestActor();
  if (!actor) redirect(sessionEnded ? "/session-ended" : "/sign-in");
  if (roles.length && !roles.includes(actor.role)) redirect(homeFor(actor.role));
  return actor;
}

export const homeFor = (role: Role) => (role === "customer" ? "/portal/tickets" : role === "admin" ? "/agent/tickets" : "/agent/tickets");
