import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { storedFiles } from "@/db/schema";
import { LocalBackend, readStoredFile, sha256Of, storeFile } from "@/server/files/store";

process.env.FILE_STORE_DIR = mkdtempSync(path.join(tmpdir(), "helpdesk-files-"));

describe("file store", () => {
  it("stores bytes once under their SHA-256 and reads them back unchanged", async () => {
    const bytes = new TextEncoder().encode("Zażółć gęślą jaźń — bytes, not text \u0000\u00ff");
    const first = await storeFile(db, bytes, "text/plain");
    const second = await storeFile(db, bytes, "text/plain");
    expect(first).toEqual(second);
    expect(first.sha256).toBe(sha256Of(bytes));
    const rows = await db.select().from(storedFiles).where(eq(storedFiles.sha256, first.sha256));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.backend).toBe("local");
    expect(Buffer.from(await readStoredFile(db, first.sha256)).equals(Buffer.from(bytes))).toBe(true);
  });

  it("refuses keys that are not SHA-256 digests (no path traversal)", async () => {
    const store = new LocalBackend(process.env.FILE_STORE_DIR!);
    await expect(store.get("../../etc/passwd")).rejects.toThrow("invalid file key");
  });
});
