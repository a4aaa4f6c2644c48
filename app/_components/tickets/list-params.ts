import { STATE_TYPES, type ListTicketsInput } from "@/server/schemas/tickets";

type StateType = (typeof STATE_TYPES)[number];

/** What the queue view's filters mean; they live in the URL so a view can be shared. */
export type AgentListFilters = {
  queueId: number | null;
  /** "active" = not closed, merged or removed. */
  status: "active" | "all" | StateType;
  mine: boolean;
  lock: "any" | "locked" | "unlocked";
  sort: "created" | "changed";
  direction: "asc" | "desc";
};

export type PortalStatus = "open" | "closed" | "all";

export const PAGE_SIZE = 25;
export const ACTIVE_STATE_TYPES: StateType[] = ["new", "open", "pending_reminder", "pending_auto"];
const STATUSES = ["active", "all", ...STATE_TYPES] as const;

type Read = (key: string) => string | undefined;

/** Reads filters from either a server component's `searchParams` or the browser's URLSearchParams. */
export function readerOf(params: URLSearchParams | Record<string, string | string[] | undefined>): Read {
  if (params instanceof URLSearchParams) return (key) => params.get(key) ?? undefined;
  return (key) => {
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
}

export function parseAgentFilters(read: Read): AgentListFilters {
  const queue = Number(read("queue"));
  const status = read("status");
  const lock = read("lock");
  return {
    queueId: Number.isSafeInteger(queue) && queue > 0 ? queue : null,
    status: STATUSES.includes(status as AgentListFilters["status"]) ? (status as AgentListFilters["status"]) : "active",
    mine: read("mine") === "1",
    lock: lock === "locked" || lock === "unlocked" ? lock : "any",
    sort: read("sort") === "changed" ? "changed" : "created",
    direction: read("dir") === "asc" ? "asc" : "desc",
  };
}

/** The URL for a set of filters; defaults are left out so the plain list has a plain URL. */
export function agentFiltersToSearch(f: AgentListFilters): string {
  const params = new URLSearchParams();
  if (f.queueId) params.set("queue", String(f.queueId));
  if (f.status !== "active") params.set("status", f.status);
  if (f.mine) params.set("mine", "1");
  if (f.lock !== "any") params.set("lock", f.lock);
  if (f.sort !== "created") params.set("sort", f.sort);
  if (f.direction !== "desc") params.set("dir", f.direction);
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** The ticket.list input for the filters. Server prefetch and client must build the same key. */
export function agentListInput(f: AgentListFilters, actorId: number): Omit<ListTicketsInput, "cursor"> {
  return compact({
    queueIds: f.queueId ? [f.queueId] : undefined,
    stateTypes: f.status === "active" ? ACTIVE_STATE_TYPES : f.status === "all" ? undefined : [f.status],
    ownerId: f.mine ? actorId : undefined,
    locked: f.lock === "any" ? undefined : f.lock === "locked",
    sort: f.sort,
    direction: f.direction,
    limit: PAGE_SIZE,
  });
}

export function parsePortalStatus(read: Read): PortalStatus {
  const status = read("status");
  return status === "closed" || status === "all" ? status : "open";
}

export function portalListInput(status: PortalStatus): Omit<ListTicketsInput, "cursor"> {
  return compact({
    stateTypes: status === "open" ? ACTIVE_STATE_TYPES : status === "closed" ? ["closed"] : undefined,
    sort: "changed",
    direction: "desc",
    limit: PAGE_SIZE,
  });
}

/** Drops undefined keys so the query key is the same however the input was built. */
function compact<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as T;
}
