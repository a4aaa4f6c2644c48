import { and, asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import { users } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { holdsOnQueue } from "@/server/auth/permissions";
import { loadTicketFor } from "@/server/services/tickets/scope";

/** Enabled agents holding `owner` on the ticket's queue (through valid groups and roles only). */
export async function listAssignableAgents(db: Tx, actor: Actor, ticketId: number) {
  const ticket = await loadTicketFor(db, actor, ticketId, "view");
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(inArray(users.role, ["agent", "admin"]), eq(users.enabled, true), holdsOnQueue(users.id, ticket.queueId, "owner")))
    .orderBy(asc(users.name));
}
