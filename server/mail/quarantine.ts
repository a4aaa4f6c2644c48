import { and, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { quarantine } from "@/db/schema";
import { AppError } from "@/server/errors";

/**
 * Keeps a message the pipeline could not turn into an article, whole, with the reason. A re-run
 * that fails again (`rerunOf`) gives the open row its new reason, and so does the same message
 * delivered again (an MTA retrying a postmaster run killed after this commit, a re-polled IMAP
 * message): one message, one open row.
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
  return db.transaction(async (tx) => {
    // Two copies of one message quarantined at once wait for each other here (no unique key: a
    // resolved row may be followed by a new one for the same bytes).
    await tx.execute(sql`select pg_advisory_xact_lock(${QUARANTINE_LOCK}::int, hashtext(${q.rawSha256}))`);
    const [open] = await tx
      .update(quarantine)
      .set({ reason: q.reason, detail })
      .where(and(eq(quarantine.rawSha256, q.rawSha256), isNull(quarantine.resolvedAt)))
      .returning({ id: quarantine.id });
    if (open) return open.id;
    const [row] = await tx
      .insert(quarantine)
      .values({ rawSha256: q.rawSha256, source: q.source, sourceRef: q.sourceRef, reason: q.reason, detail, subject: q.subject?.slice(0, 500) ?? null, fromAddress: q.from })
      .returning({ id: quarantine.id });
    return row!.id;
  });
}

/** Advisory-lock namespace (first key) for "this message is being quarantined". */
const QUARANTINE_LOCK = 0x51524e54; // "QRNT"

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
