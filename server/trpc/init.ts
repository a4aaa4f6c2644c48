import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, type z } from "zod";
import type { Db } from "@/db";
import { type Actor, isAgent } from "@/server/auth/actor";
import type { TicketAction } from "@/server/auth/permissions";
import { loadTicket } from "@/server/services/tickets/scope";
import { logger } from "@/server/logger";
import { toTRPCError } from "./errors";

export type Context = {
  db: Db;
  actor: Actor | null;
  /** A session existed but is no longer valid (user disabled, unapproved, changed). */
  sessionEnded: boolean;
  /** The client's address through the trusted proxies (per-address limits). */
  clientAddress: string;
};

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Live-update streams: a ping every 15 s keeps proxies from cutting an idle stream, and a
  // client that hears nothing for 40 s reconnects (and re-syncs) on its own.
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 } },
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? error.cause.issues.map((i) => ({ path: i.path.join("."), message: i.message })) : null;
    const hidden = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      message: hidden ? "Something went wrong on our side. Please try again; if it keeps happening, tell your administrator." : zod ? "Please check the highlighted fields." : shape.message,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, issues: zod },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const mapErrors = t.middleware(async ({ next, path, type }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause ?? result.error);
    if (mapped.code === "INTERNAL_SERVER_ERROR") logger.error({ err: result.error.cause ?? result.error, path, type }, "procedure failed");
    throw mapped;
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapErrors);

export const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: ctx.sessionEnded ? "Your session has ended. Please sign in again." : "Please sign in." });
  }
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

export const customerProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (ctx.actor.role !== "customer") throw new TRPCError({ code: "FORBIDDEN", message: "This is for customers." });
  return next({ ctx });
});

export const agentProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (!isAgent(ctx.actor)) throw new TRPCError({ code: "FORBIDDEN", message: "This is for agents." });
  return next({ ctx });
});

export const adminProcedure = agentProcedure.use(({ ctx, next }) => {
  if (ctx.actor.role !== "admin") throw new TRPCError({ code: "FORBIDDEN", message: "This is for administrators." });
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
