import type { z } from "zod";
import type { Db } from "@/db";
import type { JobDefinition } from "./define";

/** What runs a job: one call into a service. Must be idempotent: pg-boss retries after a crash. */
export type JobHandler<P extends z.ZodType> = {
  job: JobDefinition<P>;
  run: (db: Db, payload: z.infer<P>) => Promise<unknown>;
};

export function handleJob<P extends z.ZodType>(job: JobDefinition<P>, run: JobHandler<P>["run"]): JobHandler<P> {
  return { job, run };
}
