import { createServer } from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { appendPeer } from "@/server/auth/client-address-chain";
import { trpcListener } from "@/server/http/trpc-node";

/**
 * The production web server: Next.js behind a plain Node server that appends the peer's socket
 * address to X-Forwarded-For, as a proxy does. `next start` alone fills the header only when the
 * client sent none, so a client could name any address; here the rightmost entry is always the
 * peer and TRUSTED_PROXY_HOPS decides how many entries left of it are believed.
 */
const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
// Like `next start`: every interface unless -H names one.
const hostname = values.hostname;

const app = next({ dev: false, hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();
// /api/trpc (but live updates) is answered here with Next's route's own handler, without Next's request plumbing.
const trpc = trpcListener({ hostname: hostname ?? "localhost", port });
const server = createServer((req, res) => {
  req.headers["x-forwarded-for"] = appendPeer(req.headers["x-forwarded-for"], req.socket.remoteAddress);
  if (!trpc(req, res)) void handle(req, res);
});
server.once("error", (error: NodeJS.ErrnoException) => {
  const reason = error.code === "EADDRINUSE" ? `port ${port} is already in use: stop what uses it, or choose another port` : error.message;
  process.stderr.write(`helpdesk web: ${reason}\n`);
  process.exit(1);
});
server.listen(port, hostname, () => {
  process.stdout.write(JSON.stringify({ level: "info", time: new Date().toISOString(), service: "web", msg: `listening on ${hostname ?? "*"}:${port}` }) + "\n");
});

// Finish the requests in flight; live-update streams never end on their own, so close them after 2 s.
const stop = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => server.closeAllConnections(), 2_000).unref();
  setTimeout(() => process.exit(0), 4_000).unref();
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
// Started by the supervisor (scripts/start.ts) with an IPC channel: stop when it goes away.
if (process.connected) process.once("disconnect", stop);
