import type { ZodType } from "zod";
import type { JobHandler } from "./handle";
import { archiveClosedHandler } from "./handlers/archive-closed";
import { autoRespondHandler } from "./handlers/auto-respond";
import { notifyAgentsHandler } from "./handlers/notify-agents";
import { notifyCustomerHandler } from "./handlers/notify-customer";
import { pendingAutoCloseHandler } from "./handlers/pending-auto-close";
import { pendingRemindersHandler } from "./handlers/pending-reminders";
import { pollMailboxesHandler } from "./handlers/poll-mailboxes";
import { purgeStaleRowsHandler } from "./handlers/purge-stale";
import { reportsGenerateHandler } from "./handlers/reports-generate";
import { reportsRollupHandler } from "./handlers/reports-rollup";
import { reportsSweepHandler } from "./handlers/reports-sweep";
import { resendFetchHandler } from "./handlers/resend-fetch";
import { resendReconcileHandler } from "./handlers/resend-reconcile";
import { sendMailHandler } from "./handlers/send-mail";
import { slaRecomputeHandler } from "./handlers/sla-recompute";
import { slaSweepHandler } from "./handlers/sla-sweep";
import { unlockExpiredHandler } from "./handlers/unlock-expired";

/** Every job the worker runs, each definition paired with its handler. Only the worker and install read this. */
export const HANDLERS = [
  unlockExpiredHandler,
  sendMailHandler,
  autoRespondHandler,
  notifyAgentsHandler,
  notifyCustomerHandler,
  pollMailboxesHandler,
  resendFetchHandler,
  resendReconcileHandler,
  purgeStaleRowsHandler,
  pendingRemindersHandler,
  pendingAutoCloseHandler,
  archiveClosedHandler,
  slaSweepHandler,
  slaRecomputeHandler,
  reportsSweepHandler,
  reportsGenerateHandler,
  reportsRollupHandler,
] as JobHandler<ZodType>[];
