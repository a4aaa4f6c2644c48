import type { Queue } from "pg-boss";
import type { z } from "zod";

/**
 * What a job is: its queue name, payload schema and pg-boss options. Definitions import nothing
 * of the desk, so any service can enqueue one without importing the code that runs it.
 */
export type JobDefinition<P extends z.ZodType> = {
  name: string;
  payload: P;
  /** Run on this cron schedule (UTC) as well as on demand. */
  cron?: string;
  queue?: Omit<Queue, "name">;
};

export function defineJob<P extends z.ZodType>(job: JobDefinition<P>): JobDefinition<P> {
  return job;
}
