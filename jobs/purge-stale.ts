import { z } from "zod";
import type { Db } from "@/db";
import { logger } from "@/server/logger";
import { purgeStale } from "@/server/services/maintenance/purge";
import { defineJob } from "./define";

/** Hourly: abandoned uploads, long-expired tokens and stale presence rows go. */
export const purgeStaleRows = defineJob({
  name: "maintenance.purge-stale",
  payload: z.object({}).passthrough(),
  cron: "23 * * * *",
  queue: { retryLimit: 3, retryDelay: 60, policy: "singleton" },
  async handler(db: Db) {
    const removed = await purgeStale(db);
    if (removed.uploads + removed.tokens + removed.presence > 0) logger.info(removed, "purged stale rows");
    return removed;
  },
});
