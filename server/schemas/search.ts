import { z } from "zod";
import { id, STATE_TYPES } from "./tickets";

const when = z.coerce.date().optional();

export const searchTicketsInput = z
  .object({
    query: z.string().trim().min(1).max(200),
    queueIds: z.array(id).max(200).optional(),
    stateTypes: z.array(z.enum(STATE_TYPES)).max(7).optional(),
    priorityIds: z.array(id).max(20).optional(),
    ownerId: id.optional(),
    customerUserId: id.optional(),
    customerCompanyId: id.optional(),
    createdFrom: when,
    createdTo: when,
    changedFrom: when,
    changedTo: when,
    includeArchived: z.boolean().default(false),
    cursor: z.string().max(200).nullish(),
    limit: z.number().int().min(1).max(50).default(25),
  })
  .refine((v) => !v.createdFrom || !v.createdTo || v.createdFrom <= v.createdTo, { message: "The start date is after the end date", path: ["createdTo"] })
  .refine((v) => !v.changedFrom || !v.changedTo || v.changedFrom <= v.changedTo, { message: "The start date is after the end date", path: ["changedTo"] });
export type SearchTicketsInput = z.input<typeof searchTicketsInput>;

export const MATCHED_IN = ["number", "email", "title", "article", "attachment"] as const;
export type MatchedIn = (typeof MATCHED_IN)[number];

/** Snippets are plain text; these private-use characters mark where a match starts and ends. */
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";

/** Splits a snippet into plain and marked parts, for rendering without HTML. */
export function snippetParts(snippet: string): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  for (const chunk of snippet.split(MARK_START)) {
    const [inside, rest] = chunk.includes(MARK_END) ? (chunk.split(MARK_END, 2) as [string, string]) : [null, chunk];
    if (inside) parts.push({ text: inside, marked: true });
    if (rest) parts.push({ text: rest, marked: false });
  }
  return parts;
}
