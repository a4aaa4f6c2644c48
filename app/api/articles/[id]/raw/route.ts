import { db } from "@/db";
import { currentActor } from "@/server/auth/session";
import { downloadResponse, errorResponse, textResponse } from "@/server/files/download";
import { rawMessageFor } from "@/server/services/articles/files";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor) return textResponse(db, actor, 401, "errors.signInFirst");
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return textResponse(db, actor, 404, "errors.notFoundPlain");
  try {
    return downloadResponse(await rawMessageFor(db, actor, id));
  } catch (error) {
    return errorResponse(db, actor, error);
  }
}
