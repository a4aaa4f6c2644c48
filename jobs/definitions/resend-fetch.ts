import { z } from "zod";
import { defineJob } from "../define";

/**
 * Reads one e-mail received by Resend (webhook `email.received`, or found by `resend.reconcile`)
 * through the receiving API and feeds it to the postmaster. The queue is exclusive per e-mail id
 * (the singleton key), so the webhook and the reconcile pass never fetch the same message at once;
 * the handler is idempotent besides (already received → nothing fetched, Message-ID dedup). The
 * heartbeat retries the fetch of a worker that died meanwhile within a minute, not after 15.
 */
export const resendFetch = defineJob({
  name: "resend.fetch",
  payload: z.object({ emailId: z.string().min(1).max(200) }),
  queue: { policy: "exclusive", retryLimit: 10, retryDelay: 30, retryBackoff: true, expireInSeconds: 15 * 60, heartbeatSeconds: 30 },
});
