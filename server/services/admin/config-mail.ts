import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db";
import { mailAccounts, queues, systemAddresses } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { testConnection } from "@/server/mail/imap";
import {
  byId,
  createMailAccountInput,
  createSystemAddressInput,
  listInput,
  setValidInput,
  testMailAccountInput,
  updateMailAccountInput,
  updateSystemAddressInput,
} from "@/server/schemas/admin-config";
import { afterName, contains, nameCursor, page } from "@/server/services/keyset";
import { byName, deleteUnused, listWhere, lockById, namePage, requireRef, setValidity } from "./config";
import { adminChange, audit, changedOnly } from "./audit";

// Mail accounts: the secret goes in, never out -------------------------------------------

const ACCOUNT_TAKEN = "errors.mailAccountNameTaken";

/** What the admin sees of an account: everything but the secret, which is only "set". */
const accountColumns = {
  id: mailAccounts.id,
  name: mailAccounts.name,
  host: mailAccounts.host,
  port: mailAccounts.port,
  tls: mailAccounts.tls,
  username: mailAccounts.username,
  folder: mailAccounts.folder,
  queueId: mailAccounts.queueId,
  queueName: queues.name,
  followUpByBody: mailAccounts.followUpByBody,
  deleteAfterImport: mailAccounts.deleteAfterImport,
  valid: mailAccounts.valid,
  lastPollAt: mailAccounts.lastPollAt,
  lastError: mailAccounts.lastError,
  importedCount: mailAccounts.importedCount,
};

export async function listMailAccounts(db: Tx, raw: z.input<typeof listInput>) {
  const input = listInput.parse(raw);
  const rows = await db
    .select(accountColumns)
    .from(mailAccounts)
    .leftJoin(queues, eq(queues.id, mailAccounts.queueId))
    .where(and(...listWhere(input, { name: mailAccounts.name, id: mailAccounts.id, valid: mailAccounts.valid, search: [mailAccounts.name, mailAccounts.host, mailAccounts.username] })))
    .orderBy(byName(mailAccounts.name), asc(mailAccounts.id))
    .limit(input.limit + 1);
  return namePage(rows, input.limit);
}

export async function createMailAccount(db: Tx, actor: Actor, raw: z.input<typeof createMailAccountInput>) {
  const input = createMailAccountInput.parse(raw);
  return adminChange(db, { taken: ACCOUNT_TAKEN, config: true }, async (tx) => {
    await requireRef(tx, queues, input.queueId, "errors.mailAccountQueue");
    await nameFree(tx, input.name, null);
    const [row] = await tx.insert(mailAccounts).values(input).returning({ id: mailAccounts.id });
    const { secret: _secret, ...shown } = input;
    await audit(tx, { actorId: actor.id, action: "create", entity: "mail_account", entityId: row!.id, after: { ...shown, secret: "[set]" } });
    return { id: row!.id };
  });
}

export async function updateMailAccount(db: Tx, actor: Actor, raw: z.input<typeof updateMailAccountInput>) {
  const input = updateMailAccountInput.parse(raw);
  return adminChange(db, { taken: ACCOUNT_TAKEN, config: true }, async (tx) => {
    const current = await lockById(tx, mailAccounts, input.id, "Mail account");
    await requireRef(tx, queues, input.queueId, "errors.mailAccountQueue", input.queueId === current.queueId);
    await nameFree(tx, input.name, input.id);
    const { id, secret, ...fields } = input;
    if (secret === undefined) requireSameServer(current, fields);
    const shown = (row: typeof fields) => ({ name: row.name, host: row.host, port: row.port, tls: row.tls, username: row.username, folder: row.folder, queueId: row.queueId, followUpByBody: row.followUpByBody, deleteAfterImport: row.deleteAfterImport });
    const diff = changedOnly(shown(current), shown(fields));
    const secretChanged = secret !== undefined && secret !== current.secret;
    if (Object.keys(diff.after).length === 0 && !secretChanged) return { id };
    await tx
      .update(mailAccounts)
      .set({ ...fields, ...(secretChanged ? { secret } : {}), changedAt: new Date() })
      .where(eq(mailAccounts.id, id));
    // The audit log says that the password changed, never what it is (audit() also hides any "secret" key).
    await audit(tx, { actorId: actor.id, action: "update", entity: "mail_account", entityId: id, before: diff.before, after: { ...diff.after, ...(secretChanged ? { credentialsChanged: true } : {}) } });
    return { id };
  });
}

export function setMailAccountValid(db: Tx, actor: Actor, raw: z.input<typeof setValidInput>) {
  return setValidity(db, actor, { table: mailAccounts, ...setValidInput.parse(raw), entity: "mail_account", what: "Mail account" });
}

/** An account that already brought mail in keeps its history: it can be disabled, not deleted. */
export function deleteMailAccount(db: Tx, actor: Actor, raw: z.input<typeof byId>) {
  const { id } = byId.parse(raw);
  return deleteUnused(db, actor, {
    table: mailAccounts,
    id,
    entity: "mail_account",
    what: "Mail account",
    label: (row) => `The mail account “${row.name}”`,
    omit: ["secret", "lastPollAt", "lastError", "lastErrorAt", "errorCount"],
    uses: (row) => [{ query: sql`select ${row.importedCount}::int`, one: "imported message", many: "imported messages" }],
  });
}

/**
 * Tries the form's settings against the server (login, folders) without importing anything.
 * With an account id and no new password, the stored one is used; it never leaves the server.
 */
