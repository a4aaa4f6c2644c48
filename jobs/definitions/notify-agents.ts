import { z } from "zod";
import { NOTIFICATION_EVENTS } from "@/server/schemas/admin-config";
import { defineJob } from "../define";

/**
 * Agent notifications, as the admin's notification rules and each agent's profile decide; once
 * per agent, event, channel and article (or ticket version). The events are the rule form's own
 * list (a schema module: zod only, no services).
 */
export const notifyAgents = defineJob({
  name: "notify.agents",
  payload: z.object({
    ticketId: z.number().int(),
    event: z.enum(NOTIFICATION_EVENTS),
    articleId: z.number().int().nullish(),
    version: z.number().int().nullish(),
    actorId: z.number().int().nullish(),
  }),
  queue: { retryLimit: 5, retryDelay: 30, heartbeatSeconds: 30 },
});
