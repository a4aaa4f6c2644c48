import { z } from "zod";
import { defineJob } from "../define";

/** Every minute: pending reminders whose time has come (in the queue's working hours) notify once. */
export const pendingReminders = defineJob({
  name: "tickets.pending-reminders",
  payload: z.object({}).passthrough(),
  cron: "* * * * *",
  queue: { retryLimit: 3, retryDelay: 30, policy: "singleton" },
});
