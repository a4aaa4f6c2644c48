import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A round-robin HTTP load balancer of the simplest kind that production setups use (nginx's
 * `upstream` with `proxy_next_upstream error timeout` and passive health checks):
 * - a request goes to the next upstream that is not marked down;
 * - when the connection to an upstream fails (refused: the process is gone), the upstream is
 *   marked down for `downMs` and the request goes to the next one: nothing reached the dead one,
 *   so this is safe for any method;
 * - when an upstream dies after the request was sent (reset, hang-up, no answer), only GET and
 *   HEAD are tried again elsewhere (nginx's default: it never repeats a non-idempotent request);
 *   a POST then gets 502, and its client decides (a webhook sender retries, an agent sees an error);
 * - bodies are buffered (they are small here), answers are streamed through.
 */
export type BalancerStats = { requests: number; retriedAfterRefused: number; retriedIdempotent: number; badGateway: number; byUpstream: Record<string, number> };
export type Balancer = { url: string; stats: BalancerStats; stop: () => Promise<void> };

export async function startBalancer(upstreams: string[], opts: { port: number; downMs?: number; timeoutMs?: number }): Promise<Balancer> {
  const downMs = opts.downMs ?? 5_000;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const downUntil = new Map<string, number>();
  const stats: BalancerStats = { requests: 0, retriedAfterRefused: 0, retriedIdempotent: 0, badGateway: 0, byUpstream: Object.fromEntries(upstreams.map((u) => [u, 0])) };
  let next = 0;

  const pick = (tried: Set<string>) => {
    const now = Date.now();
    for (let i = 0; i < upstreams.length; i++) {
      const u = upstreams[(next + i) % upstreams.length]!;
      if (!tried.has(u) && (downUntil.get(u) ?? 0) <= now) {
        next = (next + i + 1) % upstreams.length;
        return u;
      }
    }
    // Every upstream is marked down: try one that was not tried yet anyway (it may be back).
    return upstreams.find((u) => !tried.has(u)) ?? null;
  };

  const server = http.createServer(async (req, res) => {
    stats.requests++;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const idempotent = req.method === "GET" || req.method === "HEAD";
    const headers = { ...req.headers, "x-forwarded-for": [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", ") };
    const tried = new Set<string>();
    for (;;) {
      const upstream = pick(tried);
      if (!upstream) {
        stats.badGateway++;
        res.writeHead(502, { "content-type": "text/plain" }).end("no upstream answered");
        return;
      }
      tried.add(upstream);
      const outcome = await forward(upstream, req, headers, body, res, timeoutMs);
      if (outcome === "answered") {
        stats.byUpstream[upstream]!++;
        return;
      }
      if (outcome === "refused") {
        downUntil.set(upstream, Date.now() + downMs);
        stats.retriedAfterRefused++;
        continue;
      }
      downUntil.set(upstream, Date.now() + downMs);
      if (idempotent && !res.headersSent) {
        stats.retriedIdempotent++;
        continue;
      }
      stats.badGateway++;
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" }).end("upstream failed");
      else res.destroy();
      return;
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(opts.port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function forward(upstream: string, req: http.IncomingMessage, headers: http.OutgoingHttpHeaders, body: Buffer, res: http.ServerResponse, timeoutMs: number): Promise<"answered" | "refused" | "failed"> {
  const target = new URL(upstream);
  return new Promise((resolve) => {
    let connected = false;
    const out = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...headers, "content-length": String(body.byteLength) }, agent, timeout: timeoutMs },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on("end", () => resolve("answered"));
        answer.on("error", () => {
          res.destroy();
          resolve("answered");
        });
      },
    );
    out.on("socket", (socket) => {
      if (!socket.connecting) connected = true;
      else socket.once("connect", () => (connected = true));
    });
    out.on("timeout", () => out.destroy(new Error("upstream timed out")));
    out.on("error", (error: NodeJS.ErrnoException) => {
      if (res.headersSent) {
        res.destroy();
        resolve("answered");
      } else resolve(!connected && error.code === "ECONNREFUSED" ? "refused" : "failed");
    });
    out.end(body);
  });
}
