import { type ErrorKey, type TextParams, translate } from "@/server/i18n/translate";

export type { ErrorKey } from "@/server/i18n/translate";

export type AppErrorCode =
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "INVALID_STATE"
  | "BAD_INPUT"
  | "RATE_LIMITED";

/**
 * The one error services throw: a catalog key and its parameters, translated in the caller's
 * language by the tRPC error formatter (server/trpc/errors.ts). `message` is the English text,
 * for logs and for callers outside a request.
 */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    readonly key: ErrorKey,
    readonly params?: TextParams,
    options?: { cause?: unknown },
  ) {
    super(translate("en", key, params), options);
  }

  /** The message in `language` (English when that language has no catalog). */
  in(language: string | null | undefined): string {
    return translate(language, this.key, this.params);
  }
}

export const notFound = (key: ErrorKey = "errors.notFoundTicket") => new AppError("NOT_FOUND", key);

/** Postgres unique violation (23505) → CONFLICT, with a message a form can show. */
export function fromDbError(error: unknown, key: ErrorKey = "errors.alreadyExists"): unknown {
  const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  if (code === "23505") return new AppError("CONFLICT", key, undefined, { cause: error });
  return error;
}
