import { decode } from "next-auth/jwt";
import type { SessionClaims } from "./actor";

/**
 * The session's claims read straight from its cookie, as Auth.js's `auth()` would give them,
 * without running Auth.js's whole session action on every request: that action derives keys,
 * decrypts the JWE, re-encrypts a refreshed one (for a cookie a route handler or page render
 * cannot set, so it was thrown away), mints a CSRF token and round-trips the session through
 * a JSON Response — about a fifth of the web process's CPU under load (docs/benchmarks.md).
 *
 * A decoded token is remembered until it expires: decoding is a pure function of the token and
 * the secret. Revocation never depended on it: sign-out, password changes and disabling bump
 * `users.session_version`, and the actor loader still compares it on every request.
 */
/** Tokens remembered per process (about 600 bytes each); past that the oldest is decoded again when it comes back. */
const MAX_ENTRIES = 2_000;
const decoded = new Map<string, { claims: SessionClaims | null; until: number }>();

/** Auth.js's cookie name for this request: the `__Secure-` one over https (AUTH_URL's scheme, else the forwarded protocol). */
export function sessionCookieName(headers: Headers, env: NodeJS.ProcessEnv = process.env): string {
  const envUrl = env.AUTH_URL ?? env.NEXTAUTH_URL;
  const protocol = envUrl ? new URL(envUrl).protocol : `${(headers.get("x-forwarded-proto") ?? "https").replace(/:$/, "")}:`;
  return `${protocol === "https:" ? "__Secure-" : ""}authjs.session-token`;
}

/** The token, joined from its chunks (`name.0`, `name.1`, …) when Auth.js had to split it, as its SessionStore does. */
export function sessionTokenOf(cookieHeader: string, name: string): string | null {
  const chunks: [number, string][] = [];
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    if (!key.startsWith(name)) continue;
    const value = part.slice(eq + 1).trim();
    if (!value) continue;
    chunks.push([parseInt(key.split(".").pop() || "0") || 0, decodeURIComponentSafe(value)]);
  }
  if (!chunks.length) return null;
  return chunks
    .sort((a, b) => a[0] - b[0])
    .map(([, v]) => v)
    .join("");
}

/** The claims of the request's session (null: none, expired or not ours), decoded once per token. */
export async function sessionClaimsOf(headers: Headers, env: NodeJS.ProcessEnv = process.env): Promise<SessionClaims | null> {
  const name = sessionCookieName(headers, env);
  const token = sessionTokenOf(headers.get("cookie") ?? "", name);
  if (!token) return null;
  const secret = env.AUTH_SECRET ?? env.NEXTAUTH_SECRET;
  if (!secret) return null;
  const key = `${name}\n${token}`;
  const hit = decoded.get(key);
  if (hit && Date.now() < hit.until) return hit.claims;
  const payload = await decode({ token, secret, salt: name }).catch(() => null);
  const claims = payload ? { userId: Number(String(payload.uid)), sessionVersion: Number(payload.sv) } : null;
  // jose accepts a token up to 15 s past its `exp`; remember it no longer than that.
  const until = payload && typeof payload.exp === "number" ? payload.exp * 1000 + 15_000 : Date.now() + 60_000;
  if (decoded.size >= MAX_ENTRIES) decoded.delete(decoded.keys().next().value!);
  decoded.set(key, { claims, until });
  return claims;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
