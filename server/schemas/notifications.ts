import { z } from "zod";

// Shared by the notification procedures and the bell: no server-only imports here.

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const listNotificationsInput = z
  .object({
    cursor: z.string().max(200).nullish(),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .default({ limit: 20 });

/** Either the given notifications or all of the caller's unread ones. */
export const markReadInput = z.union([
  z.object({ ids: z.array(id).min(1).max(100).transform((list) => [...new Set(list)]) }),
  z.object({ all: z.literal(true) }),
]);
export type MarkReadInput = z.output<typeof markReadInput>;
