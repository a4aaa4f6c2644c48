import Papa from "papaparse";
import { and, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import * as s from "@/db/schema";
import { readStoredFile } from "@/server/files/store";
import { REPORTS_APPLICATION_NAME } from "@/server/services/reports/db";
import { generateRun, queueDueReports } from "@/server/services/reports/schedule";
import { setClockOffset } from "@/server/time/clock";
import { callerFor } from "../helpers/caller";
import { pdfText } from "../helpers/pdf-text";
import { createAgent, createCustomer, createQueue, createTicket } from "../factories";

afterEach(() => {
  setClockOffset(0);
  delete process.env.REPORTS_DATABASE_URL;
});

async function desk() {
  const queue = await createQueue();
  const agent = await createAgent({ queues: [queue] });
  const customer = await createCustomer();
  for (let i = 0; i < 3; i++) await createTicket({ customer, queue, title: i === 0 ? "=HYPERLINK(\"http://evil.example\")" : `Printer ${i}` });
  const caller = callerFor(agent);
  const { id: reportId } = await caller.report.save({ name: "Tickets per queue", definition: { object: "tickets", dimensions: ["queue"], measures: ["count"], filters: {}, period: { preset: "last7" }, chart: "bar" } });
  return { queue, agent, caller, reportId };
}

const runsOf = (reportId: number) => db.select().from(s.reportRuns).where(eq(s.reportRuns.reportId, reportId));
const mailsOf = (runId: number) => db.select().from(s.outbox).where(and(eq(s.outbox.kind, "report"), eq(s.outbox.idempotencyKey, `report-run:${runId}`)));

describe("scheduled reports", () => {
  it("a weekly CSV schedule comes due on the desk's clock, runs once as a job, keeps its file and mails it through the outbox", async () => {
    const { queue, caller, reportId } = await desk();
    const { nextRunAt } = await caller.report.schedule({ reportId, frequency: "weekly", format: "csv", recipients: ["boss@example.com", "lead@example.com"] });
    // Next Monday 06:00 in the agent's time zone, never now.
    expect(nextRunAt.getTime()).toBeGreaterThan(Date.now());
    expect(nextRunAt.getUTCDay()).toBe(1);
    expect(await queueDueReports(db)).toEqual({ queued: 0 });

    setClockOffset(nextRunAt.getTime() - Date.now() + 60_000);
    expect(await queueDueReports(db)).toEqual({ queued: 1 });
    expect(await queueDueReports(db)).toEqual({ queued: 0 });
    const [run] = await runsOf(reportId);
    expect(run).toMatchObject({ status: "queued", progress: 0, format: "csv" });
    const [job] = await db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = 'reports.generate' and data->>'runId' = ${String(run!.id)}`);
    expect(Number(job!.n)).toBe(1);
    const [schedule] = await db.select().from(s.reportSchedules).where(eq(s.reportSchedules.reportId, reportId));
    expect(schedule!.nextRunAt.getTime() - nextRunAt.getTime()).toBe(7 * 86_400_000);

    expect(await generateRun(db, run!.id)).toBe("done");
    const [done] = await runsOf(reportId);
    expect(done).toMatchObject({ status: "done", progress: 100 });
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await readStoredFile(db, done!.fileSha256!));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const table = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(table).toEqual([["Queue", "Count"], [queue.name, "3"], ["Total", "3"]]);

    const mails = await mailsOf(run!.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ toAddresses: "boss@example.com, lead@example.com", subject: expect.stringContaining("Tickets per queue") });
    expect(mails[0]!.attachments).toEqual([{ sha256: done!.fileSha256, filename: done!.filename, contentType: "text/csv; charset=utf-8", size: done!.size }]);

    // A retry of a finished run sends nothing again.
    expect(await generateRun(db, run!.id)).toBe("already");
    expect(await mailsOf(run!.id)).toHaveLength(1);
    expect((await caller.report.runs({ id: reportId }))[0]).toMatchObject({ status: "done", progress: 100, scheduled: true });
  });

  it("a PDF run renders the report through renderReportPdf and keeps the PDF", async () => {
    const { caller, reportId } = await desk();
    const run = await caller.report.runNow({ reportId, format: "pdf" });
    expect(await generateRun(db, run.id)).toBe("done");
    const [done] = await runsOf(reportId);
    const bytes = await readStoredFile(db, done!.fileSha256!);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    expect(done!.filename).toMatch(/\.pdf$/);
    // Not scheduled: no mail.
    expect(await mailsOf(run.id)).toHaveLength(0);
  });

  it("prints the desk name saved in the system settings (audited), else the product name", async () => {
    const { caller, reportId } = await desk();
    const pdfOfNewRun = async () => {
      const run = await caller.report.runNow({ reportId, format: "pdf" });
      await generateRun(db, run.id);
      const [done] = await db.select().from(s.reportRuns).where(eq(s.reportRuns.id, run.id));
      return (await pdfText(await readStoredFile(db, done!.fileSha256!))).flat;
    };
    expect(await pdfOfNewRun()).toContain("Helpdesk");

    const admin = callerFor(await createAgent({ admin: true }));
    const settings = await admin.adminConfig.settingsGet();
    expect(settings.deskName).toBe("");
    expect(await admin.adminConfig.settingsUpdate({ ...settings, deskName: "  Łódź Serwis — Kundendienst  " })).toEqual({ changed: ["system.desk_name"] });
    expect((await admin.adminConfig.settingsGet()).deskName).toBe("Łódź Serwis — Kundendienst");
    const [audit] = await db.select().from(s.auditLog).where(and(eq(s.auditLog.entity, "setting"), eq(s.auditLog.entityId, "system.desk_name")));
    expect(audit).toMatchObject({ action: "update", before: { value: "" }, after: { value: "Łódź Serwis — Kundendienst" } });
    try {
      const flat = await pdfOfNewRun();
      expect(flat).toContain("Łódź Serwis — Kundendienst");
      expect(flat).not.toContain("Helpdesk");
    } finally {
      await admin.adminConfig.settingsUpdate(settings);
    }
  });

  it("a run whose owner can no longer sign in fails with its reason, and shows it", async () => {
    const { agent, caller, reportId } = await desk();
    const run = await caller.report.runNow({ reportId, format: "csv" });
    await db.update(s.users).set({ enabled: false }).where(eq(s.users.id, agent.id));
    await expect(generateRun(db, run.id)).rejects.toThrow(/can no longer sign in/);
    const [failed] = await runsOf(reportId);
    expect(failed).toMatchObject({ status: "failed", progress: 0, error: expect.stringContaining("can no longer sign in") });
  });
});

describe("exports", () => {
  it("the agent ticket list exports as CSV with its filters, formula-looking titles inert", async () => {
    const { queue, caller } = await desk();
    const { csv, rows } = await caller.report.ticketListCsv({ queueIds: [queue.id] });
    expect(rows).toBe(3);
    const table = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(table[0]!.slice(0, 3)).toEqual(["Number", "Title", "Queue"]);
    expect(table.map((r) => r[1])).toContain("'=HYPERLINK(\"http://evil.example\")");
  });

  it("every report exports as CSV: the same table as the report", async () => {
    const { queue, caller } = await desk();
    const input = { dimension: "queue" as const, period: { preset: "today" as const } };
    const { current } = await caller.report.builtin(input);
    const { csv } = await caller.report.exportCsv({ kind: "builtin", input });
    const table = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(table[0]).toEqual(current.columns.map((c) => c.label));
    expect(table[1]).toEqual(current.rows[0]!.map((v) => (v === null ? "" : String(v))));
    expect(table[1]![0]).toBe(queue.name);
  });
});

describe("REPORTS_DATABASE_URL", () => {
  it("reports read through their own client on the server it names, agents' work does not", async () => {
    const { queue, caller } = await desk();
    const seen = () => db.execute<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity where application_name = ${REPORTS_APPLICATION_NAME} and datname = current_database()`);
    process.env.REPORTS_DATABASE_URL = process.env.DATABASE_URL;
    const { current } = await caller.report.builtin({ dimension: "queue", period: { preset: "today" } });
    expect(current.keys).toEqual([[String(queue.id)]]);
    expect(Number((await seen())[0]!.n)).toBeGreaterThan(0);

    // Named at a server without the desk's tables: reports fail there, the ticket list does not.
    const elsewhere = new URL(process.env.DATABASE_URL!);
    elsewhere.pathname = "/postgres";
    process.env.REPORTS_DATABASE_URL = elsewhere.toString();
    await expect(caller.report.builtin({ dimension: "queue", period: { preset: "today" } })).rejects.toMatchObject({ code: "INTERNAL_SERVER_ERROR" });
    expect((await caller.ticket.list({ queueIds: [queue.id] })).items).toHaveLength(3);
  });
});
