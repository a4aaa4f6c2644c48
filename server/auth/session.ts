import "server-only";
import { redirect } from "next/navigation";
import { db } from "@/db";
import { type Actor, type Role, loadActor } from "./actor";
import { auth } from "./index";

/** The signed-in actor for this request, re-checked against the database; null when none. */
export async function currentActor(): Promise<Actor | null> {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!session || !Number.isSafeInteger(id)) return null;
  return loadActor(db, id, session.sessionVersion);
}

/**
 * For pages: the actor, or a redirect to sign-in (with a reason when a session exists but
 * is no longer valid) or to the actor's own area when it may not see this one.
 */
export async function requireActor(...roles: Role[]): Promise<Actor> {
  const session = await auth();
  const actor = await currentActor();
  if (!actor) redirect(session ? "/session-ended" : "/sign-in");
  if (roles.length && !roles.includes(actor.role)) redirect(homeFor(actor.role));
  return actor;
}

export const homeFor = (role: Role) => (role === "customer" ? "/portal/tickets" : role === "admin" ? "/agent/tickets" : "/agent/tickets");
