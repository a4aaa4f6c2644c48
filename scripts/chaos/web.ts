import { createServer, type IncomingMessage } from "node:http";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { eq } from "drizzle-orm";
import { POST as resendWebhook } from "@/app/api/webhooks/resend/route";
import { db } from "@/db";
import { users } from "@/db/schema";
import { loadActor } from "@/server/auth/actor";
import { appRouter } from "@/server/trpc/root";

/**
 * The web process of a chaos run: the desk's own route handlers (the Resend webhook's POST and
 * the tRPC fetch handler over the app router) behind a plain Node server, without Next.js's
 * page rendering. A production build takes minutes on a small machine and pages play no part in
 * ingest or sending; what a kill -9 of the web process can break (a webhook or a reply committed
 * or not when the answer never left) lives in these handlers. The chaos driver names its agent in
 * `x-chaos-user` instead of a session cookie (Auth.js reads cookies through Next's request scope);
 * the actor is loaded exactly as a session's is. Listens on 127.0.0.1 only.
 */
const port = Number(process.env.PORT ?? 3636);

async function actorFor(header: string | undefined) {
  const id = Number(header);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [row] = await db.select({ version: users.sessionVersion }).from(users).where(eq(users.id, id)).limit(1);
  return row ? loadActor(db, id, row.version) : null;
}

function toRequest(req: IncomingMessage, body: Buffer): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(`http://127.0.0.1:${port}${req.url ?? "/"}`, { method: req.method, headers, body: hasBody ? new Uint8Array(body) : undefined });
}

async function route(req: IncomingMessage, body: Buffer): Promise<Response> {
  const request = toRequest(req, body);
  const path = new URL(request.url).pathname;
  if (path === "/api/webhooks/resend" && req.method === "POST") return resendWebhook(request);
  if (path.startsWith("/api/trpc/")) {
    const actor = await actorFor(req.headers["x-chaos-user"] as string | undefined);
    return fetchRequestHandler({ endpoint: "/api/trpc", req: request, router: appRouter, createContext: async () => ({ db, actor, sessionEnded: false, clientAddress: "127.0.0.1" }) });
  }
  if (path === "/health") return new Response("ok");
  return new Response("not found", { status: 404 });
}

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    route(req, Buffer.concat(chunks))
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((error: unknown) => {
        process.stderr.write(`chaos web: ${error instanceof Error ? error.stack : String(error)}\n`);
        res.writeHead(500).end();
      });
  });
}).listen(port, "127.0.0.1", () => process.stdout.write(`chaos web listening on 127.0.0.1:${port}\n`));
