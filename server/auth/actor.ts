import { eq, sql } from "drizzle-orm";
import { builtOnce, type Tx } from "@/db";
import { users } from "@/db/schema";

export type Role = "customer" | "agent" | "admin";

/** Who is acting, as every service sees it. Loaded fresh from the database on every request. */
export type Actor = {
  id: number;
  role: Role;
  email: string;
  name: string;
  language: string;
  timeZone: string;
  /** Dates in the Gregorian calendar even where the language's own is another (Persian: Solar Hijri). */
  preferGregorian: boolean;
  companyId: number | null;
  seesCompanyTickets: boolean;
};

export const isAgent = (a: Actor) => a.role === "agent" || a.role === "admin";

/** What Auth.js's session carries for the app: the user id and the session version. */
export type SessionClaims = { userId: number; sessionVersion: number };

/** The actor of one request, and whether a session existed that is no longer valid. */
export type RequestActor = { actor: Actor | null; sessionEnded: boolean };

/** Session claims (null: no session) to the request's actor: one query against users at most. */
export async function resolveActor(db: Tx, claims: SessionClaims | null): Promise<RequestActor> {
  if (!claims) return { actor: null, sessionEnded: false };
  const actor = Number.isSafeInteger(claims.userId) ? await loadActor(db, claims.userId, claims.sessionVersion) : null;
  return { actor, sessionEnded: !actor };
}

/**
 * Loads the actor for a session and refuses disabled, unapproved or stale sessions:
 * this is what makes "disabled" take effect on the very next request.
 */
export async function loadActor(db: Tx, userId: number, sessionVersion: number): Promise<Actor | null> {
  const [row] = await builtOnce(db, "load-actor", () =>
    db
      .select({
        id: users.id,
        role: users.role,
        email: users.email,
        name: users.name,
        language: users.language,
        timeZone: users.timeZone,
        preferGregorian: users.preferGregorian,
        companyId: users.companyId,
        seesCompanyTickets: users.seesCompanyTickets,
        enabled: users.enabled,
        approved: users.approved,
        sessionVersion: users.sessionVersion,
      })
      .from(users)
      .where(eq(users.id, sql.placeholder("userId")))
      .limit(1)
      .prepare("load_actor"),
  ).execute({ userId });
  if (!row || !row.enabled || !row.approved || row.sessionVersion !== sessionVersion) return null;
  const { enabled: _e, approved: _a, sessionVersion: _s, ...actor } = row;
  return actor;
}
