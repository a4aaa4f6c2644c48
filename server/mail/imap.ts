import { isIP } from "node:net";
import { eq, sql } from "drizzle-orm";
import { ImapFlow, type ImapFlowError } from "imapflow";
import type { Db, Tx } from "@/db";
import { mailAccounts } from "@/db/schema";
import { logger } from "@/server/logger";
import { allowedHosts, resolvePublicHost } from "@/server/net/ssrf";
import type { MailLimits } from "./limits";
import { type IngestOptions, type IngestOutcome, ingestInGroups, loadMailLimits, quarantineOversize } from "./postmaster";

/** At most this many messages are taken from one mailbox per poll; the rest wait for the next one. */
export const POLL_LIMIT = 200;
/** Messages written per transaction while polling, and such groups at once (see pollMailbox). */
export const POLL_GROUP = { size: 4, inFlight: 2 };
/** Advisory-lock namespace (first key) for "an account is being polled"; the second key is the account id. */
const POLL_LOCK_NAMESPACE = 0x4d424f58; // "MBOX"

export type ImapEndpoint = {
  host: string;
  port: number;
  /** Implicit TLS (993). When false the client still upgrades with STARTTLS if the server offers it. */
  tls: boolean;
  username: string;
  secret: string;
};

export type PollResult = {
  accountId: number;
  /** ok: the poll ran to its end; error: it stopped (see error); busy: another poll holds the account; skipped: no such valid account. */
  status: "ok" | "error" | "busy" | "skipped";
  /** Messages handed to the desk and then flagged \Seen (or deleted) in the mailbox. */
  processed: number;
  outcomes: Partial<Record<IngestOutcome["outcome"], number>>;
  /** More unread messages than the per-poll limit were waiting. */
  more: boolean;
  error: string | null;
};

export type PollOptions = {
  /** Handle the postmaster writes through; the account row, its counters and the lock use `db`. Defaults to `db`. */
  ingestDb?: Db;
  limit?: number;
};

/**
 * Polls one IMAP account: every unread message of its folder goes through the postmaster (a few
 * per transaction), and only after its ingest returned (the article committed, or the message
 * known as a duplicate, ignored by a filter or quarantined: stored in every case) is it flagged
 * \Seen, or deleted when the account says so. When ingest throws for a message (the database is
 * down), that message stays unread and the poll stops; the next poll picks it up, and the
 * Message-ID key makes the retry exactly-once.
 *
 * Never throws for mailbox or ingest failures: they end up in the account's lastError and in the
 * result. A session advisory lock per account keeps two workers from polling it at once.
 */
export async function pollAccount(db: Db, accountId: number, opts: PollOptions = {}): Promise<PollResult> {
  const result: PollResult = { accountId, status: "ok", processed: 0, outcomes: {}, more: false, error: null };
  const [account] = await db.select().from(mailAccounts).where(eq(mailAccounts.id, accountId)).limit(1);
  if (!account?.valid) return { ...result, status: "skipped" };

  const lock = await db.$client.reserve();
  try {
    const [got] = await lock<{ ok: boolean }[]>`select pg_try_advisory_lock(${POLL_LOCK_NAMESPACE}::int, ${accountId}::int) as ok`;
    if (!got?.ok) return { ...result, status: "busy" };
    try {
      await pollMailbox(account, await allowedHosts(db), opts.ingestDb ?? db, Math.max(1, opts.limit ?? POLL_LIMIT), result);
      await recordPoll(db, result);
    } finally {
      await lock`select pg_advisory_unlock(${POLL_LOCK_NAMESPACE}::int, ${accountId}::int)`.catch(() => {});
    }
  } finally {
    lock.release();
  }
  if (result.error) logger.warn({ accountId, error: result.error, processed: result.processed }, "mailbox poll failed");
  else if (result.processed > 0) logger.info({ accountId, processed: result.processed, outcomes: result.outcomes, more: result.more }, "mailbox polled");
  return result;
}

class IngestFailed extends Error {}

