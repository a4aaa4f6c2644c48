import { z } from "zod";
import { sendAutoResponse } from "@/server/services/notifications/auto-response";
import { defineJob } from "./define";

/** The queue's auto-response to a customer's message; see `sendAutoResponse`. */
export const autoRespond = defineJob({
  name: "mail.auto-respond",
  payload: z.object({ ticketId: z.number().int(), articleId: z.number().int(), type: z.enum(["new_ticket", "follow_up", "reject"]) }),
  queue: { retryLimit: 5, retryDelay: 30 },
  handler: (db, payload) => sendAutoResponse(db, payload),
});
