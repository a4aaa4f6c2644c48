import { db } from "@/db";
import { currentActor } from "@/server/auth/session";
import { downloadResponse, errorResponse, textResponse } from "@/server/files/download";
import { runFileBytes } from "@/server/services/reports/saved";

/** A generated report file (PDF or CSV), for agents who can see its report. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor) return textResponse(db, actor, 401, "errors.signInFirst");
  if (actor.role === "customer") return textResponse(db, actor, 403, "errors.forAgents");
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return textResponse(db, actor, 404, "errors.notFoundPlain");
  try {
    return downloadResponse(await runFileBytes(db, actor, id));
  } catch (error) {
    return errorResponse(db, actor, error);
  }
}
