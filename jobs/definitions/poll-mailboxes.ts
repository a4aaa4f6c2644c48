import { z } from "zod";
import { defineJob } from "../define";

/**
 * Every minute: polls each valid IMAP account in turn (or just `accountId`, for "poll now").
 * The queue is stately (one active, one queued), so two workers never run it at once and a slow
 * poll cannot pile up a backlog; pollAccount's advisory lock covers on-demand polls of the same
 * account besides.
 */
export const pollMailboxes = defineJob({
  name: "mail.poll-mailboxes",
  payload: z.object({ accountId: z.number().int().positive().optional() }).passthrough(),
  cron: "* * * * *",
  queue: { policy: "stately", retryLimit: 0, expireInSeconds: 30 * 60, heartbeatSeconds: 60 },
});
