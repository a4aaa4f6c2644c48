import { z } from "zod";
import { defineJob } from "../define";

/**
 * Every five minutes: the reports' daily rollup rolls up the days completed since, and recomputes
 * the days marked dirty (server/services/reports/rollup-refresh.ts). The first run on a large desk
 * fills years a month per transaction and resumes where it stopped on a retry.
 */
export const reportsRollup = defineJob({
  name: "reports.rollup",
  payload: z.object({}).passthrough(),
  cron: "*/5 * * * *",
  queue: { retryLimit: 3, retryDelay: 60, policy: "singleton", expireInSeconds: 3600 },
});
