import { z } from "zod";
import { defineJob } from "../define";

/** Nightly (02:17 UTC): closed tickets older than the admin's archive period are flagged archived. */
export const archiveClosed = defineJob({
  name: "tickets.archive-closed",
  payload: z.object({}).passthrough(),
  cron: "17 2 * * *",
  // A large first archive may take minutes; it resumes where it stopped on a retry.
  queue: { retryLimit: 3, retryDelay: 300, policy: "singleton", expireInSeconds: 3600 },
});
