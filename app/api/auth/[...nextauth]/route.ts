import type { NextRequest } from "next/server";
import { handlers } from "@/server/auth";
import { isCrossSite } from "@/server/http/guards";

export const { GET } = handlers;

/** Auth.js's own posts (sign-out, callbacks) are accepted from the desk's pages only. */
export async function POST(request: NextRequest): Promise<Response> {
  if (isCrossSite(request)) return new Response(null, { status: 403 });
  return handlers.POST(request);
}
