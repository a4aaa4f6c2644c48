import { and, count, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { type OutboxAttachment, uploads } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { AppError, type ErrorKey } from "@/server/errors";
import { scoped, type TextParams } from "@/server/i18n/translate";
import { acceptAttribute, acceptedList, classify, extensionOf } from "@/server/files/sniff";
import { storeFile } from "@/server/files/store";
import { safeFilename } from "@/server/mail/parse";
import { getSetting } from "@/server/services/settings";
import type { NewAttachment } from "@/server/services/tickets/lifecycle";

export type UploadLimits = { maxBytes: number; maxFiles: number; allowed: ReadonlySet<string> };

/** Files uploaded but not yet sent that one user may hold, per max_files: a brake on filling the disk. */
const PENDING_PER_FORM = 5;
const PENDING_WINDOW_MS = 24 * 60 * 60 * 1000;
const MAX_NAME = 200;

// C0 and C1 controls, and the invisible marks that reorder text ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf").
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

export async function uploadLimits(db: Tx): Promise<UploadLimits> {
  const [maxBytes, maxFiles, types] = await Promise.all([getSetting(db, "uploads.max_bytes"), getSetting(db, "uploads.max_files"), getSetting(db, "uploads.allowed_types")]);
  const allowed = new Set(types.split(",").map((t) => t.trim().toLowerCase()).filter(Boolean));
  return { maxBytes, maxFiles, allowed };
}

/** What a file picker needs to know before it sends anything; the server checks again. */
export async function uploadRules(db: Tx) {
  const limits = await uploadLimits(db);
  return { maxBytes: limits.maxBytes, maxFiles: limits.maxFiles, accept: acceptAttribute(limits.allowed), types: acceptedList(limits.allowed).replace(/^Accepted: |\.$/g, "") };
}

/**
 * Takes one uploaded file: refuses a bad name, an empty or over-size file, or content that is
 * not an accepted type (judged by the bytes, not the name); otherwise stores it and records it
 * as the actor's unclaimed upload. Every refusal happens before anything is stored.
 */
export async function acceptUpload(db: Db, actor: Actor, input: { filename: string; bytes: Uint8Array; declaredType?: string | null }) {
  const limits = await uploadLimits(db);
  const name = checkFilename(input.filename);
  const size = input.bytes.byteLength;
  if (size === 0) throw bad("errors.uploadEmpty", { name });
  if (size > limits.maxBytes) throw bad(...tooLarge(name, size, limits.maxBytes));
  const verdict = await classify(input.bytes, name, input.declaredType ?? "", limits.allowed, scoped(actor.language, "fileCheck"));
  if (!verdict.ok) throw bad("errors.uploadRefused", { reason: verdict.reason });
  const filename = extensionOf(name) ? name : safeFilename(`${name}.${verdict.ext}`);

  const [pending] = await db
    .select({ n: count() })
    .from(uploads)
    .where(and(eq(uploads.ownerId, actor.id), isNull(uploads.claimedAt), gt(uploads.createdAt, new Date(Date.now() - PENDING_WINDOW_MS))));
  if ((pending?.n ?? 0) >= limits.maxFiles * PENDING_PER_FORM) {
    throw new AppError("RATE_LIMITED", "errors.uploadsPiledUp");
  }

  const stored = await storeFile(db, input.bytes, verdict.contentType);
  const [row] = await db
    .insert(uploads)
    .values({ ownerId: actor.id, fileSha256: stored.sha256, filename, contentType: verdict.contentType, size })
    .returning({ id: uploads.id, filename: uploads.filename, contentType: uploads.contentType, size: uploads.size });
  if (!row) throw new Error("upload insert returned nothing");
  return row;
}

/**
 * A name kept as the user gave it, or refused: silently renaming "../../etc/passwd" or a name
 * with hidden characters would hide what happened, so the user is told instead.
 */
export function checkFilename(raw: string): string {
  const name = raw.normalize("NFC").trim();
  if (!name) throw bad("errors.uploadNoName");
  if (CONTROL.test(name)) {
    throw bad("errors.uploadNameControl", { name: name.replace(new RegExp(CONTROL.source, "g"), "?") });
  }
  if (/[\\/]/.test(name) || name === "." || name === "..") {
    throw bad("errors.uploadNameFolders", { name });
  }
  if (name.length > MAX_NAME) throw bad("errors.uploadNameTooLong", { length: name.length, max: MAX_NAME });
  return safeFilename(name);
}

/** The "too large" refusal as a catalog key and its parameters. */
export const tooLarge = (name: string | null, size: number | null, max: number): [ErrorKey, TextParams] =>
  name && size !== null ? ["errors.uploadTooLargeNamed", { name, size: formatBytes(size), max: formatBytes(max) }] : ["errors.uploadTooLarge", { max: formatBytes(max) }];

/** Refuses more files than one message may carry, before any transaction starts. */
export async function checkUploadCount(db: Tx, uploadIds: readonly string[] | undefined) {
  if (!uploadIds?.length) return;
  const { maxFiles } = await uploadLimits(db);
  const distinct = new Set(uploadIds).size;
  if (distinct > maxFiles) throw bad("errors.uploadTooMany", { count: distinct, max: maxFiles });
}

/**
 * Claims the actor's unclaimed uploads for an article being written in the caller's
 * transaction (the lifecycle's `addArticle`/`openTicket` stores them as its attachments): each
 * upload is claimed once, and only by the user who uploaded it.
 */
export async function claimUploads(tx: Tx, actor: Actor, uploadIds: readonly string[] | undefined): Promise<NewAttachment[]> {
  if (!uploadIds?.length) return [];
  const ids = [...new Set(uploadIds)];
  const claimed = await tx
    .update(uploads)
    .set({ claimedAt: new Date() })
    .where(and(inArray(uploads.id, ids), eq(uploads.ownerId, actor.id), isNull(uploads.claimedAt)))
    .returning({ id: uploads.id, fileSha256: uploads.fileSha256, filename: uploads.filename, contentType: uploads.contentType, size: uploads.size });
  if (claimed.length !== ids.length) {
    throw bad("errors.uploadGone");
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  return claimed.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)).map(({ id: _id, ...f }) => f);
}

/** An article's attachment as the outgoing mail carries it. */
export const toOutbox = (f: NewAttachment): OutboxAttachment => ({ sha256: f.fileSha256, filename: f.filename, contentType: f.contentType, size: f.size });

/** Forgets an upload the user removed from a form; the bytes stay, as other files may share them. */
export async function discardUpload(db: Tx, actor: Actor, uploadId: string) {
  const gone = await db
    .delete(uploads)
    .where(and(eq(uploads.id, uploadId), eq(uploads.ownerId, actor.id), isNull(uploads.claimedAt)))
    .returning({ id: uploads.id });
  return { discarded: gone.length > 0 };
}

function formatBytes(n: number): string {
  // Rounded up, so a file just over the limit never reads as equal to it.
  if (n >= 1024 * 1024) return `${Math.ceil((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.ceil(n / 1024)} KB`;
  return `${n} bytes`;
}

const bad = (key: ErrorKey, params?: TextParams) => new AppError("BAD_INPUT", key, params);
