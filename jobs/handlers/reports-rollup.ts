import { logger } from "@/server/logger";
import { refreshReportRollup } from "@/server/services/reports/rollup-refresh";
import { handleJob } from "../handle";
import { reportsRollup } from "../definitions/reports-rollup";

export const reportsRollupHandler = handleJob(reportsRollup, async (db) => {
  const started = Date.now();
  const result = await refreshReportRollup(db);
  if (result.filledDays > 1) logger.info({ ...result, ms: Date.now() - started }, "rolled up report days");
  return result;
});
