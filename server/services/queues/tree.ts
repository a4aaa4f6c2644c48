import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { queues, queueTicketCounts } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { queueIdsWith } from "@/server/auth/permissions";

export type QueueCounts = { new: number; open: number; pending: number };
export type QueueNode = { id: number; name: string; parentId: number | null; counts: QueueCounts; total: QueueCounts; children: QueueNode[] };

const zero = (): QueueCounts => ({ new: 0, open: 0, pending: 0 });

/**
 * The queues the agent may see (ro), as a tree by parentId, with counts from the maintained
 * counters (never a count over tickets). A queue whose parent the agent cannot see becomes a root.
 * `total` adds the counts of the visible descendants.
 */
export async function queueTree(db: Tx, actor: Actor): Promise<QueueNode[]> {
  const visible = queueIdsWith(actor.id, "ro");
  const rows = await db
    .select({ id: queues.id, name: queues.name, parentId: queues.parentId })
    .from(queues)
    .where(and(eq(queues.valid, true), sql`${queues.id} in ${visible}`))
    .orderBy(asc(sql`lower(${queues.name})`));
  if (rows.length === 0) return [];
  const counts = await db
    .select({ queueId: queueTicketCounts.queueId, stateType: queueTicketCounts.stateType, count: queueTicketCounts.count })
    .from(queueTicketCounts)
    .where(and(inArray(queueTicketCounts.queueId, rows.map((r) => r.id)), inArray(queueTicketCounts.stateType, ["new", "open", "pending_reminder", "pending_auto"])));
  const nodes = new Map<number, QueueNode>(rows.map((r) => [r.id, { ...r, counts: zero(), total: zero(), children: [] }]));
  for (const c of counts) {
    const node = nodes.get(c.queueId);
    if (!node) continue;
    const key = c.stateType === "new" ? "new" : c.stateType === "open" ? "open" : "pending";
    node.counts[key] += c.count;
  }
  const roots: QueueNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    (parent ? parent.children : roots).push(node);
  }
  for (const root of roots) sumTotals(root);
  return roots;
}

function sumTotals(node: QueueNode): QueueCounts {
  const total = { ...node.counts };
  for (const child of node.children) {
    const t = sumTotals(child);
    total.new += t.new;
    total.open += t.open;
    total.pending += t.pending;
  }
  node.total = total;
  return total;
}
