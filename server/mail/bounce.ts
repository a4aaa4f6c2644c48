import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { outbox } from "@/db/schema";
import { recordDelivery } from "@/server/services/tickets/lifecycle";
import { normalizeMessageId, type Parsed } from "./parse";

/**
 * A delivery failure for our own mail: find the original Message-ID in the returned message
 * (attached message/rfc822 or text/rfc822-headers, or quoted in the text) and mark the outgoing
 * article and outbox row as bounced.
 */
export async function markBounced(db: Tx, p: Parsed): Promise<number> {
  const texts = [p.text, ...p.attachments.filter((a) => /rfc822|delivery-status/.test(a.contentType)).map((a) => a.content.toString("utf8"))];
  const ids = new Set<string>();
  for (const t of texts) {
    for (const m of t.matchAll(/^message-id:\s*(<[^>\s]+>)/gim)) {
      const id = normalizeMessageId(m[1]);
      if (id) ids.add(id);
    }
  }
  if (ids.size === 0) return 0;
  const list = [...ids];
  const hit = await recordDelivery(db, { messageIds: list }, { status: "bounced", error: p.subject.slice(0, 500) });
  for (const id of list) await db.update(outbox).set({ status: "bounced", error: p.subject.slice(0, 500) }).where(eq(outbox.messageId, id));
  return hit;
}
