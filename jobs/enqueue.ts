import { sql } from "drizzle-orm";
import { fromDrizzle } from "pg-boss";
import type { z } from "zod";
import type { Tx } from "@/db";
import { env } from "@/server/env";
import { producerBoss } from "./boss";
import type { JobDefinition } from "./define";

/**
 * Validates the payload and sends the job inside the caller's transaction, so the job exists
 * exactly when the change that caused it was committed.
 */
export async function enqueue<P extends z.ZodType>(
  tx: Tx,
  job: JobDefinition<P>,
  payload: z.infer<P>,
  options: { singletonKey?: string; singletonSeconds?: number; startAfter?: Date } = {},
): Promise<string | null> {
  const data = job.payload.parse(payload) as object;
  const boss = await producerBoss(env().DATABASE_URL);
  return boss.send(job.name, data, { ...options, db: fromDrizzle(tx as never, sql as never) });
}
