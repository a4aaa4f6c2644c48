import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { createDb } from "@/db";
import { installJobSchema } from "@/jobs/install";

/** Applies the committed SQL migrations and pg-boss's own schema. Safe to run on every start. */
export async function migrateDatabase(url: string): Promise<void> {
  const db = createDb(url, 1);
  try {
    await db.execute("select pg_advisory_lock(727274)");
    await migrate(db, { migrationsFolder: path.resolve(process.cwd(), "db/migrations"), migrationsSchema: "drizzle" });
    await db.execute("select pg_advisory_unlock(727274)");
  } finally {
    await db.$client.end();
  }
  await installJobSchema(url);
}
