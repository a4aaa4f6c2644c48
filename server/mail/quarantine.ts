import type { Tx } from "@/db";
import { quarantine } from "@/db/schema";

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
