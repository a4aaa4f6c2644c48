import { createDb } from "@/db";
import { env } from "@/server/env";
import { logger } from "@/server/logger";
import { createWorkerBoss } from "./boss";
import { HANDLERS } from "./registry";

/** Starts pg-boss and works every registered queue until SIGINT/SIGTERM. */
export async function runWorker() {
  const config = env();
  const db = createDb(config.DATABASE_URL, 4);
  const boss = createWorkerBoss(config.DATABASE_URL);
  boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
  await boss.start();
  // WORKER_QUEUES (comma-separated) limits the worker to some queues: a test desk that must not
  // deliver mail can still run the SLA timers.
  const only = process.env.WORKER_QUEUES?.split(",").map((q) => q.trim()).filter(Boolean);
  const handlers = only?.length ? HANDLERS.filter((h) => only.includes(h.job.name)) : HANDLERS;
  for (const { job, run } of handlers) {
    await boss.work(job.name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async (batch) => {
      for (const item of batch) {
        const parsed = job.payload.safeParse(item.data ?? {});
        // A retry cannot make a malformed payload valid: log it and let the job complete unrun.
        if (!parsed.success) {
          logger.warn({ job: job.name, id: item.id, issues: parsed.error.issues }, "job payload failed validation; dropped");
          continue;
        }
        const started = Date.now();
        const result = await run(db, parsed.data);
        logger.debug({ job: job.name, id: item.id, ms: Date.now() - started, result }, "job done");
      }
    });
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
