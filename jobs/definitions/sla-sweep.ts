import { z } from "zod";
import { defineJob } from "../define";

/**
 * SLA warnings and breaches that came due (`server/services/sla/timers.ts`). Each run first
 * queues the next one ten seconds on (one per ten-second slot, however many runs ask), so the
 * sweep keeps going between the minute's cron runs; the cron restarts the chain after an outage.
 */
export const slaSweep = defineJob({
  name: "sla.sweep",
  payload: z.object({}).passthrough(),
  cron: "* * * * *",
  queue: { retryLimit: 2, retryDelay: 5, expireInSeconds: 120 },
});

export const SLA_SWEEP_EVERY_SECONDS = 10;
