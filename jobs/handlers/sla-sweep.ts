import { logger } from "@/server/logger";
import { fireDueTimers } from "@/server/services/sla/timers";
import { handleJob } from "../handle";
import { enqueue } from "../enqueue";
import { SLA_SWEEP_EVERY_SECONDS, slaSweep } from "../definitions/sla-sweep";

export const slaSweepHandler = handleJob(slaSweep, async (db) => {
  const slot = Math.floor(Date.now() / 1000 / SLA_SWEEP_EVERY_SECONDS) + 1;
  await enqueue(db, slaSweep, {}, { singletonKey: `sla.sweep:${slot}`, singletonSeconds: SLA_SWEEP_EVERY_SECONDS, startAfter: new Date(slot * SLA_SWEEP_EVERY_SECONDS * 1000) });
  const result = await fireDueTimers(db, { batch: Number(process.env.SLA_SWEEP_BATCH ?? 100), parallel: Number(process.env.SLA_SWEEP_PARALLEL ?? 3) });
  if (result.fired > 0) logger.info(result, "SLA timers fired");
  return result;
});
