import { z } from "zod";
import { defineJob } from "../define";

/**
 * Delivers one outbox row; idempotent (a sent row is skipped, Resend gets an idempotency key).
 * The heartbeat hands the job of a worker that died mid-send to another one within a minute,
 * instead of leaving it active until it expires (15 minutes).
 */
export const sendMail = defineJob({
  name: "mail.send",
  payload: z.object({ outboxId: z.number().int().positive() }),
  queue: { retryLimit: 8, retryDelay: 30, retryBackoff: true, heartbeatSeconds: 30 },
});
