import { createDb } from "@/db";
import { env } from "@/server/env";
import { logger } from "@/server/logger";
import { createWorkerBoss } from "./boss";
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
  for (const { job, run } of handlers) {
    const size = job.cron ? 1 : batchSize;
    await boss.work(job.name, { batchSize: size, pollingIntervalSeconds: 0.5, burstWhenBatchFull: size > 1, perJobResults: true }, (batch) =>
      Promise.all(
        batch.map(async (item) => {
          const parsed = job.payload.safeParse(item.data ?? {});
          // A retry cannot make a malformed payload valid: log it and let the job complete unrun.
          if (!parsed.success) {
            logger.warn({ job: job.name, id: item.id, issues: parsed.error.issues }, "job payload failed validation; dropped");
            return { id: item.id, status: "completed" as const };
          }
          const started = Date.now();
          try {
            const result = await run(db, parsed.data);
            logger.debug({ job: job.name, id: item.id, ms: Date.now() - started, result }, "job done");
            return { id: item.id, status: "completed" as const };
          } catch (error) {
            logger.warn({ job: job.name, id: item.id, err: error }, "job failed; pg-boss retries it");
            return { id: item.id, status: "failed" as const, output: { message: error instanceof Error ? error.message : String(error) } };
          }
        }),
      ),
    );
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
