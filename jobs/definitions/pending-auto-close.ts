import { z } from "zod";
import { defineJob } from "../define";

/** Every minute: pending-auto tickets whose time has come move to their next state (closed). */
export const pendingAutoClose = defineJob({
  name: "tickets.pending-auto-close",
  payload: z.object({}).passthrough(),
  cron: "* * * * *",
  queue: { retryLimit: 3, retryDelay: 30, policy: "singleton" },
});
