import { endOfDay, wallClockToInstant } from "@/server/time/wall-clock";
import type { ListAuditInput, ListAgentsInput, ListCustomersInput } from "@/server/schemas/admin-directory";

/**
 * The inputs of the directory lists, built in one place so the server's prefetch and the
 * client's first query have the same key (no undefined members, same defaults).
 */
export const PAGE_SIZE = 25;

type Validity = "all" | "valid" | "invalid";

export function namedListInput(search: string, status: Validity) {
  return { status, limit: PAGE_SIZE, ...(search ? { search } : {}) };
}

export function agentListInput(search: string, status: NonNullable<ListAgentsInput["status"]>, roleId: number | null) {
  return { status, limit: PAGE_SIZE, ...(search ? { search } : {}), ...(roleId ? { roleId } : {}) };
}

export function customerListInput(search: string, status: NonNullable<ListCustomersInput["status"]>, companyId: number | null) {
  return { status, limit: PAGE_SIZE, ...(search ? { search } : {}), ...(companyId ? { companyId } : {}) };
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
