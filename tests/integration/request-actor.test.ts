import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { createAgent } from "@/tests/factories";

// Pages, layouts and the tRPC server helpers run as React Server Components, where `react`
// resolves to its react-server build: that is the build whose `cache` keeps values per request.
vi.mock("react", async () => (await import(path.resolve("node_modules/react/cjs/react.react-server.production.js"))).default);
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "198.51.100.7" }) }));
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string }; sessionVersion: number } }));
vi.mock("@/server/auth/session-token", () => ({
  sessionClaimsOf: async () => (session.current ? { userId: Number(session.current.user.id), sessionVersion: session.current.sessionVersion } : null),
}));

const React = (await import("react")) as unknown as { __SERVER_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE: { A: unknown } };
const { createContext } = await import("@/server/trpc/context");
const { currentActor, requireActor } = await import("@/server/auth/session");

/** Runs `work` inside one request's cache scope, the way React's server renderer provides it. */
async function inOneRender<T>(work: () => Promise<T>): Promise<T> {
  const internals = React.__SERVER_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE;
  const caches = new Map<() => unknown, unknown>();
  internals.A = {
    getCacheForType: (create: () => unknown) => (caches.has(create) ? caches.get(create) : caches.set(create, create()).get(create)),
    cacheSignal: () => null,
  };
  try {
    return await work();
  } finally {
    internals.A = null;
  }
}

let usersQueries = 0;

beforeEach(() => {
  usersQueries = 0;
  // postgres.js reads `debug` per query: every statement that names the users table counts.
  (db.$client.options as { debug?: unknown }).debug = (_connection: number, query: string) => {
    if (/\bfrom "users"/i.test(query)) usersQueries++;
  };
});
afterEach(() => {
  (db.$client.options as { debug?: unknown }).debug = undefined;
  session.current = null;
});

describe("the signed-in actor is loaded once per request", () => {
  it("a page render (layout, page, tRPC server helpers' context) queries users once", async () => {
    const agent = await createAgent();
    session.current = { user: { id: String(agent.id) }, sessionVersion: agent.sessionVersion };
    const seen = await inOneRender(async () => {
      const layout = await requireActor("agent", "admin");
      const page = await requireActor("agent");
      const context = await createContext();
      const routeCheck = await currentActor();
      return [layout, page, context.actor, routeCheck];
    });
    expect(seen.map((a) => a?.id)).toEqual([agent.id, agent.id, agent.id, agent.id]);
    expect(usersQueries).toBe(1);
  });

  it("the /api/trpc handler (no render scope) loads once per createContext call, that is per HTTP request", async () => {
    const agent = await createAgent();
    session.current = { user: { id: String(agent.id) }, sessionVersion: agent.sessionVersion };
    expect((await createContext()).actor?.id).toBe(agent.id);
    expect(usersQueries).toBe(1);
    expect((await createContext()).actor?.id).toBe(agent.id);
    expect(usersQueries).toBe(2);
  });

  it("a session that no longer matches the user row ends, within the render as well", async () => {
    const agent = await createAgent();
    session.current = { user: { id: String(agent.id) }, sessionVersion: agent.sessionVersion + 1 };
    const context = await inOneRender(async () => {
      await currentActor();
      return createContext();
    });
    expect(context).toMatchObject({ actor: null, sessionEnded: true });
    expect(usersQueries).toBe(1);
  });

  it("no session: nothing is queried", async () => {
    expect(await inOneRender(() => createContext())).toMatchObject({ actor: null, sessionEnded: false });
    expect(usersQueries).toBe(0);
  });
});
