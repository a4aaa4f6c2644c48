import { z } from "zod";
import { defineJob } from "../define";

/**
 * Agent notifications for a new ticket or a follow-up, in the app and by mail, each as the
 * agent's profile allows; once per agent, channel and article.
 */
export const notifyAgents = defineJob({
  name: "notify.agents",
  payload: z.object({ ticketId: z.number().int(), articleId: z.number().int(), event: z.enum(["new_ticket", "follow_up"]) }),
  queue: { retryLimit: 5, retryDelay: 30 },
});
