import { runWorker } from "@/jobs/worker";
import { authSecret, fail, openDatabase } from "./runtime";

// `npm run worker`: works jobs against DATABASE_URL, or the running embedded cluster.
process.env.HELPDESK_PROCESS ??= "worker";
try {
  if (!process.env.DATABASE_URL) {
    const database = await openDatabase({ quiet: true });
    process.env.DATABASE_URL = database.url;
  }
  process.env.AUTH_SECRET ??= authSecret();
  await runWorker();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
