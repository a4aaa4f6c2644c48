import { db } from "@/db";
import { ticketDuplicates } from "@/db/schema";
import { duplicateTicket } from "./zoom";

type Base = Parameters<typeof duplicateTicket>[0];

/** Another open ticket of the same customer, stored as a suggestion on the ticket (as intake would). */
export async function suggestedOriginal(c: Base) {
  const originalId = await duplicateTicket(c);
  await db.insert(ticketDuplicates).values({ ticketId: c.ticketId, originalId, score: 0.9 }).onConflictDoNothing();
  return originalId;
}
