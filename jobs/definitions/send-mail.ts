import { z } from "zod";
import { defineJob } from "../define";

/** Delivers one outbox row; idempotent (a sent row is skipped, Resend gets an idempotency key). */
export const sendMail = defineJob({
  name: "mail.send",
  payload: z.object({ outboxId: z.number().int().positive() }),
  queue: { retryLimit: 8, retryDelay: 30, retryBackoff: true },
});
