import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError } from "zod";
import { AppError, type AppErrorCode, fromDbError } from "@/server/errors";

const CODES: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INVALID_STATE: "PRECONDITION_FAILED",
  BAD_INPUT: "BAD_REQUEST",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
};

/** The one place service errors become tRPC errors; the original stays as `cause`. */
export function toTRPCError(error: unknown): TRPCError {
  const cause = error instanceof TRPCError && error.cause ? error.cause : error;
  const known = fromDbError(cause);
  if (known instanceof AppError) return new TRPCError({ code: CODES[known.code], message: known.message, cause: known });
  if (known instanceof ZodError) return new TRPCError({ code: "BAD_REQUEST", message: "Invalid input", cause: known });
  if (error instanceof TRPCError) return error;
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Internal error", cause: error instanceof Error ? error : undefined });
}
