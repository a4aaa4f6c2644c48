import { fail, prepareDatabase } from "./runtime";

/**
 * The supervisor's one-off child: migrations and, on a new embedded cluster, the demo seed.
 * A child of its own so the supervisor never loads Drizzle, pg-boss or the services: it only
 * supervises, and stays small for as long as the desk runs.
 */
try {
  const url = process.env.DATABASE_URL;
  if (!url) fail("DATABASE_URL is not set");
  await prepareDatabase({ url, created: process.env.HELPDESK_DB_CREATED === "1", embedded: process.env.HELPDESK_DB_EMBEDDED === "1" });
  process.exit(0);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
