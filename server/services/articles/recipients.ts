import { and, desc, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { articles, systemAddresses, users } from "@/db/schema";
import { type Actor } from "@/server/auth/actor";
import { getSetting } from "@/server/services/settings";
import { type LoadedTicket, readableTicket } from "@/server/services/tickets/scope";

/**
 * Who a reply goes to by default, for the agent to edit: reply → the customer; reply all → the
 * customer plus everyone else on the last customer mail, never the desk's own addresses.
 */
export async function replyRecipients(db: Tx, actor: Actor, ticketId: number, loaded?: LoadedTicket) {
  const { ticket } = await readableTicket(db, actor, ticketId, "view", loaded);
  if (ticket.isInternal) return { reply: { to: [], cc: [] }, replyAll: { to: [], cc: [] } };
  const [[customer], [last], own, fallbackFrom] = await Promise.all([
    ticket.customerUserId ? db.select({ email: users.email }).from(users).where(eq(users.id, ticket.customerUserId)) : Promise.resolve([]),
    db
      .select({ from: articles.fromAddress, to: articles.toAddresses, cc: articles.ccAddresses })
      .from(articles)
      .where(and(eq(articles.ticketId, ticket.id), eq(articles.senderType, "customer"), eq(articles.channel, "email")))
      .orderBy(desc(articles.id))
      .limit(1),
    db.select({ address: systemAddresses.address }).from(systemAddresses),
    getSetting(db, "mail.default_from"),
  ]);
  const desk = new Set([...own.map((a) => a.address), ...addresses(fallbackFrom)].map((a) => a.toLowerCase()));
  const to = unique([customer?.email ?? addresses(last?.from)[0]].filter((a): a is string => Boolean(a)));
  const seen = new Set([...desk, ...to.map((a) => a.toLowerCase())]);
  const cc = unique([...addresses(last?.from), ...addresses(last?.to), ...addresses(last?.cc)].filter((a) => !seen.has(a.toLowerCase())));
  return { reply: { to, cc: [] as string[] }, replyAll: { to, cc } };
}

/** Bare addresses out of a header value such as `Ann <ann@x.org>, bob@y.org`. */
export function addresses(header: string | null | undefined): string[] {
  if (!header) return [];
  return [...header.matchAll(/[^\s<>,;"]+@[^\s<>,;"]+/g)].map((m) => m[0]);
}

function unique(list: string[]) {
  const seen = new Set<string>();
  return list.filter((a) => {
    const key = a.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

