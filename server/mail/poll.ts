import { asc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { mailAccounts } from "@/db/schema";
import { enqueue } from "@/jobs/enqueue";
import { pollMailboxes } from "@/jobs/definitions/poll-mailboxes";
import { logger } from "@/server/logger";
import { pollAccount, type PollResult } from "./imap";

/**
 * Polls each valid IMAP account in turn (or just `accountId`, for "poll now"). A failing account
 * is recorded on its row and does not stop the others.
 */
export async function pollAllMailboxes(db: Db, { accountId }: { accountId?: number }) {
  const ids = accountId
    ? [accountId]
    : (await db.select({ id: mailAccounts.id }).from(mailAccounts).where(eq(mailAccounts.valid, true)).orderBy(asc(mailAccounts.id))).map((a) => a.id);
  const results: PollResult[] = [];
  for (const id of ids) {
    try {
      results.push(await pollAccount(db, id));
    } catch (error) {
      // Only the desk's own database failing gets here (reading the account, taking the lock).
      logger.error({ err: error, accountId: id }, "mailbox poll could not run");
      results.push({ accountId: id, status: "error", processed: 0, outcomes: {}, more: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return {
    accounts: results.length,
    processed: results.reduce((n, r) => n + r.processed, 0),
    failed: results.filter((r) => r.status === "error").map((r) => r.accountId),
    busy: results.filter((r) => r.status === "busy").map((r) => r.accountId),
  };
}

/**
 * "Poll now" for one account (the admin's button): its own singleton key, so it is neither
 * swallowed by a queued cron run nor queued twice for the same account.
 */
export function requestPoll(tx: Tx, accountId: number): Promise<string | null> {
  return enqueue(tx, pollMailboxes, { accountId }, { singletonKey: `account:${accountId}` });
}
