import { inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { tickets } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { translate } from "@/server/i18n/translate";
import { AppError, notFound } from "@/server/errors";
import { logger } from "@/server/logger";
import type { BulkInput } from "@/server/schemas/workspace";
import { closeTicket, lockTicket, moveTicket, setOwner, setPriority, setState, unlockTicket } from "./change";
import { setClassification } from "./classification";
import { mergeTicket } from "./merge";

export type BulkResult = { ticketId: number; ok: boolean; changed?: boolean; code?: string; error?: string };

/**
 * Applies one action to many tickets, each in its own transaction through the same service an
 * agent would use on one ticket, so permissions, locks and history are the same. A refusal is
 * reported for that ticket and the rest go on.
 */
export async function bulkAction(db: Db, actor: Actor, input: BulkInput): Promise<{ results: BulkResult[]; done: number; refused: number }> {
  // The version read here only lets each change detect a concurrent edit; permissions are checked by the service.
  const rows = await db.select({ id: tickets.id, version: tickets.version }).from(tickets).where(inArray(tickets.id, input.ticketIds));
  const versions = new Map(rows.map((r) => [r.id, r.version]));
  const results: BulkResult[] = [];
  for (const ticketId of input.ticketIds) {
    try {
      const version = versions.get(ticketId);
      if (version === undefined) throw notFound();
      const { changed } = await applyOne(db, actor, input, ticketId, version);
      results.push({ ticketId, ok: true, changed });
    } catch (error) {
      results.push({ ticketId, ok: false, ...describe(error, ticketId, input.action, actor.language) });
    }
  }
  const done = results.filter((r) => r.ok).length;
  return { results, done, refused: results.length - done };
}

async function applyOne(db: Db, actor: Actor, input: BulkInput, ticketId: number, version: number): Promise<{ changed: boolean }> {
  const base = { ticketId, version };
  switch (input.action) {
    case "move":
      return moveTicket(db, actor, { ...base, queueId: input.params.queueId });
    case "state":
      return setState(db, actor, { ...base, ...input.params });
    case "priority":
      return setPriority(db, actor, { ...base, priorityId: input.params.priorityId });
    case "owner":
      return setOwner(db, actor, { ...base, ownerId: input.params.ownerId });
    case "classify":
      return setClassification(db, actor, { ...base, ...input.params });
    case "lock":
      return lockTicket(db, actor, base);
    case "unlock":
      return unlockTicket(db, actor, base);
    case "close":
      return closeTicket(db, actor, base);
    case "merge":
      await mergeTicket(db, actor, { ...base, ...input.params });
      return { changed: true };
  }
}

/** Per-ticket refusals are read by the acting agent, so they are in the agent's language. */
function describe(error: unknown, ticketId: number, action: string, language: string): { code: string; error: string } {
  if (error instanceof AppError) return { code: error.code, error: error.in(language) };
  logger.error({ err: error, ticketId, action }, "bulk action failed on a ticket");
  return { code: "INTERNAL", error: translate(language, "errors.bulkTicketFailed") };
}
