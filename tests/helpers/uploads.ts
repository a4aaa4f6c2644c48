import { randomBytes } from "node:crypto";
import { db } from "@/db";
import { storedFiles, uploads } from "@/db/schema";

/** An unclaimed upload of `ownerId`, by direct insert (no bytes in the store). */
export async function insertUpload(ownerId: number, values: Partial<typeof uploads.$inferInsert> = {}) {
  const sha256 = randomBytes(32).toString("hex");
  await db.insert(storedFiles).values({ sha256, size: 5, backend: "local" });
  const [row] = await db.insert(uploads).values({ ownerId, fileSha256: sha256, filename: "note.txt", contentType: "text/plain", size: 5, ...values }).returning();
  return row!;
}

/**
 * For permission-matrix rows that act on the caller's own upload: `prepare` makes one for the
 * calling user (before the table counts are taken), `build` passes its id.
 */
export function onOwnUpload(build: (uploadId: string) => unknown) {
  const made = new Map<number, string>();
  return {
    prepare: async (c: { user: { id: number } }) => {
      made.set(c.user.id, (await insertUpload(c.user.id)).id);
    },
    build: (c: { user: { id: number } }) => {
      const id = made.get(c.user.id);
      if (!id) throw new Error("onOwnUpload: prepare did not run");
      return build(id);
    },
  };
}
