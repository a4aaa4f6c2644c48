import type { Tx } from "@/db";
import type { TicketRow } from "./scope";

/** What just happened to a ticket, as the lifecycle saw it. */
export type LifecycleEvent =
  | { kind: "opened"; articleId: number }
  | { kind: "article"; articleId: number; senderType: "customer" | "agent" | "system"; isInternal: boolean }
  | { kind: "changed"; fields: string[] };

/**
 * The one place where SLA deadlines (first response, update, solution, escalation_at) will be
 * recomputed: every lifecycle write ends here, in its own transaction, with the row as written.
 * Deliberately a no-op until the SLA issue: nothing sets deadlines yet, so there is nothing to
 * keep in step.
 */
export async function recomputeDeadlines(_tx: Tx, _ticket: TicketRow, _event: LifecycleEvent): Promise<void> {}
