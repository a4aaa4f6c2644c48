import { unlockExpired } from "./unlock-expired";

export const JOBS = {
  [unlockExpired.name]: unlockExpired,
} as const;

export type JobName = keyof typeof JOBS;
