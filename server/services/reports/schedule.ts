import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { reportDefinitions, reportRuns, reportSchedules, users } from "@/db/schema";
import { reportsGenerate } from "@/jobs/definitions/reports-generate";
import { enqueue } from "@/jobs/enqueue";
import { loadActor } from "@/server/auth/actor";
import { storeFile } from "@/server/files/store";
import { newMessageId } from "@/server/mail/compose";
import { queueMail } from "@/server/mail/transport";
import { translate } from "@/server/i18n/translate";
import { deskName, getSetting } from "@/server/services/settings";
import { logger } from "@/server/logger";
import { now } from "@/server/time/clock";
import { runBuilder } from "./builder";
import { reportCsv } from "./csv";
import { reportsDb } from "./db";

/** How many finished files each report keeps for download. */
export const KEEP_RUNS = 10;

/**
 * The next run after `after` in the owner's time zone: tomorrow, next Monday or the first of next
 * month, at 06:00 local (the period then closed is what the report covers).
 */
export async function nextRunAfter(db: Tx, frequency: "daily" | "weekly" | "monthly", after: Date, timeZone: string): Promise<Date> {
  const unit = frequency === "daily" ? "day" : frequency === "weekly" ? "week" : "month";
  const step = sql.raw(`interval '1 ${unit}'`);
  const [row] = await db.execute<{ at: string }>(sql`
    select ((date_trunc(${unit}, ${after.toISOString()}::timestamptz at time zone ${timeZone}) + ${step} + interval '6 hours') at time zone ${timeZone})::text as at`);
  return new Date(row!.at);
}

/**
 * The sweep: schedules whose next run is due by the desk's clock, taken `FOR UPDATE SKIP LOCKED`
 * (sweeps may overlap), each advanced to its next run and given a run row plus a generate job in
 * the same transaction, so a crash leaves the schedule due and a repeated sweep finds nothing.
 */
export async function queueDueReports(db: Db | Tx): Promise<{ queued: number }> {
  const at = now();
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: reportSchedules.id, reportId: reportSchedules.reportId, frequency: reportSchedules.frequency, format: reportSchedules.format, ownerId: reportSchedules.ownerId, timeZone: users.timeZone })
      .from(reportSchedules)
      .innerJoin(users, eq(users.id, reportSchedules.ownerId))
      .where(and(eq(reportSchedules.valid, true), lte(reportSchedules.nextRunAt, at)))
      .orderBy(asc(reportSchedules.nextRunAt))
      .limit(100)
      .for("update", { of: reportSchedules, skipLocked: true });
    for (const s of due) {
      const next = await nextRunAfter(tx, s.frequency, at, s.timeZone);
      await tx.update(reportSchedules).set({ nextRunAt: next, lastRunAt: at }).where(eq(reportSchedules.id, s.id));
      await startRun(tx, { reportId: s.reportId, scheduleId: s.id, requestedBy: s.ownerId, format: s.format });
    }
    return { queued: due.length };
  });
}

/** A run row and its job, in the caller's transaction. */
export async function startRun(tx: Tx, run: { reportId: number; scheduleId: number | null; requestedBy: number; format: "pdf" | "csv" }) {
  const [row] = await tx.insert(reportRuns).values({ ...run, createdAt: now() }).returning({ id: reportRuns.id, status: reportRuns.status, progress: reportRuns.progress });
  await enqueue(tx, reportsGenerate, { runId: row!.id }, { singletonKey: `report-run:${row!.id}` });
  return row!;
}

/**
 * Generates one run: the report as its owner sees it (the owner's queues bound it), read from the
 * reports server; the file in the file store; for a scheduled run the mail with the file through
 * the outbox (one mail per run, whatever the retries). Progress is written as it goes.
 */
