import { asc, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { postmasterFilters, type FilterMatch, type FilterSet } from "@/db/schema";
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

/** Applies valid filters in order; later matches override earlier ones unless a filter stops. */
export async function applyFilters(db: Tx, p: Parsed): Promise<{ set: FilterSet; matched: string[] }> {
  const rows = await db.select().from(postmasterFilters).where(eq(postmasterFilters.valid, true)).orderBy(asc(postmasterFilters.position), asc(postmasterFilters.id));
  const set: FilterSet = {};
  const matched: string[] = [];
  for (const f of rows) {
    if (!matches(p, f.match)) continue;
    Object.assign(set, f.set);
    matched.push(f.name);
    if (f.stop) break;
  }
  return { set, matched };
}
