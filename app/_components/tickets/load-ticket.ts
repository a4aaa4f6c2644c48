import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getQueryClient, trpc } from "@/server/trpc/server";

/**
 * Loads ticket.get into this request's query client (so the page hydrates with it) and turns
 * "not yours / not there" into the area's 404, which tells nobody whether the ticket exists.
 * Cached per request: the page and its metadata share one load.
 */
export const loadTicketOrNotFound = cache(async (rawId: string) => {
  const ticketId = Number(rawId);
  if (!/^\d+$/.test(rawId) || !Number.isSafeInteger(ticketId) || ticketId <= 0) notFound();
  try {
    const data = await getQueryClient().fetchQuery(trpc.ticket.get.queryOptions({ ticketId }));
    return { ticketId, data };
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
});
