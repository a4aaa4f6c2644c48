import { z } from "zod";
import { id, ticketRef } from "./tickets";

export const dismissDuplicateInput = ticketRef.extend({ originalId: id });

/** The portal's draft while the customer writes; only the opening of the message is compared. */
export const similarOpenInput = z.object({
  title: z.string().trim().max(300),
  body: z.string().trim().max(20_000).transform((b) => b.slice(0, 2000)),
});
