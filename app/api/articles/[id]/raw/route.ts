import { db } from "@/db";
import { currentActor } from "@/server/auth/session";
import { downloadResponse, errorResponse } from "@/server/files/download";
import { rawMessageFor } from "@/server/services/articles/files";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor) return new Response("Sign in first", { status: 401 });
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return new Response("Not found", { status: 404 });
  try {
    return downloadResponse(await rawMessageFor(db, actor, id));
  } catch (error) {
    return errorResponse(error);
  }
}
