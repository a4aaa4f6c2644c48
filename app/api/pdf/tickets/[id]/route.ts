import { db } from "@/db";
import { currentActor } from "@/server/auth/session";
import { downloadResponse, errorResponse, textResponse } from "@/server/files/download";
import { ticketPdfQuery } from "@/server/schemas/pdf";
import { id } from "@/server/schemas/tickets";
import { ticketPdfFile } from "@/server/services/tickets/pdf";

// react-pdf and the embedded fonts need Node (file system, Buffer).
export const runtime = "nodejs";

/** A ticket as PDF: agents with `ro` on its queue, customers their own tickets (public articles only). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor) return textResponse(db, actor, 401, "errors.signInFirst");
  const ticketId = id.safeParse((await params).id);
  const query = ticketPdfQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!ticketId.success || !query.success) return textResponse(db, actor, 404, "errors.notFoundPlain");
  try {
    return downloadResponse(await ticketPdfFile(db, actor, ticketId.data, query.data));
  } catch (error) {
    return errorResponse(db, actor, error);
  }
}
