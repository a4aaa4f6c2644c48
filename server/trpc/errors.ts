import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError } from "zod";
import { AppError, type AppErrorCode, fromDbError } from "@/server/errors";
import { translate } from "@/server/i18n/translate";

const CODES: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INVALID_STATE: "PRECONDITION_FAILED",
  BAD_INPUT: "BAD_REQUEST",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
};

/** Errors whose message is already in the caller's language; the formatter leaves them be. */
const localized = new WeakSet<TRPCError>();
export const isLocalized = (error: TRPCError) => localized.has(error);

/**
 * The one place service errors become tRPC errors, their message translated into `language`;
 * the original stays as `cause`.
 */
export function toTRPCError(error: unknown, language?: string | null): TRPCError {
  const cause = error instanceof TRPCError && error.cause ? error.cause : error;
  const known = fromDbError(cause);
  if (known instanceof AppError) return mark(new TRPCError({ code: CODES[known.code], message: known.in(language), cause: known }));
  if (known instanceof ZodError) return mark(new TRPCError({ code: "BAD_REQUEST", message: translate(language, "errors.checkFields"), cause: known }));
  if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") return error;
  const internal = new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: translate(language, "errors.internal"), cause: error instanceof Error ? error : undefined });
  return mark(internal);
}

function mark(error: TRPCError): TRPCError {
  localized.add(error);
  return error;
}
