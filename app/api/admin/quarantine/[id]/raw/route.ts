import { db } from "@/db";
import { currentActor } from "@/server/auth/session";
import { downloadResponse, errorResponse, textResponse } from "@/server/files/download";
import { quarantineRaw } from "@/server/services/admin/mail";

/** A quarantined message as it arrived, as an .eml download (admins only). */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor) return textResponse(db, actor, 401, "errors.signInFirst");
  if (actor.role !== "admin") return textResponse(db, actor, 403, "errors.forAdministrators");
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return textResponse(db, actor, 404, "errors.notFoundPlain");
  try {
    return downloadResponse(await quarantineRaw(db, id));
  } catch (error) {
    return errorResponse(db, actor, error);
  }
}
