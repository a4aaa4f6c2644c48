import { reconcileResend } from "@/server/mail/resend";
import { handleJob } from "../define";
import { resendReconcile } from "../definitions/resend-reconcile";

export const resendReconcileHandler = handleJob(resendReconcile, (db, { lookbackHours, pageSize }) => reconcileResend(db, { lookbackHours, pageSize }));
