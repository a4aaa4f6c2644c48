import { db } from "@/db";
import { currentActor } from "@/server/auth/session";
import { downloadResponse, errorResponse } from "@/server/files/download";
import { quarantineRaw } from "@/server/services/admin/mail";

/** A quarantined message as it arrived, as an .eml download (admins only). */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor) return new Response("Sign in first", { status: 401 });
  if (actor.role !== "admin") return new Response("This is for administrators", { status: 403 });
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return new Response("Not found", { status: 404 });
  try {
    return downloadResponse(await quarantineRaw(db, id));
  } catch (error) {
    return errorResponse(error);
  }
}
