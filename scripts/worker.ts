import { runWorker } from "@/jobs/worker";
import { authSecret, fail, openDatabase } from "./runtime";

// `npm run worker`: works jobs against DATABASE_URL, or the running embedded cluster.
process.env.HELPDESK_PROCESS ??= "worker";
try {
  if (!process.env.DATABASE_URL) {
    const database = await openDatabase({ quiet: true, existing: true });
    process.env.DATABASE_URL = database.url;
  }
  process.env.AUTH_SECRET ??= authSecret();
  await runWorker();
  // Started by the supervisor (scripts/start.ts) with an IPC channel: stop as on SIGTERM when it goes away.
  if (process.connected) process.once("disconnect", () => process.kill(process.pid, "SIGTERM"));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
