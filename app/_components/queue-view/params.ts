import { STATE_TYPES, TICKET_SORTS, type ListTicketsInput } from "@/server/schemas/tickets";
import { dayOf as dayIn, endOfDay, wallClockToInstant } from "@/server/time/wall-clock";
import { LIST_COLUMNS, type ListColumn } from "@/server/schemas/workspace";

type StateType = (typeof STATE_TYPES)[number];
export type Sort = (typeof TICKET_SORTS)[number];

/** The queue view's filters; they live in the URL so a view can be shared and reloaded. */
export type QueueFilters = {
  queueId: number | null;
  /** "active" = not closed, merged or removed. */
  status: "active" | "all" | StateType;
  /** "me" stays the signed-in agent when a saved search is shared; a number is one specific agent. */
  owner: "any" | "me" | "unowned" | number;
  responsible: "any" | "me" | number;
  lock: "any" | "locked" | "unlocked";
  priorityId: number | null;
  typeId: number | null;
  serviceId: number | null;
  customerUserId: number | null;
  customerCompanyId: number | null;
  waiting: boolean;
  remindersDue: boolean;
  /** Archived (closed long ago) tickets too; the working set leaves them out. */
  includeArchived: boolean;
  /** SLA: past the deadline, or escalating within so many minutes. */
  escalation: "any" | "escalated" | number;
  createdFrom: string;
  createdTo: string;
  changedFrom: string;
  changedTo: string;
  text: string;
  sort: Sort;
  direction: "asc" | "desc";
  /** Exact instants from a report's drill-down (`d.<name>` in the URL): the list then shows exactly the tickets behind the figure. */
  drill: Drill;
};

/** The list filters a report figure drills down with (instants in ISO form; the sender of articles). */
export const DRILL_KEYS = ["createdFrom", "createdTo", "closedFrom", "closedTo", "firstResponseFrom", "firstResponseTo", "reopenedFrom", "reopenedTo", "openAt", "articlesFrom", "articlesTo", "timeFrom", "timeTo", "breachedFrom", "breachedTo"] as const;
export type Drill = Partial<Record<(typeof DRILL_KEYS)[number], string>> & { articleSender?: "customer" | "agent" | "system" };

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

const dayOf = (v: string | undefined) => (v && DAY.test(v) ? v : "");

function ownerOf(mine: string | undefined, owner: string | undefined): QueueFilters["owner"] {
  if (mine === "1" || owner === "me") return "me";
  if (owner === "unowned") return "unowned";
  return idOf(owner) ?? "any";
}

export function parseQueueFilters(read: Read): QueueFilters {
  const resp = read("resp");
  return {
    queueId: idOf(read("queue")),
    status: oneOf(read("status"), STATUSES, "active"),
    owner: ownerOf(read("mine"), read("owner")),
    responsible: resp === "me" ? "me" : (idOf(resp) ?? "any"),
    lock: oneOf(read("lock"), ["any", "locked", "unlocked"] as const, "any"),
    priorityId: idOf(read("priority")),
    typeId: idOf(read("type")),
    serviceId: idOf(read("service")),
    customerUserId: idOf(read("customer")),
    customerCompanyId: idOf(read("company")),
    waiting: read("waiting") === "1",
    remindersDue: read("due") === "1",
    includeArchived: read("archive") === "1",
    escalation: read("esc") === "escalated" ? "escalated" : (idOf(read("esc")) ?? "any"),
    createdFrom: dayOf(read("from")),
    createdTo: dayOf(read("to")),
    changedFrom: dayOf(read("cfrom")),
    changedTo: dayOf(read("cto")),
    text: (read("q") ?? "").slice(0, 200),
    sort: oneOf(read("sort"), TICKET_SORTS, "created"),
    direction: read("dir") === "asc" ? "asc" : "desc",
    drill: drillOf(read),
  };
}

function drillOf(read: Read): Drill {
  const out: Drill = {};
  for (const key of DRILL_KEYS) {
    const v = read(`d.${key}`);
    if (v && !Number.isNaN(Date.parse(v))) out[key] = new Date(v).toISOString();
  }
  const sender = read("d.articleSender");
  if (sender === "customer" || sender === "agent" || sender === "system") out.articleSender = sender;
  return out;
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
  set("owner", f.owner === "me" ? null : f.owner, "any");
  set("resp", f.responsible, "any");
  set("lock", f.lock, "any");
  set("priority", f.priorityId, null);
  set("type", f.typeId, null);
  set("service", f.serviceId, null);
  set("customer", f.customerUserId, null);
  set("company", f.customerCompanyId, null);
  set("waiting", f.waiting, false);
  set("due", f.remindersDue, false);
  set("archive", f.includeArchived, false);
  set("esc", f.escalation, "any");
  set("from", f.createdFrom, "");
  set("to", f.createdTo, "");
  set("cfrom", f.changedFrom, "");
  set("cto", f.changedTo, "");
  set("q", f.text.trim(), "");
  set("sort", f.sort, "created");
  set("dir", f.direction, "desc");
  for (const [key, value] of Object.entries(f.drill)) if (value) p.set(`d.${key}`, value);
  const search = p.toString();
  return search ? `?${search}` : "";
}

