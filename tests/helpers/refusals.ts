import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { tableCounts, ticketFootprint } from "./db-state";

export type Settled = { outcome: string; result?: unknown; message?: string };

/** The tRPC code a call ended with ("ok" when it succeeded); anything but a TRPCError is rethrown. */
export async function settle(promise: Promise<unknown>): Promise<Settled> {
  try {
    return { outcome: "ok", result: await promise };
  } catch (error) {
    if (error instanceof TRPCError) return { outcome: error.code, message: error.message };
    throw error;
  }
}

/**
 * Runs a call that must be refused with `code` and shows it left nothing behind: the ticket's
 * row, articles and history are unchanged, and so is the row count of every table.
 */
export async function expectRefusedWithoutTrace(ticketId: number, run: () => Promise<unknown>, code: string): Promise<Settled> {
  const countsBefore = await tableCounts();
  const before = await ticketFootprint(ticketId);
  const settled = await settle(run());
  expect(settled.outcome, settled.message).toBe(code);
  expect(await ticketFootprint(ticketId)).toEqual(before);
  expect(await tableCounts()).toEqual(countsBefore);
  return settled;
}
