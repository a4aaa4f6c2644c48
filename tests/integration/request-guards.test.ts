import { eq } from "drizzle-orm";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { users } from "@/db/schema";
import { resolveActor } from "@/server/auth/actor";
import { handleUpload } from "@/server/files/upload-request";
import { isCrossSite } from "@/server/http/guards";
import type { Context } from "@/server/trpc/init";
import { handleTrpcRequest } from "@/server/trpc/http-handler";
import { TRPC_MAX_BATCH, TRPC_MAX_BODY_BYTES } from "@/server/trpc/limits";
import { createCustomer } from "../factories";

const URL_BASE = "http://localhost:3000/api/trpc";

/** The tRPC HTTP handler with a signed-in user, counting how often a context was built. */
async function handlerFor(userId: number, sessionVersion: number) {
  let contexts = 0;
  const createContext = async (): Promise<Context> => {
    contexts += 1;
    return { db, ...(await resolveActor(db, { userId, sessionVersion })), clientAddress: "192.0.2.9" };
  };
  return { handle: (req: Request) => handleTrpcRequest(req, createContext), contexts: () => contexts };
}

const renameTo = (name: string, headers: Record<string, string>) =>
  new Request(`${URL_BASE}/account.updateProfile`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(superjson.serialize({ name, language: "en", timeZone: "UTC", emailNotifications: {} })),
  });

describe("CSRF: state-changing route handlers accept the desk's own pages only", () => {
  it("a cross-site tRPC mutation (Origin or Sec-Fetch-Site) is refused with 403 and changes nothing", async () => {
    const customer = await createCustomer();
    const { handle, contexts } = await handlerFor(customer.id, customer.sessionVersion);
    for (const headers of <Record<string, string>[]>[{ origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }, { origin: "null" }]) {
      const res = await handle(renameTo("Pwned", headers));
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.text()).toMatch(/another site/);
    }
    expect(contexts()).toBe(0);
    const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, customer.id));
    expect(row?.name).toBe(customer.name);

    // The desk's own page (same origin) goes through.
    const ok = await handle(renameTo("Renamed", { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }));
    expect(ok.status).toBe(200);
    const [after] = await db.select({ name: users.name }).from(users).where(eq(users.id, customer.id));
    expect(after?.name).toBe("Renamed");
  });

  it("a cross-site upload with only an Origin header is refused with 403", async () => {
    const customer = await createCustomer();
    const { actor } = await resolveActor(db, { userId: customer.id, sessionVersion: customer.sessionVersion });
    const form = new FormData();
    form.append("file", new File(["hello"], "a.txt", { type: "text/plain" }));
    const res = await handleUpload(db, actor, new Request("http://localhost:3000/api/uploads", { method: "POST", body: form, headers: { origin: "https://evil.example" } }));
    expect(res.status).toBe(403);
  });

  it("safe methods and requests without browser provenance headers are not CSRF", () => {
    expect(isCrossSite(new Request(URL_BASE, { headers: { origin: "https://evil.example" } }))).toBe(false);
    expect(isCrossSite(new Request(URL_BASE, { method: "POST" }))).toBe(false);
    expect(isCrossSite(new Request(URL_BASE, { method: "DELETE", headers: { origin: "https://evil.example" } }))).toBe(true);
    expect(isCrossSite(new Request(URL_BASE, { method: "PUT", headers: { "sec-fetch-site": "none" } }))).toBe(false);
  });
});

describe("tRPC request limits", () => {
  const batch = (n: number) => `${URL_BASE}/${Array.from({ length: n }, () => "meta.me").join(",")}?batch=1&input=${encodeURIComponent("{}")}`;

  it(`a batch of more than ${TRPC_MAX_BATCH} procedures is refused with 400; ${TRPC_MAX_BATCH} run`, async () => {
    const customer = await createCustomer();
    const { handle } = await handlerFor(customer.id, customer.sessionVersion);
    const over = await handle(new Request(batch(300)));
    expect(over.status).toBe(400);
    const atLimit = await handle(new Request(batch(TRPC_MAX_BATCH)));
    expect(atLimit.status).toBe(200);
    expect((await atLimit.json()) as unknown[]).toHaveLength(TRPC_MAX_BATCH);
  });

  it("a body over the cap is refused with 413, whether declared or streamed", async () => {
    const customer = await createCustomer();
    const { handle, contexts } = await handlerFor(customer.id, customer.sessionVersion);
    const huge = renameTo("x".repeat(TRPC_MAX_BODY_BYTES), {});
    expect((await handle(huge)).status).toBe(413);
    // A body that says nothing of its length is cut off at the cap.
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(32));
      },
    });
    const streamed = new Request(`${URL_BASE}/account.updateProfile`, { method: "POST", body: endless, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
    expect((await handle(streamed)).status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(TRPC_MAX_BODY_BYTES + 2 * 64 * 1024);
    expect(contexts()).toBe(0);
  });
});
