import type { Db } from "@/db";
import type { Actor } from "@/server/auth/actor";
import { AppError, type ErrorKey } from "@/server/errors";
import { readerLanguage } from "@/server/i18n/reader-language";
import { type TextParams, translate } from "@/server/i18n/translate";
import { isCrossSite } from "@/server/http/guards";
import { logger } from "@/server/logger";
import { acceptUpload, tooLarge, uploadLimits } from "@/server/services/uploads";

/** Room for the multipart boundary and part headers around the one file. */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * POST /api/uploads without the session lookup: one file in the multipart field "file",
 * answered with JSON `{ id, filename, contentType, size }` (201) or `{ error }` with a
 * sentence for the user. The body is never read past the size limit.
 */
export async function handleUpload(db: Db, actor: Actor | null, request: Request): Promise<Response> {
  const language = await readerLanguage(db, actor?.language);
  const refuse = (status: number, key: ErrorKey, params?: TextParams) => json(status, { error: translate(language, key, params) });
  if (!actor) return refuse(401, "errors.uploadSignedOut");
  // Cross-site forms could post here with the user's cookie; browsers say where a request comes from.
  if (isCrossSite(request)) return refuse(403, "errors.uploadCrossSite");

  const limits = await uploadLimits(db);
  const cap = limits.maxBytes + MULTIPART_OVERHEAD;
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > cap) return refuse(413, ...tooLarge(null, null, limits.maxBytes));
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type) || !request.body) return refuse(400, "errors.uploadNotMultipart");

  let overLimit = false;
  let read = 0;
  const limited = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (read > cap) {
          overLimit = true;
          controller.error(new Error("upload over the size limit"));
        } else controller.enqueue(chunk);
      },
    }),
  );
  let form: FormData;
  try {
    form = await new Response(limited, { headers: { "content-type": type } }).formData();
  } catch {
    if (overLimit) return refuse(413, ...tooLarge(null, null, limits.maxBytes));
    return refuse(400, "errors.uploadInterrupted");
  }

  const files = form.getAll("file");
  const file = files[0];
  if (files.length !== 1 || !(file instanceof File)) return refuse(400, "errors.uploadOneFile");
  if (file.size > limits.maxBytes) return refuse(413, ...tooLarge(file.name, file.size, limits.maxBytes));

  try {
    const upload = await acceptUpload(db, actor, { filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()), declaredType: file.type });
    return json(201, upload);
  } catch (error) {
    if (error instanceof AppError && error.code === "BAD_INPUT") return json(400, { error: error.in(language) });
    if (error instanceof AppError && error.code === "RATE_LIMITED") return json(429, { error: error.in(language) });
    logger.error({ err: error, userId: actor.id, filename: file.name }, "upload failed");
    return refuse(500, "errors.uploadFailed");
  }
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store", "x-content-type-options": "nosniff" } });
