import { logger } from "@/server/logger";
import { sendDueReminders } from "@/server/services/tickets/pending";
import { handleJob } from "../handle";
import { pendingReminders } from "../definitions/pending-reminders";

export const pendingRemindersHandler = handleJob(pendingReminders, async (db) => {
  const result = await sendDueReminders(db);
  if (result.reminded > 0) logger.info(result, "sent pending reminders");
  return result;
});
