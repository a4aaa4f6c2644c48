import { db } from "@/db";
import { handleResendWebhook } from "@/server/mail/resend";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * Resend's webhook (svix-signed): `email.received` queues the fetch of the message, delivery
 * events update the outgoing article. Unsigned, wrongly signed or stale requests are refused
 * (4xx, nothing written); when the database is down the answer is 503 and Resend retries.
 */
export async function POST(request: Request): Promise<Response> {
  // The signature covers the exact bytes: read the body as text, never re-serialised JSON.
  const body = await request.text();
  const reply = await handleResendWebhook(db, body, request.headers);
  return Response.json(reply.body, { status: reply.status, headers: { "cache-control": "no-store" } });
}