async function pollMailbox(account: typeof mailAccounts.$inferSelect, allowed: Set<string>, ingestDb: Db, limit: number, result: PollResult): Promise<void> {
  let client: ImapFlow | undefined;
  try {
    const imap = (client = await connectClient(account, allowed));
    await imap.connect();
    const mailbox = await client.getMailboxLock(account.folder);
    try {
      const uidValidity = client.mailbox ? String(client.mailbox.uidValidity) : "0";
      let limits: MailLimits | undefined;
      const unseen = (await client.search({ seen: false, deleted: false }, { uid: true })) || [];
      unseen.sort((a, b) => a - b);
      const batch = unseen.slice(0, limit);
      result.more = unseen.length > batch.length;
      // The message is safe in the desk now; only from here on may the mailbox forget it.
      const acknowledge = async (uid: number, outcome: IngestOutcome, oversize: boolean) => {
        const flagged = await imap.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
        if (!flagged) throw new Error(`message UID ${uid} was stored but could not be flagged \\Seen`);
        if (account.deleteAfterImport && !oversize) {
          const deleted = await imap.messageDelete(String(uid), { uid: true });
          if (!deleted) throw new Error(`message UID ${uid} was stored but could not be deleted`);
        }
        result.processed += 1;
        result.outcomes[outcome.outcome] = (result.outcomes[outcome.outcome] ?? 0) + 1;
      };
      // Messages go through the postmaster POLL_GROUP.size at a time (one transaction), up to
      // POLL_GROUP.inFlight groups at once while the next messages download. Each message is
      // flagged (or deleted) only once its group settled and its own row is committed; a message
      // that could not be stored stays unread, its group-mates are flagged, and the poll stops
      // after the groups in flight (the next poll retries it; the Message-ID key keeps it once).
      let failure: Error | null = null;
      const groups = ingestInGroups(ingestDb, POLL_GROUP, async (items: { uid: number; raw: Uint8Array; opts: IngestOptions }[], outs) => {
        try {
          for (const [k, item] of items.entries()) {
            const o = outs[k]!;
            if (o.status === "fulfilled") await acknowledge(item.uid, o.value, false);
            else failure ??= new IngestFailed(`message UID ${item.uid} could not be stored and was left unread: ${describeIngestError(o.reason)}`, { cause: o.reason });
          }
        } catch (error) {
          failure ??= error instanceof Error ? error : new Error(String(error));
        }
      });
      for (const uid of batch) {
        if (failure) break;
        try {
          limits ??= await loadMailLimits(ingestDb);
        } catch (error) {
          throw new IngestFailed(`message UID ${uid} could not be stored and was left unread: ${describeIngestError(error)}`, { cause: error });
        }
        // One message at a time: no other command may run inside a FETCH stream, and memory stays
        // bounded: the size comes first, and a message over the limit is never downloaded.
        const meta = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
        if (!meta) continue; // expunged by another client meanwhile
        const oversize = (meta.size ?? 0) > limits.maxBytes;
        const message = oversize ? await client.fetchOne(String(uid), { uid: true, headers: true }, { uid: true }) : await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        if (!message || !(oversize ? message.headers : message.source)) continue;
        const opts = { source: "imap" as const, sourceRef: `${account.id}:${uidValidity}:${uid}`, accountId: account.id };
        if (!oversize) {
          await groups.add({ uid, raw: message.source!, opts });
          continue;
        }
        let outcome: IngestOutcome;
        try {
          outcome = await quarantineOversize(ingestDb, message.headers!.subarray(0, limits.maxHeaderBytes), opts, `the message has ${meta.size} bytes, over the limit of ${limits.maxBytes} (mail.max_message_bytes); only its header is kept here, the message stays in the mailbox (UID ${uid}, flagged \\Seen, never deleted)`);
        } catch (error) {
          failure ??= new IngestFailed(`message UID ${uid} could not be stored and was left unread: ${describeIngestError(error)}`, { cause: error });
          break;
        }
        await acknowledge(uid, outcome, true);
      }
      await groups.finish({ flush: !failure });
      if (failure) throw failure;
    } finally {
      mailbox.release();
    }
    await client.logout();
  } catch (error) {
    result.status = "error";
    result.error = error instanceof IngestFailed ? error.message : describeImapError(error, account);
  } finally {
    client?.close();
  }
}

/**
 * A client for the endpoint, connecting to the address its host resolves to now (refused when
 * that is internal and the host is not on the allow-list), with the host name kept for TLS.
 */
