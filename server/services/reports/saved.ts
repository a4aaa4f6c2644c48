import { and, asc, desc, eq, or, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { reportDefinitions, reportRuns, reportSchedules, users } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { AppError, notFound } from "@/server/errors";
import type { z } from "zod";
import type { runNowInput, saveReportInput, scheduleInput, updateReportInput } from "@/server/schemas/reports";
import { readStoredFile } from "@/server/files/store";
import { now } from "@/server/time/clock";
import { nextRunAfter, startRun } from "./schedule";

/** Saved reports an agent sees: its own and every shared one. */
const visibleTo = (actor: Actor) => or(eq(reportDefinitions.ownerId, actor.id), eq(reportDefinitions.shared, true));
const mayEdit = (actor: Actor, ownerId: number) => ownerId === actor.id || actor.role === "admin";

export async function listReports(db: Tx, actor: Actor) {
  const rows = await db
    .select({ id: reportDefinitions.id, name: reportDefinitions.name, shared: reportDefinitions.shared, definition: reportDefinitions.definition, ownerId: reportDefinitions.ownerId, ownerName: users.name, changedAt: reportDefinitions.changedAt })
    .from(reportDefinitions)
    .innerJoin(users, eq(users.id, reportDefinitions.ownerId))
    .where(visibleTo(actor))
    .orderBy(sql`${reportDefinitions.ownerId} <> ${actor.id}`, asc(sql`lower(${reportDefinitions.name})`), asc(reportDefinitions.id))
    .limit(200);
  return rows.map((r) => ({ ...r, mine: r.ownerId === actor.id, editable: mayEdit(actor, r.ownerId) }));
}

export async function saveReport(db: Tx, actor: Actor, input: z.infer<typeof saveReportInput>) {
  const [row] = await db.insert(reportDefinitions).values({ ownerId: actor.id, name: input.name, shared: input.shared, definition: input.definition }).returning({ id: reportDefinitions.id });
  return row!;
}

export async function updateReport(db: Tx, actor: Actor, input: z.infer<typeof updateReportInput>) {
  await editable(db, actor, input.id);
  await db.update(reportDefinitions).set({ name: input.name, shared: input.shared, definition: input.definition, changedAt: now() }).where(eq(reportDefinitions.id, input.id));
  return { id: input.id };
}

export async function deleteReport(db: Tx, actor: Actor, id: number) {
  await editable(db, actor, id);
  await db.delete(reportDefinitions).where(eq(reportDefinitions.id, id));
  return { id };
}

/** A report the actor may see (shared or own), for running it. */
export async function visibleReport(db: Tx, actor: Actor, id: number) {
  const [row] = await db.select({ id: reportDefinitions.id, name: reportDefinitions.name, definition: reportDefinitions.definition, ownerId: reportDefinitions.ownerId }).from(reportDefinitions).where(and(eq(reportDefinitions.id, id), visibleTo(actor))).limit(1);
  if (!row) throw notFound("errors.notFoundReport");
  return row;
}

/** Schedules on the reports the actor may see; the actor's own schedules run as the actor. */
export async function listSchedules(db: Tx, actor: Actor) {
  return db
    .select({ id: reportSchedules.id, reportId: reportSchedules.reportId, reportName: reportDefinitions.name, frequency: reportSchedules.frequency, format: reportSchedules.format, recipients: reportSchedules.recipients, nextRunAt: reportSchedules.nextRunAt, lastRunAt: reportSchedules.lastRunAt, valid: reportSchedules.valid })
    .from(reportSchedules)
    .innerJoin(reportDefinitions, eq(reportDefinitions.id, reportSchedules.reportId))
    .where(eq(reportSchedules.ownerId, actor.id))
    .orderBy(asc(reportSchedules.id))
    .limit(200);
}

/** A schedule runs the report as the agent who set it up: the mail counts only what that agent may see. */
export async function createSchedule(db: Tx, actor: Actor, input: z.infer<typeof scheduleInput>) {
  await visibleReport(db, actor, input.reportId);
  const nextRunAt = await nextRunAfter(db, input.frequency, now(), actor.timeZone);
  const [row] = await db.insert(reportSchedules).values({ ...input, ownerId: actor.id, nextRunAt }).returning({ id: reportSchedules.id, nextRunAt: reportSchedules.nextRunAt });
  return row!;
}

export async function deleteSchedule(db: Tx, actor: Actor, id: number) {
  const rows = await db.delete(reportSchedules).where(and(eq(reportSchedules.id, id), eq(reportSchedules.ownerId, actor.id))).returning({ id: reportSchedules.id });
  if (!rows.length) throw notFound("errors.notFoundReport");
  return { id };
}

/** Generates the report now (a job: long runs show their progress in the runs list). */
export async function runReportNow(db: Tx, actor: Actor, input: z.infer<typeof runNowInput>) {
  await visibleReport(db, actor, input.reportId);
  return db.transaction((tx) => startRun(tx, { reportId: input.reportId, scheduleId: null, requestedBy: actor.id, format: input.format }));
}

/** The latest runs of a report the actor may see: status, progress and the kept files. */
export async function listRuns(db: Tx, actor: Actor, reportId: number) {
  await visibleReport(db, actor, reportId);
  return db
    .select({ id: reportRuns.id, status: reportRuns.status, progress: reportRuns.progress, format: reportRuns.format, filename: reportRuns.filename, size: reportRuns.size, error: reportRuns.error, createdAt: reportRuns.createdAt, finishedAt: reportRuns.finishedAt, scheduled: sql<boolean>`${reportRuns.scheduleId} is not null` })
    .from(reportRuns)
    .where(eq(reportRuns.reportId, reportId))
    .orderBy(desc(reportRuns.id))
    .limit(20);
}

/** A finished run's file, for an agent who may see its report. */
export async function runFile(db: Tx, actor: Actor, runId: number) {
  const [row] = await db
    .select({ sha256: reportRuns.fileSha256, filename: reportRuns.filename, format: reportRuns.format })
    .from(reportRuns)
    .innerJoin(reportDefinitions, eq(reportDefinitions.id, reportRuns.reportId))
    .where(and(eq(reportRuns.id, runId), eq(reportRuns.status, "done"), visibleTo(actor)))
    .limit(1);
  if (!row?.sha256 || !row.filename) throw notFound("errors.notFoundReport");
  return { sha256: row.sha256, filename: row.filename, contentType: row.format === "pdf" ? "application/pdf" : "text/csv; charset=utf-8" };
}

export async function runFileBytes(db: Tx, actor: Actor, runId: number) {
  const file = await runFile(db, actor, runId);
  return { filename: file.filename, contentType: file.contentType, bytes: await readStoredFile(db, file.sha256) };
}

async function editable(db: Tx, actor: Actor, id: number) {
  const [row] = await db.select({ ownerId: reportDefinitions.ownerId }).from(reportDefinitions).where(and(eq(reportDefinitions.id, id), visibleTo(actor))).limit(1);
  if (!row) throw notFound("errors.notFoundReport");
  if (!mayEdit(actor, row.ownerId)) throw new AppError("FORBIDDEN", "errors.reportOwnerOnly");
}
