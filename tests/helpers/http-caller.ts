import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { db } from "@/db";
import type { Actor } from "@/server/auth/actor";
import { appRouter } from "@/server/trpc/root";

export type HttpError = { message: string; code: number; data: { code: string; httpStatus: number; issues: unknown; key: string | null } };

/**
 * Calls a procedure through tRPC's fetch adapter, exactly as /api/trpc answers a browser: the
 * error comes back through the real error formatter. Resolves to the formatted error, or null.
 */
export async function httpError(actor: Actor | null, path: string, input: unknown, type: "query" | "mutation" = "query"): Promise<HttpError | null> {
  const encoded = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
  const req =
    type === "query"
      ? new Request(`http://test/api/trpc/${path}?input=${encoded}`)
      : new Request(`http://test/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(superjson.serialize(input)) });
  const res = await fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: async () => ({ db, actor, sessionEnded: false, clientAddress: "10.8.8.8" }) });
  const body = (await res.json()) as { error?: { json: HttpError } };
  return body.error?.json ?? null;
}
