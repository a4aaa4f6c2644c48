import { db } from "@/db";
import { isAgent } from "@/server/auth/actor";
import { currentActor } from "@/server/auth/session";
import { downloadResponse, errorResponse, textResponse } from "@/server/files/download";
import { ticketsPdfQuery } from "@/server/schemas/pdf";
import { ticketsPdfFile } from "@/server/services/tickets/pdf";

export const runtime = "nodejs";

/** The agent list's bulk selection as one PDF or a ZIP of PDFs (agents only; every ticket must be readable). */
export async function GET(request: Request) {
  const actor = await currentActor();
  if (!actor) return textResponse(db, actor, 401, "errors.signInFirst");
  if (!isAgent(actor)) return textResponse(db, actor, 403, "errors.forbidden");
  const query = ticketsPdfQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return textResponse(db, actor, 400, "errors.invalidInput");
  try {
    return downloadResponse(await ticketsPdfFile(db, actor, query.data.ids, query.data));
  } catch (error) {
    return errorResponse(db, actor, error);
  }
}
