import { PgBoss } from "pg-boss";

export const BOSS_SCHEMA = "pgboss";

/** A pg-boss instance for the worker: supervises, schedules and works queues. */
export function createWorkerBoss(url: string) {
  return new PgBoss({ connectionString: url, schema: BOSS_SCHEMA, max: 4, application_name: "helpdesk-worker" });
}

const globalForBoss = globalThis as unknown as { helpdeskProducer?: Promise<PgBoss> };

/** A send-only instance for web processes: no maintenance, no schedules, no polling. */
export function producerBoss(url: string): Promise<PgBoss> {
  globalForBoss.helpdeskProducer ??= (async () => {
    const boss = new PgBoss({ connectionString: url, schema: BOSS_SCHEMA, max: 2, supervise: false, schedule: false, migrate: false });
    boss.on("error", () => {});
    await boss.start();
    return boss;
  })();
  return globalForBoss.helpdeskProducer;
}

/** Stops this process's send-only instance (command-line tools, tests). */
export async function stopProducer(): Promise<void> {
  const pending = globalForBoss.helpdeskProducer;
  globalForBoss.helpdeskProducer = undefined;
  if (pending) await (await pending).stop({ graceful: false, close: true });
}
