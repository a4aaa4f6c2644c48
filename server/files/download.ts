import type { Tx } from "@/db";
import type { Actor } from "@/server/auth/actor";
import { AppError, type ErrorKey } from "@/server/errors";
import { readerLanguage } from "@/server/i18n/reader-language";
import { translate } from "@/server/i18n/translate";

/** A file as a download that browsers never render or sniff in the app's origin. */
export function downloadResponse(file: { filename: string; contentType: string; bytes: Uint8Array }): Response {
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(file.bytes as BodyInit, {
    headers: {
      "content-type": file.contentType.includes("/") ? file.contentType : "application/octet-stream",
      "content-length": String(file.bytes.byteLength),
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox; frame-ancestors 'none'",
      "cache-control": "private, no-store",
    },
  });
}

/** A refusal as plain text in the reader's language (theirs, else the desk's default). */
export async function textResponse(db: Tx, actor: Actor | null, status: number, key: ErrorKey): Promise<Response> {
  const text = translate(await readerLanguage(db, actor?.language), key);
  return new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

export async function errorResponse(db: Tx, actor: Actor | null, error: unknown): Promise<Response> {
  if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) return textResponse(db, actor, 404, "errors.notFoundPlain");
  throw error;
}
