import { generateRun } from "@/server/services/reports/schedule";
import { handleJob } from "../handle";
import { reportsGenerate } from "../definitions/reports-generate";

export const reportsGenerateHandler = handleJob(reportsGenerate, (db, payload) => generateRun(db, payload.runId));
