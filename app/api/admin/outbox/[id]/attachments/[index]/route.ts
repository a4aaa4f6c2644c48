import { db } from "@/db";
import { currentActor } from "@/server/auth/session";
import { downloadResponse, errorResponse } from "@/server/files/download";
import { outboxAttachment } from "@/server/services/admin/mail";

/** A file attached to an outgoing message, by its position in the message (admins only). */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string; index: string }> }) {
  const actor = await currentActor();
  if (!actor) return new Response("Sign in first", { status: 401 });
  if (actor.role !== "admin") return new Response("This is for administrators", { status: 403 });
  const { id: rawId, index: rawIndex } = await params;
  const id = Number(rawId);
  const index = Number(rawIndex);
  if (!Number.isSafeInteger(id) || id <= 0 || !Number.isSafeInteger(index) || index < 0) return new Response("Not found", { status: 404 });
  try {
    return downloadResponse(await outboxAttachment(db, id, index));
  } catch (error) {
    return errorResponse(error);
  }
}
