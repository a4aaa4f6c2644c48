import { and, asc, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { articles, mailAccounts, outbox, quarantine, queues, storedFiles, tickets, users } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import { readStoredFile } from "@/server/files/store";
import { requestPoll } from "@/server/mail/poll";
import { ingestMail } from "@/server/mail/postmaster";
import { discardQuarantined } from "@/server/mail/quarantine";
import type { OutboxListInput, QuarantineListInput } from "@/server/schemas/admin-mail";
import { afterName, contains, nameCursor, olderThan, page, timeCursor } from "@/server/services/keyset";
import { audit } from "./audit";

/**
 * The admin's view of mail: the outbox (what the desk sent, as the recipient sees it), the
 * quarantine (what it could not take in) and the IMAP accounts' health. Read-mostly; the
 * quarantine's re-run and discard and "poll now" are the only changes.
 */

type OutboxFilters = Omit<OutboxListInput, "limit"> & { limit: number };

export async function listOutbox(db: Tx, input: OutboxFilters) {
  const where: (SQL | undefined)[] = [
    input.status ? eq(outbox.status, input.status) : undefined,
    input.kind ? eq(outbox.kind, input.kind) : undefined,
    contains(input.search, outbox.toAddresses, outbox.ccAddresses, outbox.subject),
    olderThan(input.cursor, outbox.createdAt, outbox.id),
  ];
  const rows = await db
    .select({
      id: outbox.id,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      kind: outbox.kind,
      toAddresses: outbox.toAddresses,
      subject: outbox.subject,
      status: outbox.status,
      transport: outbox.transport,
      ticketId: outbox.ticketId,
      ticketNumber: tickets.number,
    })
    .from(outbox)
    .leftJoin(tickets, eq(tickets.id, outbox.ticketId))
    .where(and(...where))
    // Served by outbox_created_idx (created_at, id), read backwards.
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(input.limit + 1);
  return page(rows, input.limit, (last) => timeCursor(last.createdAt, last.id));
}

/** One outgoing message with everything its recipient gets: addresses, body, threading headers, files. */
export async function getOutbox(db: Tx, id: number) {
  const [row] = await db
    .select({
      id: outbox.id,
      kind: outbox.kind,
      status: outbox.status,
      transport: outbox.transport,
      providerId: outbox.providerId,
      error: outbox.error,
      attempts: outbox.attempts,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      fromAddress: outbox.fromAddress,
      toAddresses: outbox.toAddresses,
      ccAddresses: outbox.ccAddresses,
      subject: outbox.subject,
      bodyText: outbox.bodyText,
      bodyHtml: outbox.bodyHtml,
      messageId: outbox.messageId,
      inReplyTo: outbox.inReplyTo,
      references: outbox.references,
      headers: outbox.headers,
      attachments: outbox.attachments,
      ticketId: outbox.ticketId,
      ticketNumber: tickets.number,
      ticketTitle: tickets.title,
      articleId: outbox.articleId,
    })
    .from(outbox)
    .leftJoin(tickets, eq(tickets.id, outbox.ticketId))
    .where(eq(outbox.id, id))
    .limit(1);
  if (!row) throw notFound("errors.notFoundOutgoingMessage");
  const { attachments, headers, bodyText, bodyHtml, ...rest } = row;
  return {
    ...rest,
    bodyText: maskTokens(bodyText),
    bodyHtml: bodyHtml === null ? null : maskTokens(bodyHtml),
    // Header names as the transport sends them; the threading ones are fields of their own.
    headers: Object.entries(headers).map(([name, value]) => ({ name, value })),
    attachments: attachments.map((a, index) => ({ index, filename: a.filename, contentType: a.contentType, size: a.size })),
  };
}

/**
 * Sign-in, reset and confirmation links work for whoever holds them: the admin's view shows
 * where they point, never the token (an admin must not sign in as a customer by reading mail).
 * The row itself keeps them, since the local transport's outbox is the developer's mailbox.
 */
export function maskTokens(text: string): string {
  return text.replace(/([?&](?:amp;)?token=)[^\s&"'<>]+/gi, "$1[hidden]");
}

/** An outgoing message's attachment by its position, for the admin's download link. */
export async function outboxAttachment(db: Tx, id: number, index: number) {
  const [row] = await db.select({ attachments: outbox.attachments }).from(outbox).where(eq(outbox.id, id)).limit(1);
  const file = row?.attachments[index];
  if (!file) throw notFound("errors.notFoundAttachment");
  return { filename: file.filename, contentType: file.contentType, bytes: await readStoredFile(db, file.sha256) };
}

type QuarantineFilters = Omit<QuarantineListInput, "limit" | "includeResolved"> & { limit: number; includeResolved: boolean };

export async function listQuarantine(db: Tx, input: QuarantineFilters) {
  const rows = await db
    .select({
      id: quarantine.id,
      createdAt: quarantine.createdAt,
      source: quarantine.source,
      reason: quarantine.reason,
      detail: quarantine.detail,
      subject: quarantine.subject,
      fromAddress: quarantine.fromAddress,
      size: storedFiles.size,
      resolvedAt: quarantine.resolvedAt,
      resolution: quarantine.resolution,
      resolvedByName: users.name,
    })
    .from(quarantine)
    .innerJoin(storedFiles, eq(storedFiles.sha256, quarantine.rawSha256))
    .leftJoin(users, eq(users.id, quarantine.resolvedBy))
    // Open messages: the partial index quarantine_open_idx (created_at) where resolved_at is null.
    .where(and(input.includeResolved ? undefined : isNull(quarantine.resolvedAt), olderThan(input.cursor, quarantine.createdAt, quarantine.id)))
    .orderBy(desc(quarantine.createdAt), desc(quarantine.id))
    .limit(input.limit + 1);
  return page(rows, input.limit, (last) => timeCursor(last.createdAt, last.id));
}

/**
 * Runs a quarantined message through the postmaster again (after a fix or a filter change). When
 * it now becomes an article (or turns out to be one already) the row is resolved; when it fails
 * again, the postmaster gives the same row the new reason instead of adding a second one.
 */
export async function rerunQuarantine(db: Db, id: number, adminId: number) {
  const [row] = await db.select({ rawSha256: quarantine.rawSha256 }).from(quarantine).where(and(eq(quarantine.id, id), isNull(quarantine.resolvedAt))).limit(1);
  if (!row) throw new AppError("NOT_FOUND", "errors.quarantineGone");
  const raw = await readStoredFile(db, row.rawSha256);
  const result = await ingestMail(db, raw, { source: "rerun", sourceRef: `quarantine:${id}`, quarantineId: id });
  if (result.outcome !== "quarantined") {
    await db.update(quarantine).set({ resolvedAt: new Date(), resolution: `rerun: ${result.outcome}`, resolvedBy: adminId }).where(eq(quarantine.id, id));
  }
  const articleId = result.articleId ? Number(result.articleId) : null;
  const [ticket] = articleId
    ? await db.select({ id: articles.ticketId }).from(articles).where(eq(articles.id, articleId)).limit(1)
    : [];
  await audit(db, { actorId: adminId, action: "rerun", entity: "quarantine", entityId: id, after: { outcome: result.outcome, reason: result.reason ?? null, ticketNumber: result.ticketNumber ?? null } });
  return {
    outcome: result.outcome,
    reason: result.reason,
    ticketNumber: result.ticketNumber,
    ticketId: ticket?.id ?? null,
    resolved: result.outcome !== "quarantined",
  };
}

export async function discardQuarantine(db: Db, id: number, adminId: number) {
  return db.transaction(async (tx) => {
    const row = await discardQuarantined(tx, id, adminId);
    await audit(tx, { actorId: adminId, action: "discard", entity: "quarantine", entityId: id });
    return row;
  });
}

/** A quarantined message exactly as it arrived, as an .eml download. */
export async function quarantineRaw(db: Tx, id: number) {
  const [row] = await db.select({ sha256: quarantine.rawSha256 }).from(quarantine).where(eq(quarantine.id, id)).limit(1);
  if (!row) throw notFound("errors.notFoundQuarantinedMessage");
  return { filename: `quarantine-${id}.eml`, contentType: "message/rfc822", bytes: await readStoredFile(db, row.sha256) };
}

/** The IMAP accounts and how their polling goes. The secret is never selected. */
export async function listAccounts(db: Tx, input: { cursor?: string | null; limit: number }) {
  const rows = await db
    .select({
      id: mailAccounts.id,
      name: mailAccounts.name,
      host: mailAccounts.host,
      port: mailAccounts.port,
      tls: mailAccounts.tls,
      username: mailAccounts.username,
      folder: mailAccounts.folder,
      queueName: queues.name,
      valid: mailAccounts.valid,
      lastPollAt: mailAccounts.lastPollAt,
      lastError: mailAccounts.lastError,
      lastErrorAt: mailAccounts.lastErrorAt,
      importedCount: mailAccounts.importedCount,
      errorCount: mailAccounts.errorCount,
    })
    .from(mailAccounts)
    .leftJoin(queues, eq(queues.id, mailAccounts.queueId))
    .where(afterName(input.cursor, mailAccounts.name, mailAccounts.id))
    .orderBy(asc(sql`lower(${mailAccounts.name})`), asc(mailAccounts.id))
    .limit(input.limit + 1);
  return page(rows, input.limit, (last) => nameCursor(last.name, last.id));
}

/** "Poll now": queues a poll of one account; a poll already waiting for it is not queued twice. */
export async function pollNow(db: Tx, id: number) {
  const [account] = await db.select({ valid: mailAccounts.valid }).from(mailAccounts).where(eq(mailAccounts.id, id)).limit(1);
  if (!account) throw notFound("errors.notFoundMailAccount");
  if (!account.valid) throw new AppError("INVALID_STATE", "errors.mailAccountDisabled");
  const jobId = await db.transaction((tx) => requestPoll(tx, id));
  return { queued: jobId !== null };
}
