import { z } from "zod";
import type { Db } from "@/db";
import { logger } from "@/server/logger";
import { releaseExpiredLocks } from "@/server/services/tickets/locks";
import { defineJob } from "./define";

/** Every minute: tickets whose owner went quiet past the queue's unlock timeout are unlocked. */
export const unlockExpired = defineJob({
  name: "tickets.unlock-expired",
  payload: z.object({}).passthrough(),
  cron: "* * * * *",
  queue: { retryLimit: 3, retryDelay: 30, policy: "singleton" },
  async handler(db: Db) {
    const released = await releaseExpiredLocks(db);
    if (released > 0) logger.info({ released }, "released expired ticket locks");
    return { released };
  },
});
