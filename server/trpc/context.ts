import { db } from "@/db";
import { auth } from "@/server/auth";
import { loadActor } from "@/server/auth/actor";
import type { Context } from "./init";

/** Per request: the session from Auth.js, re-checked against the user row. */
export async function createContext(): Promise<Context> {
  const session = await auth();
  const id = Number(session?.user?.id);
  const actor = session && Number.isSafeInteger(id) ? await loadActor(db, id, session.sessionVersion) : null;
  return { db, actor, sessionEnded: Boolean(session) && !actor };
}
