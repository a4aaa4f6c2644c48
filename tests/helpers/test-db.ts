import path from "node:path";
import postgres from "postgres";
import { startEmbedded, type EmbeddedCluster } from "@/db/embedded";
import { migrateDatabase } from "@/scripts/migrate";

export const TEMPLATE_DB = "helpdesk_test_template";
/**
 * A server URL for tests: TEST_DATABASE_URL, or a private embedded cluster under .test-data/<dir>
 * on its own port, so tests never touch a desk the developer has running.
 */
export async function testServer(dir: string, port: number): Promise<{ url: string; cluster: EmbeddedCluster | null }> {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, cluster: null };
  // One cluster per directory and port, so parallel runs on other ports never share a data directory.
  const cluster = await startEmbedded({ dataDir: path.resolve(".test-data", `${dir}-${port}`), port, database: "postgres" });
  return { url: cluster.url, cluster };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Drops and recreates `name` from `template` (a migrated, empty desk). */
export async function cloneDatabase(serverUrl: string, template: string, name: string): Promise<string> {
  const sql = postgres(withDatabase(serverUrl, "postgres"), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
    await sql.unsafe(`create database "${name}" template "${template}"`);
  } finally {
    await sql.end();
  }
  return withDatabase(serverUrl, name);
}

export async function createTemplate(serverUrl: string): Promise<void> {
  const sql = postgres(withDatabase(serverUrl, "postgres"), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`drop database if exists "${TEMPLATE_DB}" with (force)`);
    await sql.unsafe(`create database "${TEMPLATE_DB}" encoding 'UTF8' template template0`);
  } finally {
    await sql.end();
  }
  await migrateDatabase(withDatabase(serverUrl, TEMPLATE_DB));
}
