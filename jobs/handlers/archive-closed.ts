import { logger } from "@/server/logger";
import { archiveClosedTickets } from "@/server/services/tickets/archive";
import { handleJob } from "../handle";
import { archiveClosed } from "../definitions/archive-closed";

export const archiveClosedHandler = handleJob(archiveClosed, async (db) => {
  const started = Date.now();
  const result = await archiveClosedTickets(db);
  if (result.archived > 0) logger.info({ ...result, ms: Date.now() - started }, "archived closed tickets");
  return result;
});
