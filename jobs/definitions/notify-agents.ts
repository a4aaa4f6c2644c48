import { z } from "zod";
import { defineJob } from "../define";

/**
 * Agent notifications, as the admin's notification rules and each agent's profile decide; once
 * per agent, event, channel and article (or ticket version). The events are spelled out here
 * because a definition imports nothing of the services; server/schemas/admin-config.ts lists the
 * same ones for the rule form.
 */
export const notifyAgents = defineJob({
  name: "notify.agents",
  payload: z.object({
    ticketId: z.number().int(),
    event: z.enum(["new_ticket", "follow_up", "queue_changed", "owner_changed", "escalation"]),
    articleId: z.number().int().nullish(),
    version: z.number().int().nullish(),
    actorId: z.number().int().nullish(),
  }),
  queue: { retryLimit: 5, retryDelay: 30 },
});
