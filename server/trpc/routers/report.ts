import { agentProcedure, router } from "../init";
import { builderDefinition, builtinInput, exportInput, reportRef, runNowInput, saveReportInput, scheduleInput, ticketListCsvInput, updateReportInput } from "@/server/schemas/reports";
import { builtinReport } from "@/server/services/reports/builtin";
import { runBuilder } from "@/server/services/reports/builder";
import { reportsDb } from "@/server/services/reports/db";
import { exportReportCsv, exportTicketListCsv } from "@/server/services/reports/export";
import { createSchedule, deleteReport, deleteSchedule, listReports, listRuns, listSchedules, runReportNow, saveReport, updateReport } from "@/server/services/reports/saved";

/** Reports: agents and admins only; every figure counts only tickets of queues the caller can read. Reads go to the reports server. */
export const reportRouter = router({
  builtin: agentProcedure.input(builtinInput).query(({ ctx, input }) => builtinReport(reportsDb(), ctx.actor, input)),
  build: agentProcedure.input(builderDefinition).query(({ ctx, input }) => runBuilder(reportsDb(), ctx.actor, input)),
  exportCsv: agentProcedure.input(exportInput).mutation(({ ctx, input }) => exportReportCsv(reportsDb(), ctx.actor, input)),
  ticketListCsv: agentProcedure.input(ticketListCsvInput).mutation(({ ctx, input }) => exportTicketListCsv(reportsDb(), ctx.actor, input)),
  list: agentProcedure.query(({ ctx }) => listReports(ctx.db, ctx.actor)),
  save: agentProcedure.input(saveReportInput).mutation(({ ctx, input }) => saveReport(ctx.db, ctx.actor, input)),
  update: agentProcedure.input(updateReportInput).mutation(({ ctx, input }) => updateReport(ctx.db, ctx.actor, input)),
  delete: agentProcedure.input(reportRef).mutation(({ ctx, input }) => deleteReport(ctx.db, ctx.actor, input.id)),
  schedules: agentProcedure.query(({ ctx }) => listSchedules(ctx.db, ctx.actor)),
  schedule: agentProcedure.input(scheduleInput).mutation(({ ctx, input }) => createSchedule(ctx.db, ctx.actor, input)),
  unschedule: agentProcedure.input(reportRef).mutation(({ ctx, input }) => deleteSchedule(ctx.db, ctx.actor, input.id)),
  runNow: agentProcedure.input(runNowInput).mutation(({ ctx, input }) => runReportNow(ctx.db, ctx.actor, input)),
  runs: agentProcedure.input(reportRef).query(({ ctx, input }) => listRuns(ctx.db, ctx.actor, input.id)),
});
