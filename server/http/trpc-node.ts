import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { SECURITY_HEADERS } from "./security-headers";

const PREFIX = "/api/trpc/";
/** Next's app router names these on every answer it gives, route handlers' too. */
const NEXT_VARY = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch";

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
/** The `compression` middleware Next's router applies to every answer (config `compress`, on by default). */
const compression = createRequire(import.meta.url)("next/dist/compiled/compression") as () => Middleware;

/**
 * /api/trpc served straight from the Node request, without Next's router, route module and
 * response plumbing (about a third of the web process's CPU per request, docs/benchmarks.md):
 * the same handler as Next's route (app/api/trpc: CSRF refusal, body cap, batch cap, the context
 * from the request's headers), answered with the headers Next would add (next.config.ts
 * headers(), its Vary list) through Next's own compression middleware. One difference: the
 * body goes out in one piece, so the middleware leaves answers under 1 kB uncompressed (Next
 * streams them, and gzips even those). Live updates (`live.*`, long-lived event streams)
 * stay with Next. Returns false for a request it does not serve.
 *
 * The router and the services behind it are imported at the first tRPC request, not at start:
 * they are a second copy of the modules Next's bundle holds for page renders (about 60 MB), which
 * an idle desk does not need.
 *
 * `origin` is the scheme-less part of the URL Next builds for a route handler's Request
 * (`http://<hostname>:<port>`): the CSRF guard compares an Origin header against its host.
 */
let handler: Promise<typeof import("@/server/trpc/http-handler")> | null = null;
const serveTrpc = async (request: Request) => (await (handler ??= import("@/server/trpc/http-handler"))).serveTrpc(request);

export function trpcListener(origin: { hostname: string; port: number }) {
  const compress = compression();
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = req.url ?? "";
    if (!url.startsWith(PREFIX)) return false;
    const end = url.indexOf("?");
    const procedures = url.slice(PREFIX.length, end < 0 ? undefined : end);
    if (procedures.split(",").some((p) => p.startsWith("live.") || p.startsWith("live%2E"))) return false;
    void answer(req, res, origin, compress).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "cache-control": "no-store" });
      res.end();
      process.stderr.write(`helpdesk web: /api/trpc failed: ${error instanceof Error ? error.message : String(error)}\n`);
    });
    return true;
  };
}

async function answer(req: IncomingMessage, res: ServerResponse, origin: { hostname: string; port: number }, compress: Middleware) {
  // next.config.ts headers(), on every answer, a failed one included.
  for (const { key, value } of SECURITY_HEADERS) res.setHeader(key, value);
  res.setHeader("vary", NEXT_VARY);
  // As Next's base server fills them before a route handler sees the request.
  const encrypted = "encrypted" in req.socket && Boolean(req.socket.encrypted);
  const forwardedProto = req.headers["x-forwarded-proto"];
  const https = forwardedProto ? forwardedProto === "https" : encrypted;
  req.headers["x-forwarded-host"] ??= req.headers.host ?? origin.hostname;
  req.headers["x-forwarded-port"] ??= String(origin.port);
  req.headers["x-forwarded-proto"] ??= https ? "https" : "http";

  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const method = req.method ?? "GET";
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const hasBody = method !== "GET" && method !== "HEAD";
  const request = new Request(`${https ? "https" : "http"}://${origin.hostname}:${origin.port}${req.url}`, {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    signal: controller.signal,
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);

  const response = await serveTrpc(request);
  const body = Buffer.from(await response.arrayBuffer());
  const gzip = plainlyGzip(req, response, body);
  // Next's compression middleware wraps res.writeHead/write/end; its next() is synchronous.
  if (!gzip) compress(req, res, () => {});
  res.statusCode = response.status;
  const setCookies = response.headers.getSetCookie();
  for (const [name, value] of response.headers) {
    if (name === "set-cookie") continue;
    res.setHeader(name, name === "vary" ? `${NEXT_VARY}, ${value}` : value);
  }
  if (setCookies.length) res.setHeader("set-cookie", setCookies);
  // A body left unread (refused as too large) would be taken for the next request on this connection.
  if (!req.complete) res.setHeader("connection", "close");
  if (!gzip) {
    res.end(method === "HEAD" ? undefined : body);
    return;
  }
  // What the middleware would send (its Vary, its Content-Encoding, gzip at zlib's default level), in one piece.
  const vary = String(res.getHeader("vary") ?? "");
  if (!/(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary)) res.setHeader("vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
  res.setHeader("content-encoding", "gzip");
  res.end(gzipSync(body));
}

/** Largest answer gzipped in one call (about 1 ms of blocking at zlib's default level). */
const MAX_ONE_CALL_GZIP = 256 * 1024;

/**
 * True when Next's compression middleware would certainly gzip this answer: not HEAD, JSON, at
 * least its 1 kB threshold, no Cache-Control no-transform, not already encoded, no length set,
 * and an Accept-Encoding that names gzip without weights, `identity` or `*` (its negotiation then
 * picks gzip whatever the order, deflate included). The middleware pipes the body through a gzip
 * stream in chunks, which cost the web process about 0.5 ms per queue-view answer (22 kB);
 * compressed in one call it is about 0.1 ms. Every other answer still goes through the
 * middleware (tests/integration/trpc-node.test.ts sends both ways and compares).
 */
function plainlyGzip(req: IncomingMessage, response: Response, body: Buffer): boolean {
  // Compressed in one call on the event loop: only answers of list size. A large one (a big
  // report, a long history) goes through the middleware's stream, which compresses off the loop.
  if (req.method === "HEAD" || body.length < 1024 || body.length > MAX_ONE_CALL_GZIP) return false;
  const h = response.headers;
  if (!/^application\/json\s*(?:;|$)/i.test(h.get("content-type") ?? "") || h.has("content-encoding") || h.has("content-length")) return false;
  if (/no-transform/i.test(h.get("cache-control") ?? "")) return false;
  const accept = req.headers["accept-encoding"];
  if (typeof accept !== "string" || accept.includes(";")) return false;
  const tokens = accept.split(",").map((t) => t.trim().toLowerCase());
  return tokens.includes("gzip") && !tokens.includes("identity") && !tokens.includes("*");
}
