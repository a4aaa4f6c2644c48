export type AppErrorCode =
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "INVALID_STATE"
  | "BAD_INPUT"
  | "RATE_LIMITED";

/** The one error services throw; server/trpc/errors.ts maps it to tRPC codes. */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const notFound = (what = "Ticket") => new AppError("NOT_FOUND", `${what} not found`);

/** Postgres unique violation (23505) → CONFLICT, with a message a form can show. */
export function fromDbError(error: unknown, message = "This already exists"): unknown {
  const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  if (code === "23505") return new AppError("CONFLICT", message, { cause: error });
  return error;
}
