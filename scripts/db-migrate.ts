import { fail, openDatabase, prepareDatabase } from "./runtime";

try {
  const database = await openDatabase({ quiet: true });
  await prepareDatabase(database);
  process.stdout.write(`migrations applied${database.created ? " and demo desk seeded" : ""}\n`);
  if (database.embedded?.startedHere) await database.embedded.stop();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
