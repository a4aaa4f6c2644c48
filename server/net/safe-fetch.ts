import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import type { Tx } from "@/db";
import { allowedHosts, resolvePublicHost } from "./ssrf";

/** `bytes` is null when the body held more than `maxBytes` (the download was cut off there). */
export type FetchedBytes = { status: number; bytes: Uint8Array | null };

/**
 * GET for URLs the server is handed (a provider's signed download link): the host is resolved
 * now and refused when internal (unless allowed), the request goes to the checked address with
 * the host name kept for TLS and the Host header, redirects are not followed, and the body is
 * cut off past `maxBytes`.
 */
export async function fetchBytes(db: Tx, url: string, opts: FetchOptions): Promise<FetchedBytes> {
  return fetchBytesFrom(url, await allowedHosts(db), opts);
}

type FetchOptions = { timeoutMs: number; maxBytes: number };

/** As `fetchBytes`, with the internal hosts that may be reached named by the caller. */
export async function fetchBytesFrom(url: string, allowed: Set<string>, opts: FetchOptions): Promise<FetchedBytes> {
  const target = new URL(url);
  if (target.protocol !== "https:" && target.protocol !== "http:") throw new Error(`refusing to fetch a ${target.protocol} URL`);
  const host = target.hostname.replace(/^\[(.*)\]$/, "$1");
  const address = await resolvePublicHost(host, allowed);
  const client = target.protocol === "https:" ? https : http;
  return new Promise<FetchedBytes>((resolve, reject) => {
    const request = client.request(
      {
        host: address,
        port: target.port || undefined,
        path: `${target.pathname}${target.search}`,
        method: "GET",
        headers: { host: target.host },
        ...(target.protocol === "https:" && !isIP(host) ? { servername: host } : {}),
        timeout: opts.timeoutMs,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const tooBig = () => {
          resolve({ status, bytes: null });
          request.destroy();
        };
        if (Number(response.headers["content-length"] ?? 0) > opts.maxBytes) return tooBig();
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > opts.maxBytes) tooBig();
          else chunks.push(chunk);
        });
        response.on("end", () => resolve({ status, bytes: new Uint8Array(Buffer.concat(chunks)) }));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error("download timed out")));
    request.on("error", reject);
    request.end();
  });
}
