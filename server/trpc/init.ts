import { initTRPC } from "@trpc/server";
import { ZodError, type z } from "zod";
import type { Db } from "@/db";
import { type Actor, isAgent } from "@/server/auth/actor";
import type { TicketAction } from "@/server/auth/permissions";
import { loadTicket } from "@/server/services/tickets/scope";
import { AppError } from "@/server/errors";
import { readerLanguage } from "@/server/i18n/reader-language";
import { translate } from "@/server/i18n/translate";
import { logger } from "@/server/logger";
import { isLocalized, toTRPCError } from "./errors";
import { transformer } from "./transformer";

export type Context = {
  db: Db;
  actor: Actor | null;
  /** A session existed but is no longer valid (user disabled, unapproved, changed). */
  sessionEnded: boolean;
  /** The client's address through the trusted proxies (per-address limits). */
  clientAddress: string;
};

const t = initTRPC.context<Context>().create({
  // superjson on the wire (the client decodes with superjson), answers written by a faster walk.
  transformer,
  // Live-update streams: a ping every 15 s keeps proxies from cutting an idle stream, and a
  // client that hears nothing for 40 s reconnects (and re-syncs) on its own.
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 } },
  // Errors that passed mapErrors are already in the caller's language; the rest (tRPC's own,
  // e.g. a malformed request) are phrased here, never with their raw text when internal.
  errorFormatter({ shape, error, ctx }) {
    const zod = error.cause instanceof ZodError ? error.cause.issues.map((i) => ({ path: i.path.join("."), message: i.message })) : null;
    const language = ctx?.actor?.language;
    const message = isLocalized(error)
      ? shape.message
      : error.code === "INTERNAL_SERVER_ERROR"
        ? translate(language, "errors.internal")
        : zod
          ? translate(language, "errors.checkFields")
          : shape.message;
    // The key lets a client recognise an error without comparing translated text.
    const key = error.cause instanceof AppError ? error.cause.key : null;
    return {
      ...shape,
      message,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, issues: zod, key },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const mapErrors = t.middleware(async ({ ctx, next, path, type }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause ?? result.error, await callerLanguage(ctx));
    if (mapped.code === "INTERNAL_SERVER_ERROR") logger.error({ err: result.error.cause ?? result.error, path, type }, "procedure failed");
    throw mapped;
  }
  return result;
});

/**
 * PostgreSQL text cannot hold NUL; a NUL anywhere in the input is the caller's mistake (400),
 * never a failed insert (500). Checked on the raw input, before any schema or handler.
 */
const refuseNul = t.middleware(async ({ getRawInput, next }) => {
  if (containsNul(await getRawInput())) throw new AppError("BAD_INPUT", "errors.nulInText");
  return next();
});

export const publicProcedure = t.procedure.use(mapErrors).use(refuseNul);

export const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) {
    throw new AppError("UNAUTHORIZED", ctx.sessionEnded ? "errors.sessionEnded" : "errors.signIn");
  }
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

export const customerProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (ctx.actor.role !== "customer") throw new AppError("FORBIDDEN", "errors.forCustomers");
  return next({ ctx });
});

export const agentProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (!isAgent(ctx.actor)) throw new AppError("FORBIDDEN", "errors.forAgents");
  return next({ ctx });
});

export const adminProcedure = agentProcedure.use(({ ctx, next }) => {
  if (ctx.actor.role !== "admin") throw new AppError("FORBIDDEN", "errors.forAdministrators");
  return next({ ctx });
});

/**
 * A procedure on one ticket: validates the input first (bad input is BAD_REQUEST before any
 * database read), then loads the ticket once, checking the OTRS permission that `action` needs
 * on its queue (customers: that the ticket is theirs), and hands `{ ticket, permissions }` to the
 * procedure as `ctx.loaded`, for the service. Input must carry `ticketId`.
 */
export function ticketProcedure<S extends z.ZodType<{ ticketId: number }>>(action: TicketAction, input: S, base = signedInProcedure) {
  return base.input(input).use(async ({ ctx, input, next }) => {
    const loaded = await loadTicket(ctx.db, ctx.actor, (input as { ticketId: number }).ticketId, action);
    return next({ ctx: { ...ctx, loaded } });
  });
}

/** The caller's language, else the desk's default; English when even that cannot be read. */
async function callerLanguage(ctx: Context): Promise<string> {
  try {
    return await readerLanguage(ctx.db, ctx.actor?.language);
  } catch {
    return ctx.actor?.language ?? "en";
  }
}

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (depth > 32 || value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.some((item) => containsNul(item, depth + 1));
  return Object.entries(value).some(([key, item]) => key.includes("\u0000") || containsNul(item, depth + 1));
}
