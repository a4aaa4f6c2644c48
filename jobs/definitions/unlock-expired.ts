import { z } from "zod";
import { defineJob } from "../define";

/** Every minute: tickets whose owner went quiet past the queue's unlock timeout are unlocked. */
export const unlockExpired = defineJob({
  name: "tickets.unlock-expired",
  payload: z.object({}).passthrough(),
  cron: "* * * * *",
  queue: { retryLimit: 3, retryDelay: 30, policy: "singleton" },
});
