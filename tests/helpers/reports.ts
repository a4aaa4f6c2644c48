import { db } from "@/db";
import { reportDefinitions, reportSchedules, users } from "@/db/schema";
import type { BuilderDefinition } from "@/server/schemas/reports";

type UserRow = typeof users.$inferSelect;

export const TICKETS_PER_QUEUE: BuilderDefinition = { object: "tickets", dimensions: ["queue"], measures: ["count"], filters: {}, period: { preset: "today" }, chart: "bar" };

export async function createReportRow(ownerId: number, values: Partial<typeof reportDefinitions.$inferInsert> = {}) {
  const [row] = await db.insert(reportDefinitions).values({ ownerId, name: `Report ${Math.random().toString(36).slice(2, 8)}`, definition: TICKETS_PER_QUEUE, ...values }).returning();
  return row!;
}

/** A matrix case on a saved report (and, with `schedule`, a schedule of it) the caller itself owns (prepare runs per caller). */
export function onOwnReport(build: (ids: { reportId: number; scheduleId: number }) => unknown, opts: { schedule?: boolean } = {}) {
  const ids = { reportId: 0, scheduleId: 0 };
  return {
    prepare: async (c: { user: UserRow }) => {
      ids.reportId = (await createReportRow(c.user.id)).id;
      if (opts.schedule) {
        const [s] = await db.insert(reportSchedules).values({ reportId: ids.reportId, ownerId: c.user.id, frequency: "weekly", format: "csv", recipients: ["boss@example.com"], nextRunAt: new Date(Date.now() + 86_400_000) }).returning();
        ids.scheduleId = s!.id;
      }
    },
    build: () => build(ids),
  };
}