/** The ticket.list input for the filters. Server prefetch and client must build the same key. */
export function queueListInput(f: QueueFilters, actorId: number, timeZone: string): Omit<ListTicketsInput, "cursor"> {
  // Whole days in the agent's profile zone: "to" includes the whole of its day.
  const day = (d: string, end: boolean) => (d ? ((end ? endOfDay(d, timeZone) : wallClockToInstant(d, timeZone))?.toISOString() ?? undefined) : undefined);
  return compact({
    queueIds: f.queueId ? [f.queueId] : undefined,
    stateTypes: f.status === "active" ? ACTIVE_STATE_TYPES : f.status === "all" ? undefined : [f.status],
    ownerId: f.owner === "me" ? actorId : f.owner === "any" ? undefined : f.owner,
    responsibleId: f.responsible === "me" ? actorId : f.responsible === "any" ? undefined : f.responsible,
    locked: f.lock === "any" ? undefined : f.lock === "locked",
    priorityIds: f.priorityId ? [f.priorityId] : undefined,
    typeIds: f.typeId ? [f.typeId] : undefined,
    serviceIds: f.serviceId ? [f.serviceId] : undefined,
    customerUserId: f.customerUserId ?? undefined,
    customerCompanyId: f.customerCompanyId ?? undefined,
    waiting: f.waiting || undefined,
    remindersDue: f.remindersDue || undefined,
    includeArchived: f.includeArchived || undefined,
    escalation: f.escalation === "any" ? undefined : f.escalation === "escalated" ? "escalated" : "soon",
    escalationWithinMinutes: typeof f.escalation === "number" ? f.escalation : undefined,
    createdFrom: day(f.createdFrom, false),
    createdTo: day(f.createdTo, true),
    changedFrom: day(f.changedFrom, false),
    changedTo: day(f.changedTo, true),
    text: f.text.trim() || undefined,
    sort: f.sort,
    direction: f.direction,
    limit: PAGE_SIZE,
    ...f.drill,
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
export function filtersFromInput(input: Record<string, unknown>, actorId: number, timeZone: string): QueueFilters {
  const first = (v: unknown) => (Array.isArray(v) && v.length === 1 ? idOf(String(v[0])) : null);
  const states = Array.isArray(input.stateTypes) ? (input.stateTypes as string[]) : null;
  const status: QueueFilters["status"] = !states
    ? "all"
    : states.length === 1 && (STATE_TYPES as readonly string[]).includes(states[0]!)
      ? (states[0] as StateType)
      : "active";
  const date = (v: unknown) => (typeof v === "string" && !Number.isNaN(Date.parse(v)) ? dayIn(new Date(v), timeZone) : "");
  const person = (v: unknown) => (v === actorId ? "me" : (idOf(String(v ?? "")) ?? "any"));
  return {
    ...DEFAULT_FILTERS,
    queueId: first(input.queueIds),
    status,
    owner: input.ownerId === "unowned" ? "unowned" : person(input.ownerId),
    responsible: person(input.responsibleId),
    lock: input.locked === true ? "locked" : input.locked === false ? "unlocked" : "any",
    priorityId: first(input.priorityIds),
    typeId: first(input.typeIds),
    serviceId: first(input.serviceIds),
    customerUserId: idOf(String(input.customerUserId ?? "")),
    customerCompanyId: idOf(String(input.customerCompanyId ?? "")),
    waiting: input.waiting === true,
    remindersDue: input.remindersDue === true,
    includeArchived: input.includeArchived === true,
    escalation: input.escalation === "escalated" ? "escalated" : input.escalation === "soon" ? Number(input.escalationWithinMinutes ?? 120) : "any",
    createdFrom: date(input.createdFrom),
    createdTo: date(input.createdTo),
    changedFrom: date(input.changedFrom),
    changedTo: date(input.changedTo),
    text: typeof input.text === "string" ? input.text : "",
    sort: oneOf(input.sort as string, TICKET_SORTS, "created"),
    direction: input.direction === "asc" ? "asc" : "desc",
    // Created ranges come back as the day filters above; the other drill-down instants as they are.
    drill: drillOf((key) => (key === "d.createdFrom" || key === "d.createdTo" ? undefined : (input[key.slice(2)] as string | undefined))),
  };
}
