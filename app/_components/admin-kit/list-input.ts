import { endOfDay, wallClockToInstant } from "@/server/time/wall-clock";
import type { ListAuditInput } from "@/server/schemas/admin-directory";

/**
 * The inputs of the admin lists, built in one place so the server's prefetch and the client's
 * first query have the same key (no undefined or empty members, the same defaults).
 */
export const PAGE_SIZE = 25;

export type Validity = "all" | "valid" | "invalid";

/** The second argument of every admin list's `infiniteQueryOptions` (server prefetch and client alike). */
export const nextPage = { getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor };

/** Search, a status (validity, or a list's own statuses) and any extra filters; empty ones left out. */
export type ListExtra = Record<string, string | number | boolean | null | undefined>;

export function adminListInput<S extends string, E extends ListExtra = Record<never, never>>(search: string, status: S, extra?: E) {
  const filters = Object.fromEntries(Object.entries(extra ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== "" && v !== false));
  return { status, limit: PAGE_SIZE, ...(search ? { search } : {}), ...filters } as { status: S; limit: number; search?: string } & { [K in keyof E]?: NonNullable<E[K]> };
}

export function matrixInput(search: string, groupId: number | null) {
  return { limit: PAGE_SIZE, ...(search ? { search } : {}), ...(groupId ? { groupId } : {}) };
}

export type AuditFilters = { actorId: number | null; entity: string; action: string; from: string; to: string };
export const NO_AUDIT_FILTERS: AuditFilters = { actorId: null, entity: "", action: "", from: "", to: "" };

/** Dates are whole days in the admin's profile time zone: `to` includes the whole day. */
export function auditListInput(f: AuditFilters, timeZone: string): Omit<ListAuditInput, "cursor"> {
  return {
    limit: PAGE_SIZE,
    ...(f.actorId ? { actorId: f.actorId } : {}),
    ...(f.entity ? { entity: f.entity } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.from ? { from: wallClockToInstant(f.from, timeZone) ?? undefined } : {}),
    ...(f.to ? { to: endOfDay(f.to, timeZone) ?? undefined } : {}),
  };
}
