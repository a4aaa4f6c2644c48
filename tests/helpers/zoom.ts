import { asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { articles, templates, ticketLinks, tickets, users } from "@/db/schema";
import { createCustomer, createTicket } from "../factories";

type Base = { ticketId: number; queueId: number };

/** Like onFresh, but made per matrix ticket (cases run one ticket per caller profile). */
export function perTicket<T>(make: (c: Base) => Promise<T>, build: (c: Base & { version?: number }, made: T) => unknown) {
  const made = new Map<number, T>();
  return {
    prepare: async (c: Base) => {
      made.set(c.ticketId, await make(c));
    },
    build: (c: Base & { version?: number }) => {
      if (!made.has(c.ticketId)) throw new Error("perTicket: prepare did not run");
      return build(c, made.get(c.ticketId) as T);
    },
  };
}

/** A second ticket in the same queue, from another customer. */
export async function siblingTicket(c: Base) {
  const { id } = await createTicket({ customer: await createCustomer(), queue: { id: c.queueId } });
  return id;
}

/** A second request of the same customer in the same queue: what a merge is for. */
export async function duplicateTicket(c: Base) {
  const [row] = await db.select({ customer: users }).from(tickets).innerJoin(users, eq(users.id, tickets.customerUserId)).where(eq(tickets.id, c.ticketId));
  if (!row) throw new Error("ticket has no customer");
  const { id } = await createTicket({ customer: row.customer, queue: { id: c.queueId } });
  return id;
}

export async function linkedSibling(c: Base) {
  const id = await siblingTicket(c);
  await db.insert(ticketLinks).values({ sourceTicketId: c.ticketId, targetTicketId: id, type: "normal" });
  return id;
}

export async function firstArticle(c: Base) {
  const [row] = await db.select({ id: articles.id }).from(articles).where(eq(articles.ticketId, c.ticketId)).orderBy(asc(articles.id)).limit(1);
  if (!row) throw new Error("ticket has no article");
  return row.id;
}

let templateCount = 0;
export async function createTemplate(values: Partial<typeof templates.$inferInsert> = {}) {
  templateCount += 1;
  const [row] = await db
    .insert(templates)
    .values({ name: `Template ${Date.now()}-${templateCount}-${Math.random().toString(36).slice(2, 8)}`, kinds: ["reply", "note"], body: "Hello <CUSTOMER_NAME>, about ticket <TICKET_NUMBER> (<QUEUE_NAME>). <AGENT_NAME>", ...values })
    .returning();
  return row!;
}
