import { db } from "@/db";
import { currentActor } from "@/server/auth/session";
import { downloadResponse, errorResponse, textResponse } from "@/server/files/download";
import { outboxAttachment } from "@/server/services/admin/mail";

/** A file attached to an outgoing message, by its position in the message (admins only). */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string; index: string }> }) {
  const actor = await currentActor();
  if (!actor) return textResponse(db, actor, 401, "errors.signInFirst");
  if (actor.role !== "admin") return textResponse(db, actor, 403, "errors.forAdministrators");
  const { id: rawId, index: rawIndex } = await params;
  const id = Number(rawId);
  const index = Number(rawIndex);
  if (!Number.isSafeInteger(id) || id <= 0 || !Number.isSafeInteger(index) || index < 0) return textResponse(db, actor, 404, "errors.notFoundPlain");
  try {
    return downloadResponse(await outboxAttachment(db, id, index));
  } catch (error) {
    return errorResponse(db, actor, error);
  }
}
