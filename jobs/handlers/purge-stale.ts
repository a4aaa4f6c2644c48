import { logger } from "@/server/logger";
import { purgeStale } from "@/server/services/maintenance/purge";
import { handleJob } from "../handle";
import { purgeStaleRows } from "../definitions/purge-stale";

export const purgeStaleRowsHandler = handleJob(purgeStaleRows, async (db) => {
  const removed = await purgeStale(db);
  if (removed.uploads + removed.tokens + removed.presence > 0) logger.info(removed, "purged stale rows");
  return removed;
});
