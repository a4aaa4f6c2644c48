import { z } from "zod";
import { defineJob } from "../define";

/** The queue's auto-response (receipt, follow-up receipt, rejection) to the article's sender. */
export const autoRespond = defineJob({
  name: "mail.auto-respond",
  payload: z.object({ ticketId: z.number().int(), articleId: z.number().int(), type: z.enum(["new_ticket", "follow_up", "reject"]) }),
  queue: { retryLimit: 5, retryDelay: 30, heartbeatSeconds: 30 },
});
