import "./env-defaults";
import { afterAll, inject } from "vitest";
import { cloneDatabase, TEMPLATE_DB } from "./test-db";

// Every test file starts on its own fresh database, cloned from the migrated template
// before any app module connects; workers use different names, so they never share one.
const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";
process.env.DATABASE_URL = await cloneDatabase(inject("testServerUrl"), TEMPLATE_DB, `helpdesk_test_${worker}`);
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-123";
process.env.DB_POOL_SIZE ??= "5";
process.env.LOG_LEVEL ??= "silent";

afterAll(async () => {
  const g = globalThis as unknown as { helpdeskDb?: { $client: { end: (o: object) => Promise<void> } }; helpdeskProducer?: Promise<{ stop: (o: object) => Promise<void> }> };
  await g.helpdeskDb?.$client.end({ timeout: 2 });
  delete g.helpdeskDb;
  if (g.helpdeskProducer) await (await g.helpdeskProducer).stop({ graceful: false, close: true });
  delete g.helpdeskProducer;
});
