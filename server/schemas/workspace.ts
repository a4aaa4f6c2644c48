import { z } from "zod";
import { id, listTicketsInput } from "./tickets";

// Dashboard, saved searches and bulk actions; no server-only imports (forms use these).

export const LIST_COLUMNS = ["number", "title", "queue", "state", "priority", "customer", "owner", "responsible", "type", "service", "waiting", "created", "changed", "pendingUntil", "escalation"] as const;
export type ListColumn = (typeof LIST_COLUMNS)[number];

/** A saved search stores list filters, never a cursor or page size. */
export const savedFilters = listTicketsInput.omit({ cursor: true, limit: true });
export type SavedFilters = z.input<typeof savedFilters>;

const searchFields = {
  name: z.string().trim().min(1).max(100),
  shared: z.boolean(),
  filters: savedFilters,
  columns: z.array(z.enum(LIST_COLUMNS)).max(LIST_COLUMNS.length),
};
export const createSavedSearchInput = z.object({ ...searchFields, shared: searchFields.shared.default(false), columns: searchFields.columns.default([]) });
// No defaults here: a field left out of an update must stay as it is.
export const updateSavedSearchInput = z.object(searchFields).partial().extend({ id });
export const savedSearchRef = z.object({ id });
export type CreateSavedSearchInput = z.output<typeof createSavedSearchInput>;
export type UpdateSavedSearchInput = z.output<typeof updateSavedSearchInput>;

export const BULK_MAX = 100;
const ticketIds = z
  .array(id)
  .min(1)
  .max(BULK_MAX)
  .transform((list) => [...new Set(list)]);
const none = z.object({}).default({});

export const bulkInput = z.discriminatedUnion("action", [
  z.object({ ticketIds, action: z.literal("move"), params: z.object({ queueId: id }) }),
  z.object({ ticketIds, action: z.literal("state"), params: z.object({ stateId: id, pendingUntil: z.coerce.date().optional() }) }),
  z.object({ ticketIds, action: z.literal("priority"), params: z.object({ priorityId: id }) }),
  z.object({ ticketIds, action: z.literal("owner"), params: z.object({ ownerId: id }) }),
  z.object({
    ticketIds,
    action: z.literal("classify"),
    params: z
      .object({ typeId: id.nullable().optional(), serviceId: id.nullable().optional() })
      .refine((v) => v.typeId !== undefined || v.serviceId !== undefined, { message: "Choose a type or a service", path: ["typeId"] }),
  }),
  z.object({ ticketIds, action: z.literal("lock"), params: none }),
  z.object({ ticketIds, action: z.literal("unlock"), params: none }),
  z.object({ ticketIds, action: z.literal("close"), params: none }),
  z.object({
    ticketIds,
    action: z.literal("merge"),
    params: z
      .object({ targetTicketId: id.optional(), targetNumber: z.string().trim().min(1).max(40).optional() })
      .refine((p) => p.targetTicketId !== undefined || p.targetNumber !== undefined, "Name the ticket to merge into"),
  }),
]);
export type BulkInput = z.output<typeof bulkInput>;
export type BulkAction = BulkInput["action"];

/** Typeahead lookups: words to match, or `id` to name a value already chosen (e.g. read from the URL). */
export const lookupInput = z
  .object({ query: z.string().trim().max(100).default(""), id: id.optional() })
  .refine((v) => v.query !== "" || v.id !== undefined, "Type something to look up");
export type LookupInput = z.output<typeof lookupInput>;
