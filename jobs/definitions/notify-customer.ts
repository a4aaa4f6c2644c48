import { z } from "zod";
import { defineJob } from "../define";

/**
 * Tells the customer that someone else closed their ticket. Keyed by the ticket version that
 * closed it: a retry sends nothing twice, a later close sends again.
 */
export const notifyCustomer = defineJob({
  name: "notify.customer",
  payload: z.object({ ticketId: z.number().int(), event: z.literal("ticket_closed"), version: z.number().int() }),
  queue: { retryLimit: 5, retryDelay: 30, heartbeatSeconds: 30 },
});
