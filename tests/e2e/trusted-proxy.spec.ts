import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "./fixtures";
import { DEMO_PASSWORD, withDatabase } from "./journey-helpers";

// The production server (scripts/web.ts) on E2E_PORT trusts no proxy (TRUSTED_PROXY_HOPS=0); the one
// on E2E_PORT2 trusts one (tests/e2e/server.ts). Sign-in goes through Auth.js's credentials endpoint.
const direct = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;
const behindProxy = `http://127.0.0.1:${process.env.E2E_PORT2 ?? Number(process.env.E2E_PORT ?? 3100) + 2}`;
/** auth.max_failures (5) times the per-address factor (4). */
const ADDRESS_LIMIT = 20;

/** One sign-in attempt; the refusal code Auth.js puts in the redirect, or "signed-in". */
async function signIn(request: APIRequestContext, base: string, email: string, password: string, forwardedFor: string): Promise<string> {
  const csrf = (await (await request.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
  const response = await request.post(`${base}/api/auth/callback/credentials`, {
    form: { email, password, csrfToken: csrf.csrfToken, callbackUrl: `${base}/` },
    headers: { "X-Forwarded-For": forwardedFor },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  const location = new URL(response.headers()["location"] ?? "", base);
  return location.searchParams.get("code") ?? (location.pathname === "/" ? "signed-in" : location.toString());
}

const forged = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
const nobody = () => `nobody-${randomUUID()}@example.com`;

// The direct server's peer is 127.0.0.1 for every spec: start from no failures (other specs' wrong
// passwords count too) and lift the block this spec puts on it.
const clearAddresses = () => withDatabase((sql) => sql`delete from auth_throttle where key like 'ip:%'`);
test.beforeEach(clearAddresses);
test.afterAll(clearAddresses);

test("no trusted proxy: a new forged X-Forwarded-For per attempt does not reset the per-address sign-in limit", async ({ request }) => {
  for (let i = 0; i < ADDRESS_LIMIT; i++) expect(await signIn(request, direct, nobody(), "wrong", forged())).toBe("invalid");
  // The demo customer's right password, from the same peer with yet another forged address.
  expect(await signIn(request, direct, "customer2@example.com", DEMO_PASSWORD, forged())).toBe("rate_limited");
});

test("one trusted proxy: the address the proxy appended counts, whatever the client put before it", async ({ request }) => {
  const client = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
  const viaProxy = () => `${forged()}, ${client}`;
  for (let i = 0; i < ADDRESS_LIMIT; i++) expect(await signIn(request, behindProxy, nobody(), "wrong", viaProxy())).toBe("invalid");
  expect(await signIn(request, behindProxy, "customer2@example.com", DEMO_PASSWORD, viaProxy())).toBe("rate_limited");
  // Another client behind the same proxy signs in.
  expect(await signIn(request, behindProxy, "customer2@example.com", DEMO_PASSWORD, `${client}, 198.51.100.251`)).toBe("signed-in");
});
