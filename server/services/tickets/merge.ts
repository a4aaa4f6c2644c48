import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { states, ticketHistory, ticketLinks, timeAccounting } from "@/db/schema";
import { type Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { assertNotLockedByOther, changeTicket } from "./change";
import { moveArticles } from "./lifecycle";
import { resolveOtherTicket } from "./links";
import { type LoadedTicket, loadTicketFor, type TicketRow } from "./scope";

/**
 * Merges a duplicate into the target (rw on both): the source's articles, history, time and
 * links move to the target (the lifecycle carries the articles and the target's wait over); the source keeps only its "merged into" row, takes the merged state
 * and points at the target. One transaction: a refusal writes nothing.
 */
export async function mergeTicket(db: Db, actor: Actor, input: { ticketId: number; version: number; targetTicketId?: number; targetNumber?: string }, loaded?: LoadedTicket) {
  return changeTicket(db, actor, {
    ticketId: input.ticketId,
    loaded: loaded?.ticket,
    version: input.version,
    action: "merge",
    plan: async (source, tx) => {
      if (source.stateType === "merged") throw new AppError("INVALID_STATE", "errors.alreadyMerged");
      const targetId = await resolveOtherTicket(tx, actor, { id: input.targetTicketId, number: input.targetNumber });
      if (targetId === source.id) throw new AppError("BAD_INPUT", "errors.mergeIntoItself");
      const target = await loadTicketFor(tx, actor, targetId, "merge", { forUpdate: true });
      if (target.stateType === "merged") {
        throw new AppError("INVALID_STATE", "errors.mergeTargetMerged", { number: target.number });
      }
      assertSameAudience(source, target);
      await assertNotLockedByOther(tx, actor, target);
      const merged = await mergedState(tx);

      await tx.update(ticketHistory).set({ ticketId: target.id }).where(eq(ticketHistory.ticketId, source.id));
      await tx.update(timeAccounting).set({ ticketId: target.id }).where(eq(timeAccounting.ticketId, source.id));
      await moveLinks(tx, source.id, target.id);
      await moveArticles(tx, actor, source, target, [{ event: "merged_from", oldId: source.id, oldValue: source.number }]);

      return {
        patch: { stateId: merged.id, stateType: merged.type, mergedIntoId: target.id },
        history: [
          { event: "merged_into", newId: target.id, newValue: target.number },
          { event: "state_changed", field: "state", oldId: source.stateId, newId: merged.id, newValue: merged.name },
        ],
      };
    },
  });
}

/**
 * The target's customer will see every public article that moves over, so only tickets of the same
 * customer (or internal tickets among themselves) merge; anything else would show one customer's
 * messages to another. Related requests of different customers are linked instead.
 */
function assertSameAudience(source: TicketRow, target: TicketRow) {
  if (source.isInternal !== target.isInternal) {
    throw new AppError("BAD_INPUT", "errors.mergeInternalWithCustomer");
  }
  if (source.customerUserId !== target.customerUserId || source.customerCompanyId !== target.customerCompanyId) {
    throw new AppError("BAD_INPUT", "errors.mergeOtherCustomer", { number: target.number });
  }
}

async function mergedState(tx: Tx) {
  const [row] = await tx.select().from(states).where(and(eq(states.type, "merged"), eq(states.valid, true))).orderBy(states.id).limit(1);
  if (!row) throw new AppError("INVALID_STATE", "errors.mergedStateMissing");
  return row;
}

/** The source's links now belong to the target; a link that would point at the target itself is dropped. */
async function moveLinks(tx: Tx, sourceId: number, targetId: number) {
  await tx.execute(sql`
    insert into ticket_links (source_ticket_id, target_ticket_id, type, created_by, created_at)
    select case when source_ticket_id = ${sourceId} then ${targetId} else source_ticket_id end,
           case when target_ticket_id = ${sourceId} then ${targetId} else target_ticket_id end,
           type, created_by, created_at
    from ticket_links
    where (source_ticket_id = ${sourceId} and target_ticket_id <> ${targetId})
       or (target_ticket_id = ${sourceId} and source_ticket_id <> ${targetId})
    on conflict do nothing`);
  await tx.execute(sql`delete from ${ticketLinks} where source_ticket_id = ${sourceId} or target_ticket_id = ${sourceId}`);
}
