import { STATE_TYPES, TICKET_SORTS, type ListTicketsInput } from "@/server/schemas/tickets";
import { LIST_COLUMNS, type ListColumn } from "@/server/schemas/workspace";

type StateType = (typeof STATE_TYPES)[number];
export type Sort = (typeof TICKET_SORTS)[number];

/** The queue view's filters; they live in the URL so a view can be shared and reloaded. */
export type QueueFilters = {
  queueId: number | null;
  /** "active" = not closed, merged or removed. */
  status: "active" | "all" | StateType;
  owner: "any" | "me" | "unowned";
  responsibleMe: boolean;
  lock: "any" | "locked" | "unlocked";
  priorityId: number | null;
  typeId: number | null;
  customerUserId: number | null;
  waiting: boolean;
  remindersDue: boolean;
  createdFrom: string;
  createdTo: string;
  text: string;
  sort: Sort;
  direction: "asc" | "desc";
};

export const PAGE_SIZE = 25;
export const ACTIVE_STATE_TYPES: StateType[] = ["new", "open", "pending_reminder", "pending_auto"];
export const DEFAULT_COLUMNS: ListColumn[] = ["number", "title", "queue", "state", "priority", "customer", "owner", "waiting", "created"];
const STATUSES = ["active", "all", ...STATE_TYPES] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

type Read = (key: string) => string | undefined;

export function readerOf(params: URLSearchParams | Record<string, string | string[] | undefined>): Read {
  if (params instanceof URLSearchParams) return (key) => params.get(key) ?? undefined;
  return (key) => {
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
}

const idOf = (v: string | undefined) => {
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};
const oneOf = <T extends string>(v: string | undefined, allowed: readonly T[], fallback: T): T => (allowed.includes(v as T) ? (v as T) : fallback);

export function parseQueueFilters(read: Read): QueueFilters {
  return {
    queueId: idOf(read("queue")),
    status: oneOf(read("status"), STATUSES, "active"),
    owner: read("mine") === "1" ? "me" : read("owner") === "unowned" ? "unowned" : "any",
    responsibleMe: read("resp") === "1",
    lock: oneOf(read("lock"), ["any", "locked", "unlocked"] as const, "any"),
    priorityId: idOf(read("priority")),
    typeId: idOf(read("type")),
    customerUserId: idOf(read("customer")),
    waiting: read("waiting") === "1",
    remindersDue: read("due") === "1",
    createdFrom: DAY.test(read("from") ?? "") ? read("from")! : "",
    createdTo: DAY.test(read("to") ?? "") ? read("to")! : "",
    text: (read("q") ?? "").slice(0, 200),
    sort: oneOf(read("sort"), TICKET_SORTS, "created"),
    direction: read("dir") === "asc" ? "asc" : "desc",
  };
}

export const DEFAULT_FILTERS = parseQueueFilters(() => undefined);

/** The URL query for a set of filters; defaults are left out so the plain list has a plain URL. */
export function queueFiltersToSearch(f: QueueFilters): string {
  const p = new URLSearchParams();
  const set = (key: string, value: string | number | null | boolean, fallback: unknown) => {
    if (value !== fallback && value !== null && value !== "") p.set(key, value === true ? "1" : String(value));
  };
  set("queue", f.queueId, null);
  set("status", f.status, "active");
  set("mine", f.owner === "me", false);
  set("owner", f.owner === "unowned" ? "unowned" : null, null);
  set("resp", f.responsibleMe, false);
  set("lock", f.lock, "any");
  set("priority", f.priorityId, null);
  set("type", f.typeId, null);
  set("customer", f.customerUserId, null);
  set("waiting", f.waiting, false);
  set("due", f.remindersDue, false);
  set("from", f.createdFrom, "");
  set("to", f.createdTo, "");
  set("q", f.text.trim(), "");
  set("sort", f.sort, "created");
  set("dir", f.direction, "desc");
  const search = p.toString();
  return search ? `?${search}` : "";
}

/** The ticket.list input for the filters. Server prefetch and client must build the same key. */
export function queueListInput(f: QueueFilters, actorId: number): Omit<ListTicketsInput, "cursor"> {
  const day = (d: string, end: boolean) => (d ? `${d}T${end ? "23:59:59.999" : "00:00:00.000"}Z` : undefined);
  return compact({
    queueIds: f.queueId ? [f.queueId] : undefined,
    stateTypes: f.status === "active" ? ACTIVE_STATE_TYPES : f.status === "all" ? undefined : [f.status],
    ownerId: f.owner === "me" ? actorId : f.owner === "unowned" ? "unowned" : undefined,
    responsibleId: f.responsibleMe ? actorId : undefined,
    locked: f.lock === "any" ? undefined : f.lock === "locked",
    priorityIds: f.priorityId ? [f.priorityId] : undefined,
    typeIds: f.typeId ? [f.typeId] : undefined,
    customerUserId: f.customerUserId ?? undefined,
    waiting: f.waiting || undefined,
    remindersDue: f.remindersDue || undefined,
    createdFrom: day(f.createdFrom, false),
    createdTo: day(f.createdTo, true),
    text: f.text.trim() || undefined,
    sort: f.sort,
    direction: f.direction,
    limit: PAGE_SIZE,
  });
}

export function parseColumns(value: unknown): ListColumn[] {
  if (!Array.isArray(value)) return DEFAULT_COLUMNS;
  const cols = value.filter((c): c is ListColumn => (LIST_COLUMNS as readonly string[]).includes(c as string));
  return cols.length ? cols : DEFAULT_COLUMNS;
}

function compact<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as T;
}

/** The filters a saved search stands for (its stored list input), read back into the URL form. */
export function filtersFromInput(input: Record<string, unknown>, actorId: number): QueueFilters {
  const first = (v: unknown) => (Array.isArray(v) && v.length === 1 ? idOf(String(v[0])) : null);
  const states = Array.isArray(input.stateTypes) ? (input.stateTypes as string[]) : null;
  const status: QueueFilters["status"] = !states
    ? "all"
    : states.length === 1 && (STATE_TYPES as readonly string[]).includes(states[0]!)
      ? (states[0] as StateType)
      : "active";
  const date = (v: unknown) => (typeof v === "string" && v.length >= 10 ? v.slice(0, 10) : "");
  return {
    ...DEFAULT_FILTERS,
    queueId: first(input.queueIds),
    status,
    owner: input.ownerId === "unowned" ? "unowned" : input.ownerId === actorId ? "me" : "any",
    responsibleMe: input.responsibleId === actorId,
    lock: input.locked === true ? "locked" : input.locked === false ? "unlocked" : "any",
    priorityId: first(input.priorityIds),
    typeId: first(input.typeIds),
    customerUserId: idOf(String(input.customerUserId ?? "")),
    waiting: input.waiting === true,
    remindersDue: input.remindersDue === true,
    createdFrom: date(input.createdFrom),
    createdTo: date(input.createdTo),
    text: typeof input.text === "string" ? input.text : "",
    sort: oneOf(input.sort as string, TICKET_SORTS, "created"),
    direction: input.direction === "asc" ? "asc" : "desc",
  };
}
