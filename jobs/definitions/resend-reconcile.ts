import { z } from "zod";
import { defineJob } from "../define";

/**
 * Every 5 minutes: lists the e-mails Resend received in the last two days and queues
 * `resend.fetch` for each one the desk does not have (a webhook that never came), and re-applies
 * delivery events that arrived before their outbox row knew its Resend id. Does nothing without
 * RESEND_API_KEY. Stately: one run at a time, at most one waiting.
 */
export const resendReconcile = defineJob({
  name: "resend.reconcile",
  payload: z
    .object({ lookbackHours: z.number().int().min(1).max(24 * 30).optional(), pageSize: z.number().int().min(1).max(100).optional() })
    .passthrough(),
  cron: "*/5 * * * *",
  queue: { policy: "stately", retryLimit: 0, expireInSeconds: 10 * 60 },
});
