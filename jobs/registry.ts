import { autoRespond } from "./auto-respond";
import { notifyAgents } from "./notify-agents";
import { sendMail } from "./send-mail";
import { unlockExpired } from "./unlock-expired";

export const JOBS = {
  [unlockExpired.name]: unlockExpired,
  [sendMail.name]: sendMail,
  [autoRespond.name]: autoRespond,
  [notifyAgents.name]: notifyAgents,
} as const;

export type JobName = keyof typeof JOBS;
