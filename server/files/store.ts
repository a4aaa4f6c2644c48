import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { storedFiles } from "@/db/schema";
import { env } from "@/server/env";

/** Where file bytes live. Keys are SHA-256 hex digests, so equal bytes are stored once. */
export interface FileBackend {
  readonly name: "local" | "uploadthing";
  /** Stores the bytes under `sha256`; returns the backend's own key, if it has one. */
  put(sha256: string, bytes: Uint8Array, contentType: string): Promise<string | null>;
  get(sha256: string, remoteKey: string | null): Promise<Uint8Array>;
}

/** Content-addressed files under a directory: ab/cd/abcd…; writes are atomic (temp file + rename). */
export class LocalBackend implements FileBackend {
  readonly name = "local" as const;
  constructor(private readonly root: string) {}

  private file(sha256: string) {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error("invalid file key");
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(sha256: string, bytes: Uint8Array): Promise<null> {
    const target = this.file(sha256);
    // No stat first: nearly every file is new (a raw message), and an existing one is the same
    // bytes, which the rename replaces atomically; readers see the old or the new copy, never a part.
    // Unique per write: the same bytes may be stored twice at once (two equal attachments).
    const temp = `${target}.${process.pid}.${randomUUID()}.tmp`;
    // The directory usually exists (65,536 of them): made only when the write says it is missing.
    await writeFile(temp, bytes).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(temp, bytes);
    });
    await rename(temp, target);
    return null;
  }

  async get(sha256: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(this.file(sha256)));
  }
}

export const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

let backend: FileBackend | undefined;

/** UploadThing when UPLOADTHING_TOKEN is set, the local store otherwise. */
export async function fileBackend(): Promise<FileBackend> {
  if (backend) return backend;
  const config = env();
  if (config.UPLOADTHING_TOKEN) {
    const { UploadThingBackend } = await import("./uploadthing");
    backend = new UploadThingBackend(config.UPLOADTHING_TOKEN, {
      apiUrl: config.UPLOADTHING_API_URL,
      ingestUrl: config.UPLOADTHING_INGEST_URL,
      ufsHost: config.UPLOADTHING_UFS_HOST,
      ufsAppIdLocation: config.UPLOADTHING_UFS_APP_ID_LOCATION,
    });
  } else {
    // The directory is configuration, not a build input: keep the bundler from tracing it.
    backend = new LocalBackend(path.resolve(/* turbopackIgnore: true */ process.cwd(), config.FILE_STORE_DIR ?? path.join(config.DATA_DIR, "files")));
  }
  return backend;
}

/** Replaces the process's backend (tests point it at a local UploadThing); returns the previous one. */
export function useFileBackend(next: FileBackend | undefined): FileBackend | undefined {
  const previous = backend;
  backend = next;
  return previous;
}

/**
 * Stores bytes (raw mail, attachments) and records them in `stored_files`; idempotent, so the
 * same bytes stored twice are one file. Call before the transaction that references the row's key.
 */
export async function storeFile(db: Tx, bytes: Uint8Array, contentType = "application/octet-stream"): Promise<{ sha256: string; size: number }> {
  const file = await putFile(db, bytes, contentType);
  await recordFile(db, file);
  return { sha256: file.sha256, size: file.size };
}

/** Bytes in the store whose `stored_files` row may still be missing (`row`: what `recordFile` inserts). */
export type PutFile = { sha256: string; size: number; row: typeof storedFiles.$inferInsert | null };

/**
 * The first half of `storeFile`: the bytes are written, and for the local store the row is left
 * to the caller, who may insert it together with other statements (the postmaster does, in its
 * first round trip) or with `recordFile`. Remote backends record the row here, as they must
 * look it up before uploading.
 */
export async function putFile(db: Tx, bytes: Uint8Array, contentType = "application/octet-stream"): Promise<PutFile> {
  const sha256 = sha256Of(bytes);
  const size = bytes.byteLength;
  const store = await fileBackend();
  if (store.name === "local") {
    // Writing is idempotent and cheap locally: write, then record.
    await store.put(sha256, bytes, contentType);
    return { sha256, size, row: { sha256, size, backend: store.name, remoteKey: null } };
  }
  const [known] = await db.select({ sha256: storedFiles.sha256 }).from(storedFiles).where(eq(storedFiles.sha256, sha256)).limit(1);
  if (!known) {
    const remoteKey = await store.put(sha256, bytes, contentType);
    await db.insert(storedFiles).values({ sha256, size, backend: store.name, remoteKey }).onConflictDoNothing();
  }
  return { sha256, size, row: null };
}

export async function recordFile(db: Tx, file: PutFile): Promise<void> {
  if (file.row) await db.insert(storedFiles).values(file.row).onConflictDoNothing();
}

export async function readStoredFile(db: Tx, sha256: string): Promise<Uint8Array> {
  const [row] = await db.select().from(storedFiles).where(eq(storedFiles.sha256, sha256)).limit(1);
  if (!row) throw new Error(`file ${sha256} is not in the store`);
  const store = await fileBackend();
  const bytes = await store.get(sha256, row.remoteKey);
  if (sha256Of(bytes) !== sha256) throw new Error(`file ${sha256} is corrupt in the ${store.name} store`);
  return bytes;
}
