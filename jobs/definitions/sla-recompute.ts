import { z } from "zod";
import { defineJob } from "../define";

/** Deadlines of the open tickets an SLA, calendar, company or queue edit may move, recomputed in batches. */
export const slaRecompute = defineJob({
  name: "sla.recompute",
  payload: z.object({
    slaId: z.number().int().optional(),
    calendarId: z.number().int().optional(),
    companyId: z.number().int().optional(),
    queueId: z.number().int().optional(),
    /** Services whose tickets may have changed SLA (an SLA's service list before and after). */
    serviceIds: z.array(z.number().int()).optional(),
  }),
  queue: { retryLimit: 5, retryDelay: 30 },
});
