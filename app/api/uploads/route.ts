import { db } from "@/db";
import { currentActor } from "@/server/auth/session";
import { handleUpload } from "@/server/files/upload-request";

/** One file per request, so the form can show each file's progress and its own error. */
export async function POST(request: Request) {
  return handleUpload(db, await currentActor(), request);
}
