import { PgBoss } from "pg-boss";
import { BOSS_SCHEMA } from "./boss";
import { HANDLERS } from "./registry";

// Kept apart from boss.ts: every service sends through boss.ts, so boss.ts must not import the registry.
/** Installs or upgrades pg-boss's schema and creates every queue and schedule. Run at start-up. */
export async function installJobSchema(url: string) {
  const boss = new PgBoss({ connectionString: url, schema: BOSS_SCHEMA, max: 1, supervise: false, schedule: false });
  boss.on("error", () => {});
  await boss.start();
  try {
    for (const { job } of HANDLERS) {
      await boss.createQueue(job.name, job.queue);
      // createQueue leaves an existing queue as it was: carry changed options (retries, heartbeat)
      // to desks installed before, everything but what pg-boss cannot change after creation.
      const { policy: _policy, partition: _partition, ...changeable } = job.queue ?? {};
      if (Object.keys(changeable).length) await boss.updateQueue(job.name, changeable);
      if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
    }
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
}
