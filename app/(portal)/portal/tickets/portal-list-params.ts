import { ACTIVE_STATE_TYPES, PAGE_SIZE } from "@/app/_components/tickets/list-params";
import type { ListTicketsInput } from "@/server/schemas/tickets";

export type PortalStatus = "open" | "closed" | "all";
export type PortalScope = "own" | "company";

/** The portal list's filters; they live in the URL so a search survives a reload and can be bookmarked. */
export type PortalFilters = { status: PortalStatus; text: string; scope: PortalScope };

type Read = (key: string) => string | undefined;

export const TEXT_MAX = 200;

export function parsePortalFilters(read: Read, canSeeCompany: boolean): PortalFilters {
  const status = read("status");
  return {
    status: status === "closed" || status === "all" ? status : "open",
    text: (read("q") ?? "").trim().slice(0, TEXT_MAX),
    // Only offered to customers allowed to see their company's tickets; the server checks again.
    scope: canSeeCompany && read("scope") === "company" ? "company" : "own",
  };
}

/** The URL for a set of filters; defaults are left out so the plain list has a plain URL. */
export function portalFiltersToHref(f: PortalFilters): string {
  const params = new URLSearchParams();
  if (f.status !== "open") params.set("status", f.status);
  if (f.scope !== "own") params.set("scope", f.scope);
  if (f.text) params.set("q", f.text);
  const search = params.toString();
  return `/portal/tickets${search ? `?${search}` : ""}`;
}

/** The ticket.list input for the filters. Server prefetch and client must build the same key. */
export function portalFiltersInput(f: PortalFilters): Omit<ListTicketsInput, "cursor"> {
  const input: Omit<ListTicketsInput, "cursor"> = { sort: "changed", direction: "desc", limit: PAGE_SIZE, scope: f.scope };
  if (f.status === "open") input.stateTypes = ACTIVE_STATE_TYPES;
  if (f.status === "closed") input.stateTypes = ["closed"];
  if (f.text) input.text = f.text;
  return input;
}
