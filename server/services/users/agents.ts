import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { users } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { loadTicketFor } from "@/server/services/tickets/scope";

/** Enabled agents holding `owner` on the ticket's queue. */
export async function listAssignableAgents(db: Tx, actor: Actor, ticketId: number) {
  const ticket = await loadTicketFor(db, actor, ticketId, "view");
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(
      and(
        inArray(users.role, ["agent", "admin"]),
        eq(users.enabled, true),
        sql`exists (
          select 1 from queues q where q.id = ${ticket.queueId} and q.group_id in (
            select group_id from user_group_permissions where user_id = ${users.id} and permission in ('owner','rw')
            union select rgp.group_id from role_group_permissions rgp join user_roles ur on ur.role_id = rgp.role_id
              where ur.user_id = ${users.id} and rgp.permission in ('owner','rw')))`,
      ),
    )
    .orderBy(asc(users.name));
}
