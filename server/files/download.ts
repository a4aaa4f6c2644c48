import { AppError } from "@/server/errors";

/** A file as a download that browsers never render or sniff in the app's origin. */
export function downloadResponse(file: { filename: string; contentType: string; bytes: Uint8Array }): Response {
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(file.bytes as BodyInit, {
    headers: {
      "content-type": file.contentType.includes("/") ? file.contentType : "application/octet-stream",
      "content-length": String(file.bytes.byteLength),
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, no-store",
    },
  });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) {
    return new Response("Not found", { status: 404 });
  }
  throw error;
}
