import type { Queue } from "pg-boss";
import type { z } from "zod";
import type { Db } from "@/db";

export type JobDefinition<P extends z.ZodType> = {
  name: string;
  payload: P;
  /** Run on this cron schedule (UTC) as well as on demand. */
  cron?: string;
  queue?: Omit<Queue, "name">;
  /** Must be idempotent: pg-boss retries after a crash. */
  handler: (db: Db, payload: z.infer<P>) => Promise<unknown>;
};

export function defineJob<P extends z.ZodType>(job: JobDefinition<P>): JobDefinition<P> {
  return job;
}