export async function generateRun(db: Db, runId: number): Promise<"done" | "already"> {
  const [run] = await db
    .select({ id: reportRuns.id, status: reportRuns.status, format: reportRuns.format, scheduleId: reportRuns.scheduleId, reportId: reportRuns.reportId, name: reportDefinitions.name, definition: reportDefinitions.definition, ownerId: reportDefinitions.ownerId, requestedBy: reportRuns.requestedBy })
    .from(reportRuns)
    .innerJoin(reportDefinitions, eq(reportDefinitions.id, reportRuns.reportId))
    .where(eq(reportRuns.id, runId))
    .limit(1);
  if (!run) return "already";
  if (run.status === "done") return "already";
  const progress = (value: number, extra: Partial<typeof reportRuns.$inferInsert> = {}) => db.update(reportRuns).set({ progress: value, ...extra }).where(eq(reportRuns.id, runId));
  await progress(5, { status: "running", startedAt: now(), error: null });
  try {
    const actor = await runActor(db, run.requestedBy ?? run.ownerId);
    if (!actor) throw new Error(`report run ${runId}: its owner can no longer sign in`);
    const report = await runBuilder(reportsDb(), actor, run.definition as never, run.name);
    await progress(50);
    // The PDF renderer (react-pdf, its layout engine, the fonts) loads with the first PDF run, not with the worker.
    const bytes = run.format === "pdf" ? await (await import("@/server/pdf/report")).renderReportPdf(report, { deskName: await deskName(db, actor.language), language: actor.language, timeZone: actor.timeZone }) : new TextEncoder().encode(reportCsv(report));
    await progress(80);
    const contentType = run.format === "pdf" ? "application/pdf" : "text/csv; charset=utf-8";
    const stored = await storeFile(db, bytes, contentType);
    const filename = `${slug(run.name)}-${report.period.from.toISOString().slice(0, 10)}.${run.format}`;
    await db.transaction(async (tx) => {
      await tx.update(reportRuns).set({ status: "done", progress: 100, fileSha256: stored.sha256, filename, size: stored.size, finishedAt: now() }).where(eq(reportRuns.id, runId));
      if (run.scheduleId) await mailRun(tx, run.scheduleId, runId, { name: run.name, language: actor.language, from: report.period.from, to: report.period.to }, { sha256: stored.sha256, filename, contentType, size: stored.size });
      await trimRuns(tx, run.reportId);
    });
    return "done";
  } catch (error) {
    logger.error({ err: error, runId }, "report run failed");
    await progress(0, { status: "failed", error: String(error instanceof Error ? error.message : error).slice(0, 500) });
    throw error;
  }
}

async function mailRun(tx: Tx, scheduleId: number, runId: number, r: { name: string; language: string; from: Date; to: Date }, file: { sha256: string; filename: string; contentType: string; size: number }) {
  const [schedule] = await tx.select({ recipients: reportSchedules.recipients }).from(reportSchedules).where(eq(reportSchedules.id, scheduleId)).limit(1);
  if (!schedule?.recipients.length) return;
  const [from, domain] = await Promise.all([getSetting(tx, "mail.default_from"), getSetting(tx, "mail.message_id_domain")]);
  const params = { name: r.name, from: r.from.toISOString().slice(0, 10), to: r.to.toISOString().slice(0, 10) };
  await queueMail(tx, {
    kind: "report",
    from,
    to: schedule.recipients,
    subject: translate(r.language, "reports.mail.subject", params),
    text: translate(r.language, "reports.mail.body", params),
    messageId: newMessageId(domain),
    attachments: [file],
    idempotencyKey: `report-run:${runId}`,
  });
}

/** Keeps the newest KEEP_RUNS finished runs of a report (their files stay in the content-addressed store). */
async function trimRuns(tx: Tx, reportId: number) {
  const old = await tx.select({ id: reportRuns.id }).from(reportRuns).where(eq(reportRuns.reportId, reportId)).orderBy(desc(reportRuns.id)).offset(KEEP_RUNS).limit(1000);
  if (old.length) await tx.delete(reportRuns).where(inArray(reportRuns.id, old.map((r) => r.id)));
}

async function runActor(db: Tx, userId: number) {
  const [u] = await db.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, userId)).limit(1);
  return u ? loadActor(db, userId, u.sessionVersion) : null;
}

const slug = (name: string) => name.normalize("NFKD").replace(/[^\w-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).toLowerCase() || "report";
