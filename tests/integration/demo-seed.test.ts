import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { notifications } from "@/db/schema";
import { seedDemo } from "@/scripts/seed/demo";
import { fireDueTimers } from "@/server/services/sla/timers";

describe("the demo desk", { timeout: 120_000 }, () => {
  it("greets a demo agent's first sign-in without the seed's history as unread notifications", async () => {
    await seedDemo(process.env.DATABASE_URL!);
    const queued = await db.execute<{ name: string; n: number }>(sql`select name, count(*)::int as n from pgboss.job where state = 'created' group by name`);
    const byName = new Map(queued.map((r) => [r.name, r.n]));
    expect(byName.get("notify.agents") ?? 0).toBe(0);
    // Only the agents' notifications go: the demo's mails still wait for the worker.
    expect([...byName.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(await db.$count(notifications)).toBe(0);

    // The demo's SLA history: escalated tickets stay on the dashboard, but the sweep has nothing
    // already passed to tell (only deadlines still ahead notify when they pass).
    const [timers] = await db.execute<{ escalated: number; overdue: number; ahead: number }>(sql`
      select count(*) filter (where escalation_at <= now())::int as escalated,
        count(*) filter (where sla_timer_at <= now())::int as overdue,
        count(*) filter (where sla_timer_at > now())::int as ahead
      from tickets`);
    expect(timers!.escalated).toBeGreaterThan(0);
    expect(timers!.overdue).toBe(0);
    expect(await fireDueTimers(db)).toMatchObject({ fired: 0 });
    expect(await db.$count(notifications)).toBe(0);
  });
});
