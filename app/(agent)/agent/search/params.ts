import { STATE_TYPES } from "@/server/schemas/tickets";
import { endOfDay, wallClockToInstant } from "@/server/time/wall-clock";
import type { SearchTicketsInput } from "@/server/schemas/search";

/** The search form as it lives in the URL, so a search can be bookmarked and shared. */
export type SearchForm = {
  q: string;
  queueId: string;
  state: "" | (typeof STATE_TYPES)[number];
  priorityId: string;
  createdFrom: string;
  createdTo: string;
  changedFrom: string;
  changedTo: string;
  archive: boolean;
};

export const EMPTY_FORM: SearchForm = { q: "", queueId: "", state: "", priorityId: "", createdFrom: "", createdTo: "", changedFrom: "", changedTo: "", archive: false };

type Reader = { get: (key: string) => string | null };
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (v: string | null) => (v && DAY.test(v) ? v : "");
const num = (v: string | null) => (v && /^\d{1,15}$/.test(v) ? v : "");

export function formFromParams(params: Reader): SearchForm {
  const state = params.get("state") ?? "";
  return {
    q: (params.get("q") ?? "").slice(0, 200),
    queueId: num(params.get("queue")),
    state: (STATE_TYPES as readonly string[]).includes(state) ? (state as SearchForm["state"]) : "",
    priorityId: num(params.get("priority")),
    createdFrom: day(params.get("createdFrom")),
    createdTo: day(params.get("createdTo")),
    changedFrom: day(params.get("changedFrom")),
    changedTo: day(params.get("changedTo")),
    archive: params.get("archive") === "1",
  };
}

export function formToSearch(form: SearchForm): string {
  const p = new URLSearchParams();
  if (form.q.trim()) p.set("q", form.q.trim());
  if (form.queueId) p.set("queue", form.queueId);
  if (form.state) p.set("state", form.state);
  if (form.priorityId) p.set("priority", form.priorityId);
  for (const key of ["createdFrom", "createdTo", "changedFrom", "changedTo"] as const) if (form[key]) p.set(key, form[key]);
  if (form.archive) p.set("archive", "1");
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** Dates are whole days in the agent's profile time zone: "to" includes the whole of its day. */
export function formToInput(form: SearchForm, timeZone: string): Omit<SearchTicketsInput, "cursor"> {
  const start = (d: string) => (d ? (wallClockToInstant(d, timeZone) ?? undefined) : undefined);
  const end = (d: string) => (d ? (endOfDay(d, timeZone) ?? undefined) : undefined);
  return {
    query: form.q.trim(),
    queueIds: form.queueId ? [Number(form.queueId)] : undefined,
    stateTypes: form.state ? [form.state] : undefined,
    priorityIds: form.priorityId ? [Number(form.priorityId)] : undefined,
    createdFrom: start(form.createdFrom),
    createdTo: end(form.createdTo),
    changedFrom: start(form.changedFrom),
    changedTo: end(form.changedTo),
    includeArchived: form.archive,
    limit: 25,
  };
}
