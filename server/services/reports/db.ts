import { createDb, db, type Db } from "@/db";
import { env } from "@/server/env";

const globalForReports = globalThis as unknown as { helpdeskReportsDb?: { url: string; db: Db } };

/** The connection's name on the reports server, so operators (and a test) can tell report reads apart. */
export const REPORTS_APPLICATION_NAME = "helpdesk-reports";

/**
 * Where reports read: the server named by REPORTS_DATABASE_URL (a read replica), so a heavy
 * report never competes with agents' work; the desk's own pool when it is not set.
 */
export function reportsDb(): Db {
  const url = env().REPORTS_DATABASE_URL ?? process.env.REPORTS_DATABASE_URL;
  if (!url) return db;
  const cached = globalForReports.helpdeskReportsDb;
  if (cached?.url === url) return cached.db;
  const created = createDb(url, Number(process.env.REPORTS_POOL_SIZE ?? 4), REPORTS_APPLICATION_NAME);
  globalForReports.helpdeskReportsDb = { url, db: created };
  return created;
}