async function connectClient(endpoint: ImapEndpoint, allowed: Set<string>): Promise<ImapFlow> {
  const address = await resolvePublicHost(endpoint.host, allowed);
  const client = new ImapFlow({
    host: address,
    servername: isIP(endpoint.host) ? undefined : endpoint.host.trim(),
    port: endpoint.port,
    secure: endpoint.tls,
    auth: { user: endpoint.username, pass: endpoint.secret },
    logger: false,
    disableAutoIdle: true,
    clientInfo: { name: "helpdesk" },
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
  });
  // Socket errors are also emitted as events; without a listener they would end the process.
  client.on("error", (error: unknown) => logger.debug({ err: error, host: endpoint.host }, "imap connection error"));
  return client;
}

async function recordPoll(db: Db, r: PollResult): Promise<void> {
  const now = new Date();
  const failed = r.status === "error";
  try {
    await db
      .update(mailAccounts)
      .set({
        lastPollAt: now,
        importedCount: sql`${mailAccounts.importedCount} + ${r.processed}`,
        lastError: failed ? r.error : null,
        ...(failed ? { lastErrorAt: now, errorCount: sql`${mailAccounts.errorCount} + 1` } : {}),
      })
      .where(eq(mailAccounts.id, r.accountId));
  } catch (error) {
    // The desk's own database is unreachable: nothing to record it in. The messages stayed unread.
    logger.error({ err: error, accountId: r.accountId }, "could not record the mailbox poll");
  }
}

/**
 * Tries an account's settings without importing anything: login, list folders, check the folder.
 * A refused host throws (AppError); any failure to reach the server reads the same, "could not
 * connect", so the form cannot be used to map which ports are open where.
 */
export async function testConnection(db: Tx, endpoint: ImapEndpoint & { folder?: string | null }): Promise<{ ok: boolean; error?: string; folders?: string[] }> {
  const client = await connectClient(endpoint, await allowedHosts(db));
  try {
    await client.connect();
    const folders = (await client.list()).map((f) => f.path).sort((a, b) => a.localeCompare(b));
    await client.logout();
    const folder = endpoint.folder?.trim();
    if (folder && !folders.some((f) => f === folder || (f.toUpperCase() === "INBOX" && folder.toUpperCase() === "INBOX"))) {
      return { ok: false, error: `folder "${folder}" not found`, folders };
    }
    return { ok: true, folders };
  } catch (error) {
    const e = (error ?? {}) as ImapFlowError;
    const answered = e.authenticationFailed || e.serverResponseCode || e.responseText;
    return { ok: false, error: answered ? describeImapError(error, endpoint) : `could not connect to ${endpoint.host}:${endpoint.port}` };
  } finally {
    client.close();
  }
}

/** A short, admin-readable reason for an IMAP failure (shown as the account's last error). */
export function describeImapError(error: unknown, at: { host: string; port: number } & { folder?: string | null }): string {
  const e = (error ?? {}) as ImapFlowError & { message?: string };
  const server = e.responseText ? ` (server: ${e.responseText})` : "";
  if (e.authenticationFailed || e.serverResponseCode === "AUTHENTICATIONFAILED") return `authentication failed${server}`;
  if (e.mailboxMissing || e.serverResponseCode === "NONEXISTENT") return `folder "${e.path ?? at.folder ?? ""}" not found${server}`;
  switch (e.code) {
    case "ECONNREFUSED":
      return `connection refused by ${at.host}:${at.port}`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `host not found: ${at.host}`;
    case "ETIMEDOUT":
    case "CONNECT_TIMEOUT":
    case "GREETING_TIMEOUT":
    case "ETIMEOUT":
      return `connection to ${at.host}:${at.port} timed out`;
    case "ECONNRESET":
    case "EConnectionClosed":
    case "ClosedAfterConnectText":
    case "ClosedAfterConnectTLS":
    case "NoConnection":
      return `connection to ${at.host}:${at.port} closed unexpectedly${e.reason ? ` (${e.reason})` : ""}`;
  }
  if (e.tlsFailed || (typeof e.code === "string" && (e.code.startsWith("ERR_TLS") || e.code.includes("CERT")))) return `TLS failed: ${e.message ?? e.code}`;
  if (e.responseText) return `${e.command ? `${e.command} ` : ""}refused by the server: ${e.responseText}`;
  return e.message || String(error);
}

function describeIngestError(error: unknown): string {
  // Drizzle wraps the driver's error ("Failed query: ..."): the connection code sits on a cause.
  const DOWN = ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT", "57P01", "57P02", "57P03", "53300"];
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && DOWN.includes(code)) return `the database is unavailable (${code})`;
  }
  return error instanceof Error ? error.message.split("\n")[0]! : String(error);
}
