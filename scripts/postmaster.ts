import { Readable } from "node:stream";
import { parseArgs } from "node:util";

/**
 * `npm run -s postmaster [-- --queue NAME] < message.eml`: feeds one raw message to the
 * postmaster and prints exactly one JSON line. Exit 0 for every outcome; 65 (EX_DATAERR, the MTA
 * bounces it) for a message over `mail.max_message_bytes`; 75 (EX_TEMPFAIL, so the MTA retries)
 * when the database cannot be reached, having written nothing.
 */
process.env.HELPDESK_PROCESS = "cli";
process.env.LOG_LEVEL ??= "warn";
const EX_TEMPFAIL = 75;

const { values } = parseArgs({ options: { queue: { type: "string" } }, allowPositionals: false });

const EX_DATAERR = 65;

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
const { ingestMail, loadMailLimits } = await import("@/server/mail/postmaster");
const { readCappedStream } = await import("@/server/http/capped-body");
const { stopProducer } = await import("@/jobs/boss");
let code = 0;
try {
  // Never more than the size limit in memory: a longer message is refused with EX_DATAERR, so
  // the MTA returns it to its sender with the reason (it is not lost, and not half-stored).
  const { maxBytes } = await loadMailLimits(db);
  const raw = await readCappedStream(Readable.toWeb(process.stdin) as ReadableStream<Uint8Array>, maxBytes);
  if (raw === null) {
    const reason = "adminMail.quarantine.reasons.tooLarge";
    process.stdout.write(JSON.stringify({ outcome: "refused", ticketNumber: null, articleId: null, reason }) + "\n");
    process.stderr.write(`helpdesk postmaster: message larger than ${maxBytes} bytes (mail.max_message_bytes); refused\n`);
    code = EX_DATAERR;
  } else if (raw.length === 0) {
    process.stderr.write("helpdesk postmaster: no message on standard input\n");
    code = 64;
  } else {
    const result = await ingestMail(db, raw, { source: "pipe", queueName: values.queue ?? null });
    process.stdout.write(JSON.stringify(result) + "\n");
  }
} catch (error) {
  process.stderr.write(`helpdesk postmaster: ${error instanceof Error ? error.message : String(error)}\n`);
  code = EX_TEMPFAIL;
} finally {
  await stopProducer().catch(() => {});
  await db.$client.end({ timeout: 5 }).catch(() => {});
  if (database.embedded?.startedHere) await database.embedded.stop();
}
process.exit(code);
