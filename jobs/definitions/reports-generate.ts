import { z } from "zod";
import { defineJob } from "../define";

/** Generates one report run (PDF or CSV), keeps the file and mails it to the schedule's recipients. */
export const reportsGenerate = defineJob({
  name: "reports.generate",
  payload: z.object({ runId: z.number().int().positive() }),
  queue: { retryLimit: 3, retryDelay: 30, expireInSeconds: 15 * 60 },
});
