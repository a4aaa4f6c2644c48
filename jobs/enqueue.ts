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

/**
 * Several jobs of one kind in one statement (pg-boss `insert`), inside the caller's transaction
 * (a batch of messages' side-effect jobs, server/mail/postmaster.ts).
 */
export async function enqueueMany<P extends z.ZodType>(
  tx: Tx,
  job: JobDefinition<P>,
  items: { payload: z.infer<P>; singletonKey?: string }[],
): Promise<void> {
  if (items.length === 0) return;
  const jobs = items.map((i) => ({ data: job.payload.parse(i.payload) as object, ...(i.singletonKey ? { singletonKey: i.singletonKey } : {}) }));
  const boss = await producerBoss(env().DATABASE_URL);
  await boss.insert(job.name, jobs, { db: fromDrizzle(tx as never, sql as never) });
}
