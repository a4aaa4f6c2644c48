import { env } from "@/server/env";

/**
 * CSRF guard for route handlers that change state. Browsers say where a request comes from:
 * Sec-Fetch-Site (all current browsers), else Origin. Only the desk's own pages (or a
 * navigation the person typed, "none") may post with the person's cookie. A request with
 * neither header is not a browser's (scripts, the tests) and carries no ambient cookie risk.
 */
export function isCrossSite(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const site = request.headers.get("sec-fetch-site");
  if (site) return site !== "same-origin" && site !== "none";
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return true; // "null" (sandboxed frames, data: URLs) or garbage
  }
  const own = new Set([new URL(env().APP_URL).host, request.headers.get("host"), new URL(request.url).host]);
  return !own.has(from.host);
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type Capped = { ok: true; request: Request } | { ok: false; status: 413 };

/**
 * Reads a request body up to `max` bytes and hands back an equivalent request; a larger body
 * (declared or streamed) is refused without reading the rest.
 */
export async function capBody(request: Request, max: number): Promise<Capped> {
  if (!request.body) return { ok: true, request };
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > max) return { ok: false, status: 413 };
  const chunks: Uint8Array[] = [];
  let read = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
    if (read > max) {
      await reader.cancel().catch(() => {});
      return { ok: false, status: 413 };
    }
    chunks.push(value);
  }
  const body = new Uint8Array(read);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, request: new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal }) };
}
