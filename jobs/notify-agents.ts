import { z } from "zod";
import { AGENT_NOTIFICATION_EVENTS, notifyAgentsOf } from "@/server/services/notifications/agents";
import { defineJob } from "./define";

/** Agent notifications, as the admin's notification rules and each agent's profile decide. */
export const notifyAgents = defineJob({
  name: "notify.agents",
  payload: z.object({
    ticketId: z.number().int(),
    event: z.enum(AGENT_NOTIFICATION_EVENTS),
    articleId: z.number().int().nullish(),
    version: z.number().int().nullish(),
    actorId: z.number().int().nullish(),
  }),
  queue: { retryLimit: 5, retryDelay: 30 },
  handler: (db, payload) => notifyAgentsOf(db, payload),
});
