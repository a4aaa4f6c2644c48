import { serveTrpc } from "@/server/trpc/http-handler";

// The production web server (scripts/web.ts) answers /api/trpc itself with the same handler;
// this route serves it under `next dev` and `next start`.
const handler = (req: Request) => serveTrpc(req);

export { handler as GET, handler as POST };
