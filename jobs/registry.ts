import { autoRespond } from "./auto-respond";
import { notifyAgents } from "./notify-agents";
import { notifyCustomer } from "./notify-customer";
import { pollMailboxes } from "./poll-mailboxes";
import { purgeStaleRows } from "./purge-stale";
import { resendFetch } from "./resend-fetch";
import { resendReconcile } from "./resend-reconcile";
import { sendMail } from "./send-mail";
import { unlockExpired } from "./unlock-expired";

export const JOBS = {
  [unlockExpired.name]: unlockExpired,
  [sendMail.name]: sendMail,
  [autoRespond.name]: autoRespond,
  [notifyAgents.name]: notifyAgents,
  [notifyCustomer.name]: notifyCustomer,
  [pollMailboxes.name]: pollMailboxes,
  [resendFetch.name]: resendFetch,
  [resendReconcile.name]: resendReconcile,
  [purgeStaleRows.name]: purgeStaleRows,
} as const;

export type JobName = keyof typeof JOBS;
