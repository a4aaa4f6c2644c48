import { z } from "zod";

// Shared by the admin mail procedures and their pages: no server-only imports here.

export const OUTBOX_STATUSES = ["queued", "sent", "delivered", "bounced", "failed", "suppressed"] as const;
export const OUTBOX_KINDS = ["reply", "forward", "auto_response", "notification"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const paging = {
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
};

export const byId = z.object({ id });

export const outboxListInput = z.object({
  status: z.enum(OUTBOX_STATUSES).optional(),
  kind: z.enum(OUTBOX_KINDS).optional(),
  /** Matches recipients (To, Cc) and subject, anywhere, case-insensitively. */
  search: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
  ...paging,
});
export type OutboxListInput = z.input<typeof outboxListInput>;

export const quarantineListInput = z.object({
  /** Resolved (re-run or discarded) messages too; by default only those still waiting. */
  includeResolved: z.boolean().default(false),
  ...paging,
});
export type QuarantineListInput = z.input<typeof quarantineListInput>;

export const accountsInput = z.object(paging).default({ limit: 25 });
