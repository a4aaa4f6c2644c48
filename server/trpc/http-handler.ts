import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { db } from "@/db";
import { type ErrorKey } from "@/server/errors";
import { capBody, isCrossSite } from "@/server/http/guards";
import { readerLanguage } from "@/server/i18n/reader-language";
import { translate } from "@/server/i18n/translate";
import type { Context } from "./init";
import { TRPC_MAX_BATCH, TRPC_MAX_BODY_BYTES } from "./limits";
import { appRouter } from "./root";
import { contextFromHeaders } from "./request-context";

/**
 * /api/trpc: refuses cross-site mutations (CSRF) and oversized bodies before anything is read
 * or anyone is looked up, and batches of more than TRPC_MAX_BATCH procedures (400).
 */
export async function handleTrpcRequest(req: Request, createContext: () => Promise<Context>): Promise<Response> {
  if (isCrossSite(req)) return refuse(403, "errors.crossSite");
  const capped = await capBody(req, TRPC_MAX_BODY_BYTES);
  if (!capped.ok) return refuse(413, "errors.requestTooLarge");
  return fetchRequestHandler({ endpoint: "/api/trpc", req: capped.request, router: appRouter, createContext, maxBatchSize: TRPC_MAX_BATCH });
}

/** The handler both paths serve: Next's route (app/api/trpc) and the production web server's own (scripts/web.ts). */
export const serveTrpc = (req: Request): Promise<Response> => handleTrpcRequest(req, () => contextFromHeaders(req.headers));

async function refuse(status: number, key: ErrorKey): Promise<Response> {
  const message = translate(await readerLanguage(db, undefined), key);
  return Response.json({ error: { message, code: status } }, { status, headers: { "cache-control": "no-store" } });
}
