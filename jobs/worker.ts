import type { ZodType } from "zod";
import { createDb, type Db } from "@/db";
import { env } from "@/server/env";
import { logger } from "@/server/logger";
import { createWorkerBoss } from "./boss";
import type { JobHandler } from "./handle";
import { HANDLERS } from "./registry";

/** Starts pg-boss and works every registered queue until SIGINT/SIGTERM. */
export async function runWorker() {
  const config = env();
  const db = createDb(config.DATABASE_URL, config.DB_POOL_SIZE);
  const boss = createWorkerBoss(config.DATABASE_URL);
  boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
  await boss.start();
  // WORKER_QUEUES (comma-separated) limits the worker to some queues: a test desk that must not
  // deliver mail can still run the SLA timers.
  const only = process.env.WORKER_QUEUES?.split(",").map((q) => q.trim()).filter(Boolean);
  const handlers = only?.length ? HANDLERS.filter((h) => only.includes(h.job.name)) : HANDLERS;
  // Up to WORKER_BATCH jobs of a queue at once, each settled on its own; a full batch fetches the
  // next at once. One job per fetch with the 0.5 s poll capped every queue at 2 jobs a second per
  // worker (the Resend webhook intake ran at 4 e-mails a second with two workers). Scheduled
  // passes (sweeps, polls, archive) stay one at a time per worker: two sweeps side by side would
  // only skip each other's rows.
  const batchSize = Number(process.env.WORKER_BATCH ?? 8);
  // WORKER_BATCHES_IN_FLIGHT overrides a batched handler's own count; WORKER_RUN_MANY=0 runs every
  // job on its own, one batch at a time, as before batched handlers (benches compare the two).
  const inFlight = process.env.WORKER_BATCHES_IN_FLIGHT ? Number(process.env.WORKER_BATCHES_IN_FLIGHT) : undefined;
  const many = process.env.WORKER_RUN_MANY !== "0";
  for (const found of handlers) {
    const handler = many ? found : { ...found, runMany: undefined };
    const { job } = handler;
    const size = job.cron ? 1 : batchSize;
    const localConcurrency = job.cron ? 1 : handler.runMany ? (inFlight ?? handler.batchesInFlight ?? 1) : 1;
    await boss.work(job.name, { batchSize: size, localConcurrency, pollingIntervalSeconds: 0.5, burstWhenBatchFull: size > 1, perJobResults: true }, (batch) => runBatch(db, handler, batch));
  }
  logger.info({ queues: handlers.map((h) => h.job.name) }, "worker started");
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    logger.info("worker stopping");
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    // A job still running after 4 s is retried later (handlers are idempotent); stopping stays quick.
    await boss.stop({ graceful: true, timeout: 4_000 });
    await db.$client.end({ timeout: 5 });
  };
  // Only a signal ends the process; stop() alone must leave an embedding process (tests) running.
  const onSignal = () => void stop().finally(() => process.exit(0));
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return { boss, stop };
}

// Run directly (`node --import tsx jobs/worker.ts`); not when bundled into a script that calls runWorker itself.
if (process.argv[1]?.endsWith("/jobs/worker.ts") && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  process.env.HELPDESK_PROCESS ??= "worker";
  runWorker().catch((error: unknown) => {
    process.stderr.write(`helpdesk worker: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

type Settled = { id: string; status: "completed" | "failed"; output?: { message: string } };

/** One pg-boss batch of a queue: each job validated, run (together through runMany when the handler has it) and settled on its own. */
async function runBatch(db: Db, { job, run, runMany }: JobHandler<ZodType>, batch: { id: string; data: unknown }[]): Promise<Settled[]> {
  const valid: { id: string; payload: unknown }[] = [];
  const results = new Map<string, Settled>();
  for (const item of batch) {
    const parsed = job.payload.safeParse(item.data ?? {});
    // A retry cannot make a malformed payload valid: log it and let the job complete unrun.
    if (parsed.success) valid.push({ id: item.id, payload: parsed.data });
    else {
      logger.warn({ job: job.name, id: item.id, issues: parsed.error.issues }, "job payload failed validation; dropped");
      results.set(item.id, { id: item.id, status: "completed" });
    }
  }
  const started = Date.now();
  const settled: PromiseSettledResult<unknown>[] =
    runMany && valid.length > 1
      ? await runMany(db, valid.map((v) => v.payload)).catch((error: unknown) => valid.map(() => ({ status: "rejected" as const, reason: error })))
      : await Promise.allSettled(valid.map((v) => run(db, v.payload)));
  valid.forEach(({ id }, i) => {
    const r = settled[i] ?? { status: "rejected" as const, reason: new Error("the batch handler returned no result for this job") };
    if (r.status === "fulfilled") {
      logger.debug({ job: job.name, id, ms: Date.now() - started, result: r.value }, "job done");
      results.set(id, { id, status: "completed" });
    } else {
      logger.warn({ job: job.name, id, err: r.reason }, "job failed; pg-boss retries it");
      results.set(id, { id, status: "failed", output: { message: r.reason instanceof Error ? r.reason.message : String(r.reason) } });
    }
  });
  return batch.map((item) => results.get(item.id)!);
}
