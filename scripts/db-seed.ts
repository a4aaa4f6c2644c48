import { seedDemo } from "@/scripts/seed/demo";
import { fail, openDatabase, prepareDatabase } from "./runtime";

// Seeds the demo desk. Into a database named by DATABASE_URL only when asked with --demo.
try {
  if (process.env.DATABASE_URL && !process.argv.includes("--demo")) {
    fail("DATABASE_URL is set: pass --demo to seed the demo desk into that database (npm run db:seed -- --demo)");
  }
  const database = await openDatabase({ quiet: true });
  await prepareDatabase({ ...database, created: false });
  await seedDemo(database.url);
  process.stdout.write("demo desk seeded (accounts use the password demo1234)\n");
  if (database.embedded?.startedHere) await database.embedded.stop();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
