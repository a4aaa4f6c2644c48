import { queueDueReports } from "@/server/services/reports/schedule";
import { handleJob } from "../handle";
import { reportsSweep } from "../definitions/reports-sweep";

export const reportsSweepHandler = handleJob(reportsSweep, (db) => queueDueReports(db));
