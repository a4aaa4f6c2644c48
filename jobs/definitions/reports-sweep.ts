import { z } from "zod";
import { defineJob } from "../define";

/** Report schedules that came due (`server/services/reports/schedule.ts`): each becomes a run and a `reports.generate` job. */
export const reportsSweep = defineJob({
  name: "reports.sweep",
  payload: z.object({}).passthrough(),
  cron: "* * * * *",
  queue: { retryLimit: 2, retryDelay: 5, expireInSeconds: 120 },
});
