import { z } from "zod";
import { id } from "./tickets";

export const liveEventsInput = z
  .object({
    /** Set by httpSubscriptionLink when it reconnects: the stream had a gap. */
    lastEventId: z.string().max(100).nullish(),
  })
  .optional();

export const presenceHeartbeatInput = z.object({ ticketId: id, activity: z.enum(["viewing", "composing"]) });
export const presenceTicketInput = z.object({ ticketId: id });

/**
 * The catalog key of the CONFLICT `article.reply` refuses with when the customer wrote since the draft
 * began; the composer recognises it (error.data.key) and asks before sending again with `confirmed`.
 */
export const NEW_CUSTOMER_ARTICLE_MESSAGE = "errors.newCustomerArticle";
