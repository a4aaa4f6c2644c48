import { Auth } from "@auth/core";
import { encode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { sessionCallbacks } from "@/server/auth/session-shape";
import { sessionClaimsOf, sessionCookieName, sessionTokenOf } from "@/server/auth/session-token";

/**
 * server/auth/session-token.ts reads the session cookie itself instead of running Auth.js's
 * session action per request; this proves it reads every cookie as Auth.js's session action
 * does with the desk's callbacks (server/auth/index.ts), wrapped as next-auth's `auth()` wraps them.
 */
const SECRET = "session-token-test-secret-0123456789abcdef";
const BASE = "http://desk.test";
const env = { AUTH_SECRET: SECRET, AUTH_URL: BASE } as unknown as NodeJS.ProcessEnv;
const NAME = "authjs.session-token";

/** What Auth.js's session action makes of the cookie header: the claims the app used to read through `auth()`. */
async function viaAuthJs(cookie: string) {
  const res = await Auth(new Request(`${BASE}/api/auth/session`, { headers: { cookie } }), {
    providers: [],
    secret: SECRET,
    basePath: "/api/auth",
    trustHost: true,
    logger: { error: () => {} },
    session: { strategy: "jwt" },
    callbacks: {
      jwt: sessionCallbacks.jwt as never,
      // next-auth wraps the session callback this way for its server-side `auth()`.
      async session(args) {
        const session = (sessionCallbacks.session as (a: unknown) => object)(args);
        return { user: args.token, ...session } as never;
      },
    },
  });
  if (!res.ok) return null;
  const body = (await res.json()) as { user?: { id?: string }; sessionVersion?: number } | null;
  return body?.user ? { userId: Number(body.user.id), sessionVersion: body.sessionVersion } : null;
}

const viaCookie = (cookie: string) => sessionClaimsOf(new Headers({ cookie }), env);

const token = (claims: Record<string, unknown>, o: { salt?: string; secret?: string; maxAge?: number } = {}) =>
  encode({ token: { name: "A", email: "a@example.com", ...claims }, secret: o.secret ?? SECRET, salt: o.salt ?? NAME, maxAge: o.maxAge });

describe("the session cookie, read without Auth.js's session action", () => {
  it("gives the same claims as Auth.js for valid, foreign, tampered, expired, chunked and missing cookies", async () => {
    const valid = await token({ uid: "42", role: "agent", sv: 3 });
    const cases = {
      valid: `${NAME}=${valid}`,
      "among other cookies": `theme=dark; ${NAME}=${valid}; authjs.csrf-token=x`,
      "another secret": `${NAME}=${await token({ uid: "42", sv: 3 }, { secret: "another-secret-0123456789abcdef-0123456789" })}`,
      "the https cookie's salt": `${NAME}=${await token({ uid: "42", sv: 3 }, { salt: `__Secure-${NAME}` })}`,
      "the https cookie over http": `__Secure-${NAME}=${valid}`,
      tampered: `${NAME}=${valid.slice(0, -4)}AAAA`,
      expired: `${NAME}=${await token({ uid: "42", sv: 3 }, { maxAge: -60 })}`,
      chunked: `${NAME}.1=${valid.slice(100)}; ${NAME}.0=${valid.slice(0, 100)}`,
      "no user id": `${NAME}=${await token({ sv: 3 })}`,
      garbage: `${NAME}=not-a-token`,
      none: "theme=dark",
    };
    const seen: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const [label, cookie] of Object.entries(cases)) {
      seen[label] = await viaCookie(cookie);
      expected[label] = await viaAuthJs(cookie);
    }
    expect(seen).toEqual(expected);
    expect(seen.valid).toEqual({ userId: 42, sessionVersion: 3 });
    expect(seen.chunked).toEqual({ userId: 42, sessionVersion: 3 });
    expect(seen.expired).toBeNull();
    expect(seen.tampered).toBeNull();
  });

  it("remembers a decoded token only until it expires", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const cookie = `${NAME}=${await token({ uid: "7", sv: 1 }, { maxAge: 60 })}`;
      expect(await viaCookie(cookie)).toEqual({ userId: 7, sessionVersion: 1 });
      vi.setSystemTime(Date.now() + 60_000 + 16_000);
      expect(await viaCookie(cookie)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("names the cookie as Auth.js does: by AUTH_URL's scheme, else the forwarded protocol", () => {
    const h = (proto?: string) => new Headers(proto ? { "x-forwarded-proto": proto } : {});
    expect(sessionCookieName(h("http"), { AUTH_URL: "https://desk.example" } as unknown as NodeJS.ProcessEnv)).toBe(`__Secure-${NAME}`);
    expect(sessionCookieName(h("https"), { AUTH_URL: "http://localhost:3000" } as unknown as NodeJS.ProcessEnv)).toBe(NAME);
    expect(sessionCookieName(h("http"), {} as NodeJS.ProcessEnv)).toBe(NAME);
    expect(sessionCookieName(h("https"), {} as NodeJS.ProcessEnv)).toBe(`__Secure-${NAME}`);
    expect(sessionCookieName(h(), {} as NodeJS.ProcessEnv)).toBe(`__Secure-${NAME}`);
    expect(sessionTokenOf(`a=1; ${NAME}.2=c; ${NAME}.0=a; ${NAME}.1=b`, NAME)).toBe("abc");
  });
});
