import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { queues, tickets, users } from "@/db/schema";
import { type Actor, isAgent } from "@/server/auth/actor";
import { queueIdsWith } from "@/server/auth/permissions";
import { visibleTickets } from "@/server/services/tickets/scope";
import { liveNotifications, type LiveNotification } from "./listener";

/** What a browser hears: which ticket changed and how, never the change itself. */
export type LiveEvent =
  | { kind: "ticket_created" | "ticket_changed"; ticketId: number }
  | { kind: "article_added"; ticketId: number; articleId: number; fromCustomer: boolean }
  | { kind: "presence"; ticketId: number }
  | { kind: "resync" };

/** Permissions are re-read at most this often, so a revoked grant stops the stream soon after. */
const SCOPE_TTL_MS = 15_000;

/**
 * The notifications `actor` may hear, as client events. Agents: tickets in queues where they
 * hold `ro` (before or after a move). Customers: their own (or company's) tickets and public
 * articles only; presence is for agents. Ends when the user is disabled or changes role.
 */
export async function* liveEventsFor(db: Tx, actor: Actor, signal?: AbortSignal): AsyncGenerator<LiveEvent> {
  let scope: Scope | null = null;
  for await (const note of liveNotifications(signal)) {
    if (note.kind === "resync") {
      yield note;
      continue;
    }
    if (!scope || scope.loadedAt + SCOPE_TTL_MS < Date.now()) scope = await loadScope(db, actor);
    if (!scope) return;
    if (await scope.allows(note)) yield toClient(note);
  }
}

type Scope = { loadedAt: number; allows: (note: Exclude<LiveNotification, { kind: "resync" }>) => Promise<boolean> | boolean };

async function loadScope(db: Tx, actor: Actor): Promise<Scope | null> {
  const [user] = await db.select({ role: users.role, enabled: users.enabled, approved: users.approved }).from(users).where(eq(users.id, actor.id)).limit(1);
  if (!user || !user.enabled || !user.approved || user.role !== actor.role) return null;
  const loadedAt = Date.now();
  if (isAgent(actor)) {
    const rows = await db.select({ id: queues.id }).from(queues).where(sql`${queues.id} in ${queueIdsWith(actor.id, "ro")}`);
    const sight = new Set(rows.map((r) => r.id));
    return {
      loadedAt,
      allows: (note) => (note.queueId != null && sight.has(note.queueId)) || ("oldQueueId" in note && note.oldQueueId != null && sight.has(note.oldQueueId)),
    };
  }
  return {
    loadedAt,
    // Customers are few per ticket and their scope follows company settings: ask the database.
    allows: async (note) => {
      if (note.kind === "presence" || (note.kind === "article_added" && note.internal)) return false;
      const [row] = await db.select({ id: tickets.id }).from(tickets).where(and(eq(tickets.id, note.ticketId), visibleTickets(actor))).limit(1);
      return Boolean(row);
    },
  };
}

function toClient(note: Exclude<LiveNotification, { kind: "resync" }>): LiveEvent {
  switch (note.kind) {
    case "article_added":
      return { kind: note.kind, ticketId: note.ticketId, articleId: note.articleId, fromCustomer: note.senderType === "customer" };
    case "presence":
      return { kind: note.kind, ticketId: note.ticketId };
    default:
      return { kind: note.kind, ticketId: note.ticketId };
  }
}
