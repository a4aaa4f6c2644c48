import { OUTBOX_KINDS, OUTBOX_STATUSES, type OutboxKind, type OutboxStatus } from "@/server/schemas/admin-mail";

/** The outbox page's filters; they live in the URL so a view can be shared and survives reload. */
export type OutboxFilters = { status: OutboxStatus | null; kind: OutboxKind | null; q: string };

export const OUTBOX_PAGE_SIZE = 25;

type Read = (key: string) => string | undefined;

export function readerOf(params: URLSearchParams | Record<string, string | string[] | undefined>): Read {
  if (params instanceof URLSearchParams) return (key) => params.get(key) ?? undefined;
  return (key) => {
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
}

export function parseOutboxFilters(read: Read): OutboxFilters {
  const status = read("status");
  const kind = read("kind");
  return {
    status: OUTBOX_STATUSES.includes(status as OutboxStatus) ? (status as OutboxStatus) : null,
    kind: OUTBOX_KINDS.includes(kind as OutboxKind) ? (kind as OutboxKind) : null,
    q: (read("q") ?? "").trim().slice(0, 200),
  };
}

export function outboxFiltersToSearch(f: OutboxFilters): string {
  const params = new URLSearchParams();
  if (f.status) params.set("status", f.status);
  if (f.kind) params.set("kind", f.kind);
  if (f.q) params.set("q", f.q);
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** adminMail.outboxList's input for the filters: server prefetch and client build the same query key. */
export function outboxListInput(f: OutboxFilters) {
  return { limit: OUTBOX_PAGE_SIZE, ...(f.status ? { status: f.status } : {}), ...(f.kind ? { kind: f.kind } : {}), ...(f.q ? { search: f.q } : {}) };
}
