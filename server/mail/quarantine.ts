import { and, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { quarantine } from "@/db/schema";
import { AppError } from "@/server/errors";
import { readStoredFile } from "@/server/files/store";

/** Keeps a message the pipeline could not turn into an article, whole, with the reason. */
export async function quarantineMessage(
  db: Tx,
  q: { rawSha256: string; source: string; sourceRef: string | null; reason: string; error: unknown; subject: string | null; from: string | null },
): Promise<number> {
  const detail = q.error instanceof Error ? `${q.error.name}: ${q.error.message}`.slice(0, 2000) : q.error ? String(q.error).slice(0, 2000) : null;
  const [row] = await db
    .insert(quarantine)
    .values({ rawSha256: q.rawSha256, source: q.source, sourceRef: q.sourceRef, reason: q.reason, detail, subject: q.subject?.slice(0, 500) ?? null, fromAddress: q.from })
    .returning({ id: quarantine.id });
  return row!.id;
}

/**
 * Runs a quarantined message through the postmaster again (after a fix or a filter change).
 * The quarantine row is resolved only when the message now became (or already was) an article.
 */
export async function rerunQuarantined(db: Db, id: number, adminId: number) {
  const [row] = await db.select().from(quarantine).where(and(eq(quarantine.id, id), isNull(quarantine.resolvedAt))).limit(1);
  if (!row) throw new AppError("NOT_FOUND", "errors.quarantineGone");
  const { ingestMail } = await import("./postmaster");
  const raw = await readStoredFile(db, row.rawSha256);
  const result = await ingestMail(db, raw, { source: "rerun", sourceRef: `quarantine:${id}` });
  if (result.outcome !== "quarantined") {
    await db.update(quarantine).set({ resolvedAt: new Date(), resolution: `rerun: ${result.outcome}`, resolvedBy: adminId }).where(eq(quarantine.id, id));
  }
  return result;
}

/** Discards a quarantined message; the raw bytes stay in the file store. */
export async function discardQuarantined(db: Tx, id: number, adminId: number) {
  const [row] = await db
    .update(quarantine)
    .set({ resolvedAt: new Date(), resolution: "discarded", resolvedBy: adminId })
    .where(and(eq(quarantine.id, id), isNull(quarantine.resolvedAt)))
    .returning({ id: quarantine.id });
  if (!row) throw new AppError("NOT_FOUND", "errors.quarantineGone");
  return row;
}
