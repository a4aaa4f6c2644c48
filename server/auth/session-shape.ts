import type { Role } from "./actor";

/**
 * What a session token carries (`uid`, `role`, `sv`: the session version) and what Auth.js's
 * session exposes of it. server/auth/session-token.ts reads the same claims straight from the
 * cookie; its test runs these callbacks in Auth.js to prove both agree.
 */
export const sessionCallbacks = {
  jwt({ token, user }: { token: Record<string, unknown>; user?: unknown }) {
    if (user) {
      const u = user as { id: string; role: Role; sessionVersion: number };
      token.uid = u.id;
      token.role = u.role;
      token.sv = u.sessionVersion;
    }
    return token;
  },
  session({ session, token }: { session: { user: { id: string; role: Role } } & { sessionVersion: number }; token: Record<string, unknown> }) {
    session.user.id = String(token.uid);
    session.user.role = token.role as Role;
    session.sessionVersion = Number(token.sv);
    return session;
  },
};
