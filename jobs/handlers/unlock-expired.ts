import { logger } from "@/server/logger";
import { releaseExpiredLocks } from "@/server/services/tickets/locks";
import { handleJob } from "../handle";
import { unlockExpired } from "../definitions/unlock-expired";

export const unlockExpiredHandler = handleJob(unlockExpired, async (db) => {
  const released = await releaseExpiredLocks(db);
  if (released > 0) logger.info({ released }, "released expired ticket locks");
  return { released };
});
