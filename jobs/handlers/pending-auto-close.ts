import { logger } from "@/server/logger";
import { autoCloseDue } from "@/server/services/tickets/pending";
import { handleJob } from "../handle";
import { pendingAutoClose } from "../definitions/pending-auto-close";

export const pendingAutoCloseHandler = handleJob(pendingAutoClose, async (db) => {
  const result = await autoCloseDue(db);
  if (result.closed > 0) logger.info(result, "closed pending-auto tickets");
  return result;
});
