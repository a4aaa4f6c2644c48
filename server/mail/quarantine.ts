import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { quarantine } from "@/db/schema";
import { AppError } from "@/server/errors";

/**
 * Keeps a message the pipeline could not turn into an article, whole, with the reason. A re-run
 * that fails again (`rerunOf`) gives the open row its new reason: one message, one row.
 */
export async function quarantineMessage(
  db: Tx,
  q: { rawSha256: string; source: string; sourceRef: string | null; reason: string; error: unknown; subject: string | null; from: string | null; rerunOf?: number | null },
): Promise<number> {
  // PostgreSQL text cannot hold NUL: whatever a hostile message put into the texts below goes.
  const clean = <T extends string | null>(value: T): T => (value === null ? value : (value.replaceAll("\u0000", "") as T));
  const detail = clean(q.error instanceof Error ? `${q.error.name}: ${q.error.message}`.slice(0, 2000) : q.error ? String(q.error).slice(0, 2000) : null);
  q = { ...q, subject: clean(q.subject), from: clean(q.from), sourceRef: clean(q.sourceRef) };
  if (q.rerunOf) {
    const [open] = await db
      .update(quarantine)
      .set({ reason: q.reason, detail })
      .where(and(eq(quarantine.id, q.rerunOf), isNull(quarantine.resolvedAt)))
      .returning({ id: quarantine.id });
    if (open) return open.id;
  }
  const [row] = await db
    .insert(quarantine)
    .values({ rawSha256: q.rawSha256, source: q.source, sourceRef: q.sourceRef, reason: q.reason, detail, subject: q.subject?.slice(0, 500) ?? null, fromAddress: q.from })
    .returning({ id: quarantine.id });
  return row!.id;
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
