import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { users } from "@/db/schema";
import { sessionCookieName } from "@/server/auth/session-token";
import { SECURITY_HEADERS } from "@/server/http/security-headers";
import { trpcListener } from "@/server/http/trpc-node";
import { TRPC_MAX_BODY_BYTES } from "@/server/trpc/limits";
import nextConfig from "@/next.config";
import { createAgent, createCustomer, createQueue, createTicket, grant } from "../factories";

const compression = createRequire(import.meta.url)("next/dist/compiled/compression") as () => (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * The production web server answers /api/trpc itself (scripts/web.ts → server/http/trpc-node.ts),
 * not through Next. Driven here over HTTP on an ephemeral port, with real session cookies.
 */
let server: Server;
let base = "";

beforeAll(async () => {
  let listener: ReturnType<typeof trpcListener> | null = null;
  server = createServer((req, res) => {
    if (!listener!(req, res)) {
      res.statusCode = 404;
      res.end("not ours");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  listener = trpcListener({ hostname: "127.0.0.1", port });
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function cookieFor(user: { id: number; sessionVersion: number }) {
  const name = sessionCookieName(new Headers({ "x-forwarded-proto": "http" }));
  const token = await encode({ token: { name: "A", email: "a@example.com", uid: String(user.id), role: "agent", sv: user.sessionVersion }, secret: process.env.AUTH_SECRET!, salt: name });
  return `${name}=${token}`;
}

const query = (path: string, cookie?: string) => fetch(`${base}/api/trpc/${path}`, { headers: cookie ? { cookie } : {} });
const mutate = (path: string, input: unknown, headers: Record<string, string>) =>
  fetch(`${base}/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(superjson.serialize(input)) });

describe("/api/trpc served by the web server itself", () => {
  it("answers a signed-in agent's query with the headers Next adds (next.config.ts)", async () => {
    const agent = await createAgent();
    const res = await fetch(`${base}/api/trpc/account.profile`, { headers: { cookie: await cookieFor(agent), "accept-encoding": "gzip" } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: unknown } };
    expect(superjson.deserialize(body.result.data as never)).toMatchObject({ email: agent.email });
    for (const { key, value } of SECURITY_HEADERS) expect(res.headers.get(key)).toBe(value);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(res.headers.get("vary")).toMatch(/^rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, .*trpc-accept/);
    // Same list as Next sends on every route.
    const rules = await nextConfig.headers!();
    expect(rules).toEqual([{ source: "/:path*", headers: SECURITY_HEADERS.map((h) => ({ ...h })) }]);
  });

  it("answers a batch, one result per procedure", async () => {
    const agent = await createAgent();
    const res = await query(`account.profile,account.queueSubscriptions?batch=1&input=${encodeURIComponent(JSON.stringify({}))}`, await cookieFor(agent));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: unknown } }[];
    expect(body).toHaveLength(2);
    expect(superjson.deserialize(body[0]!.result.data as never)).toMatchObject({ email: agent.email });
  });

  it("runs a same-origin mutation and refuses a cross-site one with 403 before any change", async () => {
    const agent = await createAgent();
    const cookie = await cookieFor(agent);
    const input = (name: string) => ({ name, language: "en", timeZone: "UTC", emailNotifications: {} });
    const refused = await mutate("account.updateProfile", input("Pwned"), { cookie, origin: "https://evil.example" });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/another site/);
    const [before] = await db.select({ name: users.name }).from(users).where(eq(users.id, agent.id));
    expect(before?.name).toBe(agent.name);
    const ok = await mutate("account.updateProfile", input("Renamed"), { cookie, origin: base, "sec-fetch-site": "same-origin" });
    expect(ok.status).toBe(200);
    // The body was read: the connection stays open for the next request.
    expect(ok.headers.get("connection")).toBe("keep-alive");
    const [after] = await db.select({ name: users.name }).from(users).where(eq(users.id, agent.id));
    expect(after?.name).toBe("Renamed");
  });

  it("refuses an oversized body with 413", async () => {
    const agent = await createAgent();
    const res = await fetch(`${base}/api/trpc/account.updateProfile`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: await cookieFor(agent) },
      body: JSON.stringify({ json: { name: "x".repeat(TRPC_MAX_BODY_BYTES + 1) } }),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("connection")).toBe("close");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("without a cookie: UNAUTHORIZED; with a signed-out session's cookie (session version bumped): UNAUTHORIZED, session ended", async () => {
    const none = await query("account.profile");
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { json: { data: { key: string } } } }).error.json.data.key).toBe("errors.signIn");

    const agent = await createAgent();
    const cookie = await cookieFor(agent);
    expect((await query("account.profile", cookie)).status).toBe(200);
    await db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, agent.id));
    const ended = await query("account.profile", cookie);
    expect(ended.status).toBe(401);
    expect(((await ended.json()) as { error: { json: { data: { key: string } } } }).error.json.data.key).toBe("errors.sessionEnded");
  });

  it("gzips a large answer in one piece exactly where Next's compression middleware would gzip it, with the same headers and body", async () => {
    const agent = await createAgent();
    const queue = await createQueue();
    await grant(agent.id, queue.groupId, ["rw"]);
    const customer = await createCustomer();
    for (let i = 0; i < 8; i++) await createTicket({ customer, queue, title: `A printer on floor ${i} prints blank pages since this morning` });
    const cookie = await cookieFor(agent);
    const list = (acceptEncoding: string) =>
      fetch(`${base}/api/trpc/ticket.list?input=${encodeURIComponent(JSON.stringify(superjson.serialize({ queueIds: [queue.id], limit: 25 })))}`, { headers: { cookie, "accept-encoding": acceptEncoding } });
    const seen = async (res: Response) => ({ status: res.status, encoding: res.headers.get("content-encoding"), vary: res.headers.get("vary"), type: res.headers.get("content-type"), body: await res.text() });
    // The one-piece path ("gzip") against the middleware's own (a weight sends it there).
    const fast = await seen(await list("gzip, deflate"));
    expect(fast.body.length).toBeGreaterThan(1024);
    expect(fast).toEqual(await seen(await list("gzip;q=1, deflate;q=1")));
    expect(fast.encoding).toBe("gzip");
    expect(fast.vary).toMatch(/trpc-accept, .*Accept-Encoding$/);

    // Which encoding, for what browsers and clients send: as the middleware decides on its own.
    const reference = createServer((req, res) => {
      compression()(req, res, () => {});
      res.setHeader("content-type", "application/json");
      res.end(fast.body);
    });
    await new Promise<void>((resolve) => reference.listen(0, "127.0.0.1", resolve));
    const referenceUrl = `http://127.0.0.1:${(reference.address() as AddressInfo).port}/`;
    try {
      for (const value of ["gzip", "GZIP", "gzip, deflate", "deflate, gzip", "gzip, deflate, br, zstd", "br, gzip", "identity, gzip", "*", "deflate", "br", "gzip;q=0, deflate", "identity"]) {
        const ours = await list(value);
        const theirs = await fetch(referenceUrl, { headers: { "accept-encoding": value } });
        expect(ours.headers.get("content-encoding"), value).toBe(theirs.headers.get("content-encoding"));
        expect(await ours.text(), value).toBe(await theirs.text());
      }
    } finally {
      await new Promise((resolve) => reference.close(resolve));
    }
  });

  it("leaves live updates and every other path to Next", async () => {
    expect((await fetch(`${base}/api/trpc/live.events`)).status).toBe(404);
    expect(await (await fetch(`${base}/api/health`)).text()).toBe("not ours");
  });
});
