import { sql } from "drizzle-orm";
import { db } from "@/db";
import { BOSS_SCHEMA } from "@/jobs/boss";

export const dynamic = "force-dynamic";

/** Liveness for load balancers: the database answers and the job queue is installed and being worked. */
export async function GET() {
  const started = Date.now();
  const report: Record<string, unknown> = {};
  let ok = true;
  try {
    await db.execute(sql`select 1`);
    report.database = { ok: true, ms: Date.now() - started };
  } catch {
    ok = false;
    report.database = { ok: false, error: "database unreachable" };
  }
  if (ok) {
    try {
      const rows = await db.execute<{ queued: number; active: number; failed: number; last_worked: Date | null }>(
        sql.raw(`select count(*) filter (where state in ('created','retry'))::int as queued,
                        count(*) filter (where state = 'active')::int as active,
                        count(*) filter (where state = 'failed')::int as failed,
                        max(completed_on) as last_worked
                 from ${BOSS_SCHEMA}.job`),
      );
      const row = rows[0];
      report.jobs = { ok: true, queued: row?.queued ?? 0, active: row?.active ?? 0, failed: row?.failed ?? 0, lastWorkedAt: row?.last_worked ?? null };
    } catch {
      ok = false;
      report.jobs = { ok: false, error: "job queue schema missing" };
    }
  }
  return Response.json({ ok, ...report }, { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
