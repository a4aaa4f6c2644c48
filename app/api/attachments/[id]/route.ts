import { db } from "@/db";
import { currentActor } from "@/server/auth/session";
import { downloadResponse, errorResponse, textResponse } from "@/server/files/download";
import { attachmentFor } from "@/server/services/articles/files";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor) return textResponse(db, actor, 401, "errors.signInFirst");
  try {
    return downloadResponse(await attachmentFor(db, actor, (await params).id));
  } catch (error) {
    return errorResponse(db, actor, error);
  }
}
