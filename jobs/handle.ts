import type { z } from "zod";
import type { Db } from "@/db";
import type { JobDefinition } from "./define";

/** What runs a job: one call into a service. Must be idempotent: pg-boss retries after a crash. */
export type JobHandler<P extends z.ZodType> = {
  job: JobDefinition<P>;
  run: (db: Db, payload: z.infer<P>) => Promise<unknown>;
  /**
   * Optional: runs a whole batch of the queue's jobs in one call (e.g. several e-mails written in
   * one transaction), settled one by one in the payloads' order, so each job still completes or
   * fails (and is retried) on its own. The worker uses it instead of `run` when present.
   */
  runMany?: (db: Db, payloads: z.infer<P>[]) => Promise<PromiseSettledResult<unknown>[]>;
  /** Batches of this queue the worker works at once (pg-boss localConcurrency; 1 when unset). */
  batchesInFlight?: number;
};

export function handleJob<P extends z.ZodType>(job: JobDefinition<P>, run: JobHandler<P>["run"], batched?: Pick<JobHandler<P>, "runMany" | "batchesInFlight">): JobHandler<P> {
  return { job, run, ...batched };
}
