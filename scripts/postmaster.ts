import { parseArgs } from "node:util";

/**
 * `npm run -s postmaster [-- --queue NAME] < message.eml`: feeds one raw message to the
 * postmaster and prints exactly one JSON line. Exit 0 for every outcome; 75 (EX_TEMPFAIL,
 * so the MTA retries) when the database cannot be reached, having written nothing.
 */
process.env.HELPDESK_PROCESS = "cli";
process.env.LOG_LEVEL ??= "warn";
const EX_TEMPFAIL = 75;

const { values } = parseArgs({ options: { queue: { type: "string" } }, allowPositionals: false });

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const raw = await readStdin();
if (raw.length === 0) {
  process.stderr.write("helpdesk postmaster: no message on standard input\n");
  process.exit(64);
}

const { openDatabase, prepareDatabase, authSecret } = await import("./runtime");
let database: Awaited<ReturnType<typeof openDatabase>>;
try {
  database = await openDatabase({ quiet: true, existing: true });
  await prepareDatabase(database);
} catch (error) {
  process.stderr.write(`helpdesk postmaster: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(EX_TEMPFAIL);
}
process.env.DATABASE_URL = database.url;
process.env.AUTH_SECRET ??= authSecret();

const { db } = await import("@/db");
const { ingestMail } = await import("@/server/mail/postmaster");
const { stopProducer } = await import("@/jobs/boss");
let code = 0;
try {
  const result = await ingestMail(db, raw, { source: "pipe", queueName: values.queue ?? null });
  process.stdout.write(JSON.stringify(result) + "\n");
} catch (error) {
  process.stderr.write(`helpdesk postmaster: ${error instanceof Error ? error.message : String(error)}\n`);
  code = EX_TEMPFAIL;
} finally {
  await stopProducer().catch(() => {});
  await db.$client.end({ timeout: 5 }).catch(() => {});
  if (database.embedded?.startedHere) await database.embedded.stop();
}
process.exit(code);
