import { desc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import { articles, tickets } from "@/db/schema";
import type { Parsed } from "./parse";

export type FollowUp = { ticketId: number; via: "subject" | "headers" | "body" };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Ticket numbers after the hook ("Ticket#2026…"), in order of appearance; prefixes like AW:/RE:/Fwd: don't matter. */
export function hookNumbers(text: string, hook: string): string[] {
  const re = new RegExp(`${escape(hook)}\\s*:?\\s*(\\d{10,20})`, "gi");
  return [...text.matchAll(re)].map((m) => m[1]!).filter(Boolean);
}

/**
 * Follow-up detection, first match wins: ticket number with the hook in the subject, then
 * In-Reply-To / References (and a bounce's returned Message-ID) against every known Message-ID
 * (the customer's mail and our replies), then (if the account allows) a hooked number in the body.
 */
export async function findFollowUp(db: Tx, p: Parsed, opts: { hook: string; byBody: boolean }): Promise<FollowUp | null> {
  for (const number of hookNumbers(p.subject, opts.hook)) {
    const [row] = await db.select({ id: tickets.id, mergedIntoId: tickets.mergedIntoId }).from(tickets).where(eq(tickets.number, number)).limit(1);
    if (row) return { ticketId: row.mergedIntoId ?? row.id, via: "subject" };
  }
  // In-Reply-To first, then References from the newest to the oldest, then (for a delivery
  // report) the returned message itself, so a bounce lands on the ticket of the mail it returns.
  const ids = [...new Set([...p.inReplyTo, ...[...p.references].reverse(), ...p.returnedMessageIds])].slice(0, 100);
  if (ids.length) {
    const rows = await db
      .select({ messageId: articles.messageId, ticketId: articles.ticketId, mergedIntoId: tickets.mergedIntoId })
      .from(articles)
      .innerJoin(tickets, eq(tickets.id, articles.ticketId))
      .where(inArray(articles.messageId, ids))
      .orderBy(desc(articles.id));
    const best = ids.map((id) => rows.find((r) => r.messageId === id)).find(Boolean);
    if (best) return { ticketId: best.mergedIntoId ?? best.ticketId, via: "headers" };
  }
  if (opts.byBody) {
    for (const number of hookNumbers(p.text, opts.hook)) {
      const [row] = await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.number, number)).limit(1);
      if (row) return { ticketId: row.id, via: "body" };
    }
  }
  return null;
}
