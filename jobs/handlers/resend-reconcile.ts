import { reconcileResend } from "@/server/mail/resend";
import { handleJob } from "../handle";
import { resendReconcile } from "../definitions/resend-reconcile";

export const resendReconcileHandler = handleJob(resendReconcile, (db, { lookbackHours, pageSize }) => reconcileResend(db, { lookbackHours, pageSize }));