export async function testMailAccount(db: Tx, raw: z.input<typeof testMailAccountInput>) {
  const input = testMailAccountInput.parse(raw);
  let secret = input.secret || null;
  if (!secret && input.id) {
    const [row] = await db.select({ secret: mailAccounts.secret, host: mailAccounts.host, port: mailAccounts.port, tls: mailAccounts.tls }).from(mailAccounts).where(eq(mailAccounts.id, input.id)).limit(1);
    if (!row) throw new AppError("NOT_FOUND", "errors.notFoundMailAccount");
    requireSameServer(row, input);
    secret = row.secret;
  }
  if (!secret) throw new AppError("BAD_INPUT", "errors.mailPasswordNeeded");
  const result = await testConnection(db, { host: input.host, port: input.port, tls: input.tls, username: input.username, secret, folder: input.folder });
  // A server may echo what it was sent; make sure the secret is not in what goes back.
  const clean = (text: string | undefined) => (text ? text.split(secret).join("[hidden]") : null);
  return { ok: result.ok, error: clean(result.error), folders: result.folders ?? [] };
}

/**
 * The stored password goes only to the server it was entered for: another host or port, or
 * the same server without TLS, needs the password typed again.
 */
function requireSameServer(stored: { host: string; port: number; tls: boolean }, wanted: { host: string; port: number; tls: boolean }) {
  const sameHost = stored.host.trim().toLowerCase() === wanted.host.trim().toLowerCase();
  if (!sameHost || stored.port !== wanted.port || (stored.tls && !wanted.tls)) throw new AppError("BAD_INPUT", "errors.mailPasswordForNewServer");
}

async function nameFree(tx: Tx, name: string, selfId: number | null) {
  // mail_accounts.name has no unique index; the lock-free check is enough for an admin form.
  const [taken] = await tx
    .select({ id: mailAccounts.id })
    .from(mailAccounts)
    .where(and(sql`lower(${mailAccounts.name}) = lower(${name})`, selfId ? sql`${mailAccounts.id} <> ${selfId}` : undefined))
    .limit(1);
  if (taken) throw new AppError("CONFLICT", ACCOUNT_TAKEN);
}

// System addresses ------------------------------------------------------------------------

const ADDRESS_TAKEN = "errors.systemAddressTaken";

export async function listSystemAddresses(db: Tx, raw: z.input<typeof listInput>) {
  const input = listInput.parse(raw);
  const rows = await db
    .select({ id: systemAddresses.id, address: systemAddresses.address, displayName: systemAddresses.displayName, queueId: systemAddresses.queueId, queueName: queues.name, valid: systemAddresses.valid })
    .from(systemAddresses)
    .innerJoin(queues, eq(queues.id, systemAddresses.queueId))
    .where(
      and(
        contains(input.search, systemAddresses.address, systemAddresses.displayName),
        input.status === "all" ? undefined : eq(systemAddresses.valid, input.status === "valid"),
        afterName(input.cursor, systemAddresses.address, systemAddresses.id),
      ),
    )
    .orderBy(byName(systemAddresses.address), asc(systemAddresses.id))
    .limit(input.limit + 1);
  return page(rows, input.limit, (last) => nameCursor(last.address, last.id));
}

export async function createSystemAddress(db: Tx, actor: Actor, raw: z.input<typeof createSystemAddressInput>) {
  const input = createSystemAddressInput.parse(raw);
  return adminChange(db, { taken: ADDRESS_TAKEN, config: true }, async (tx) => {
    await requireRef(tx, queues, input.queueId, "errors.systemAddressQueue");
    const [row] = await tx.insert(systemAddresses).values(input).returning({ id: systemAddresses.id });
    await audit(tx, { actorId: actor.id, action: "create", entity: "system_address", entityId: row!.id, after: input });
    return { id: row!.id };
  });
}

export async function updateSystemAddress(db: Tx, actor: Actor, raw: z.input<typeof updateSystemAddressInput>) {
  const input = updateSystemAddressInput.parse(raw);
  return adminChange(db, { taken: ADDRESS_TAKEN, config: true }, async (tx) => {
    const current = await lockById(tx, systemAddresses, input.id, "System address");
    const { id, ...fields } = input;
    await requireRef(tx, queues, fields.queueId, "errors.systemAddressQueue", fields.queueId === current.queueId);
    const diff = changedOnly({ address: current.address, displayName: current.displayName, queueId: current.queueId }, fields);
    if (Object.keys(diff.after).length === 0) return { id };
    await tx
      .update(systemAddresses)
      .set({ ...fields, changedAt: new Date() })
      .where(eq(systemAddresses.id, id));
    await audit(tx, { actorId: actor.id, action: "update", entity: "system_address", entityId: id, ...diff });
    return { id };
  });
}

export function setSystemAddressValid(db: Tx, actor: Actor, raw: z.input<typeof setValidInput>) {
  return setValidity(db, actor, { table: systemAddresses, ...setValidInput.parse(raw), entity: "system_address", what: "System address" });
}

export function deleteSystemAddress(db: Tx, actor: Actor, raw: z.input<typeof byId>) {
  const { id } = byId.parse(raw);
  return deleteUnused(db, actor, {
    table: systemAddresses,
    id,
    entity: "system_address",
    what: "System address",
    label: (row) => `The address ${row.address}`,
    uses: () => [
      { query: sql`select count(*) from queues where system_address_id = ${id}`, one: "queue sends from it", many: "queues send from it" },
    ],
  });
}
