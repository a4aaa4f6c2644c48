import { z } from "zod";
import { defineJob } from "../define";

/** Hourly: abandoned uploads, long-expired tokens and stale presence rows go. */
export const purgeStaleRows = defineJob({
  name: "maintenance.purge-stale",
  payload: z.object({}).passthrough(),
  cron: "23 * * * *",
  queue: { retryLimit: 3, retryDelay: 60, policy: "singleton" },
});
