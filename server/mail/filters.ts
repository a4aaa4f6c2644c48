import { asc, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { postmasterFilters, type FilterMatch, type FilterSet } from "@/db/schema";
import { cached } from "@/server/services/config-cache";
import { header, type Parsed } from "./parse";

/** The text a filter condition looks at: a header by name, or "body". */
function fieldValue(p: Parsed, field: string): string {
  const f = field.toLowerCase();
  if (f === "body") return p.text;
  if (f === "subject") return p.subject;
  if (f === "from") return p.from ? `${p.from.name} <${p.from.address}>` : (header(p, "from") ?? "");
  if (f === "to") return p.to.map((a) => a.address).join(", ");
  if (f === "cc") return p.cc.map((a) => a.address).join(", ");
  return (p.headers.get(f) ?? []).join("\n");
}

export function matches(p: Parsed, conditions: FilterMatch[]): boolean {
  return conditions.every((c) => {
    const value = fieldValue(p, c.field);
    let hit: boolean;
    if (c.regex) {
      try {
        hit = new RegExp(c.pattern, "i").test(value);
      } catch {
        hit = false;
      }
    } else {
      hit = value.toLowerCase().includes(c.pattern.toLowerCase());
    }
    return c.negate ? !hit : hit;
  });
}

export type FilterOutcome = "matched" | "no_match" | "disabled" | "not_reached";
type FilterRow = { name: string; valid: boolean; stop: boolean; match: FilterMatch[]; set: FilterSet };

/**
 * The filter run itself, shared by the postmaster and the admin's dry run: filters in order,
 * later matches override earlier ones, a matching filter with `stop` ends the run.
 */
export function runFilters<F extends FilterRow>(p: Parsed, filters: F[]) {
  const set: FilterSet = {};
  const matched: string[] = [];
  let stoppedBy: string | null = null;
  const outcomes = filters.map((filter): { filter: F; outcome: FilterOutcome } => {
    if (!filter.valid) return { filter, outcome: "disabled" };
    if (stoppedBy !== null) return { filter, outcome: "not_reached" };
    if (!matches(p, filter.match)) return { filter, outcome: "no_match" };
    Object.assign(set, filter.set);
    matched.push(filter.name);
    if (filter.stop) stoppedBy = filter.name;
    return { filter, outcome: "matched" };
  });
  return { set, matched, stoppedBy, outcomes };
}

/** Applies the valid filters to an incoming message. */
export async function applyFilters(db: Tx, p: Parsed): Promise<{ set: FilterSet; matched: string[] }> {
  // Configuration: read through the cache like the system addresses (one statement less per message).
  const rows = await cached("postmaster-filters", () =>
    db.select().from(postmasterFilters).where(eq(postmasterFilters.valid, true)).orderBy(asc(postmasterFilters.position), asc(postmasterFilters.id)),
  );
  const { set, matched } = runFilters(p, rows);
  return { set, matched };
}
