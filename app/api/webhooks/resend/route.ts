import { db } from "@/db";
import { readCappedBody } from "@/server/http/capped-body";
import { handleResendWebhook, MAX_WEBHOOK_BODY } from "@/server/mail/resend";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * Resend's webhook (svix-signed): `email.received` queues the fetch of the message, delivery
 * events update the outgoing article. Unsigned, wrongly signed or stale requests are refused
 * (4xx, nothing written); when the database is down the answer is 503 and Resend retries. A body
 * over the cap is answered 413 at once: a declared Content-Length over it before reading, a longer
 * body at the first chunk past it; nothing beyond the cap is buffered.
 */
export async function POST(request: Request): Promise<Response> {
  const bytes = await readCappedBody(request, MAX_WEBHOOK_BODY);
  if (!bytes) return Response.json({ error: "payload too large" }, { status: 413, headers: { "cache-control": "no-store" } });
  // The signature covers the exact bytes: read the body as text, never re-serialised JSON.
  const reply = await handleResendWebhook(db, bytes.toString("utf8"), request.headers);
  return Response.json(reply.body, { status: reply.status, headers: { "cache-control": "no-store" } });
}
