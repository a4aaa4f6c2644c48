import type { Db } from "@/db";
import type { Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { acceptUpload, tooLargeMessage, uploadLimits } from "@/server/services/uploads";

/** Room for the multipart boundary and part headers around the one file. */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * POST /api/uploads without the session lookup: one file in the multipart field "file",
 * answered with JSON `{ id, filename, contentType, size }` (201) or `{ error }` with a
 * sentence for the user. The body is never read past the size limit.
 */
export async function handleUpload(db: Db, actor: Actor | null, request: Request): Promise<Response> {
  if (!actor) return json(401, { error: "Your session has ended. Sign in again, then attach the file once more." });
  // Cross-site forms could post here with the user's cookie; browsers say where a request comes from.
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return json(403, { error: "Uploads are accepted from this site's own pages only." });

  const limits = await uploadLimits(db);
  const cap = limits.maxBytes + MULTIPART_OVERHEAD;
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > cap) return json(413, { error: tooLargeMessage(null, null, limits.maxBytes) });
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type) || !request.body) return json(400, { error: 'Send the file as multipart/form-data in the field "file".' });

  let tooLarge = false;
  let read = 0;
  const limited = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (read > cap) {
          tooLarge = true;
          controller.error(new Error("upload over the size limit"));
        } else controller.enqueue(chunk);
      },
    }),
  );
  let form: FormData;
  try {
    form = await new Response(limited, { headers: { "content-type": type } }).formData();
  } catch {
    if (tooLarge) return json(413, { error: tooLargeMessage(null, null, limits.maxBytes) });
    return json(400, { error: "The upload was interrupted or malformed. Try again." });
  }

  const files = form.getAll("file");
  const file = files[0];
  if (files.length !== 1 || !(file instanceof File)) return json(400, { error: 'Send exactly one file in the field "file".' });
  if (file.size > limits.maxBytes) return json(413, { error: tooLargeMessage(file.name, file.size, limits.maxBytes) });

  try {
    const upload = await acceptUpload(db, actor, { filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()), declaredType: file.type });
    return json(201, upload);
  } catch (error) {
    if (error instanceof AppError && error.code === "BAD_INPUT") return json(400, { error: error.message });
    if (error instanceof AppError && error.code === "RATE_LIMITED") return json(429, { error: error.message });
    logger.error({ err: error, userId: actor.id, filename: file.name }, "upload failed");
    return json(500, { error: "Something went wrong on our side while storing the file. Try again in a moment." });
  }
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store", "x-content-type-options": "nosniff" } });
