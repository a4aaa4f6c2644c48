import type { CombinedDataTransformer } from "@trpc/server";
import superjson, { type SuperJSONResult } from "superjson";

/**
 * superjson's wire format, written faster for what procedures return: plain objects, arrays,
 * strings, finite numbers, booleans, null and valid Dates, each object seen once. superjson's
 * generic walk copies every object, builds a path array per value and checks each against its
 * dozen rules; for the queue view's 25 rows that was most of its 0.5 ms of CPU per request. This
 * walk only looks for Dates and records their paths (escaped as superjson escapes them, in the
 * order superjson lists them), leaving the value as it is: JSON.stringify writes a valid Date as
 * its toISOString(), exactly the string superjson puts in its copy, so the bytes on the wire are
 * the same. Anything else (undefined, BigInt, NaN, ±Infinity, -0, Map, Set, class instances,
 * errors, an object met twice, sparse arrays) hands the whole value to superjson itself. (An
 * array's non-index properties, which JSON drops, are not looked at.)
 * tests/unit/transformer.test.ts compares the two on generated values.
 */
export function serialize(value: unknown): SuperJSONResult {
  const walk = new DateWalk();
  // A Date (or anything superjson annotates) as the whole answer: superjson's own shape.
  if (value instanceof Date || !walk.plain(value, null)) return superjson.serialize(value as never);
  if (!walk.dates) return { json: value as SuperJSONResult["json"] };
  return { json: value as SuperJSONResult["json"], meta: { values: walk.dates, v: 1 } };
}

/** The server's transformer: answers through the walk above, inputs through superjson (they are small). */
export const transformer: CombinedDataTransformer = {
  input: superjson,
  output: { serialize, deserialize: superjson.deserialize },
};

class DateWalk {
  /** superjson's `meta.values`: escaped path → ["Date"], in the order superjson's walk meets them. */
  dates: Record<string, ["Date"]> | null = null;
  private readonly seen = new Set<object>();

  /** False when the value needs superjson's own walk. `path`: null at the top (as "" is a key). */
  plain(value: unknown, path: string | null): boolean {
    switch (typeof value) {
      case "string":
      case "boolean":
        return true;
      case "number":
        return Number.isFinite(value) && !Object.is(value, -0);
      case "object":
        break;
      default:
        return false;
    }
    if (value === null) return true;
    if (this.seen.has(value)) return false;
    this.seen.add(value);
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) return false;
      (this.dates ??= {})[path ?? ""] = ["Date"];
      return true;
    }
    const prefix = path === null ? "" : `${path}.`;
    // superjson gathers each level's paths in an object, where a key that is an array index (a
    // Date straight under an index) comes before the level's other, dotted, paths: so those first.
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) return false;
        if (value[i] instanceof Date && !this.plain(value[i], prefix + i)) return false;
      }
      for (let i = 0; i < value.length; i++) {
        if (!(value[i] instanceof Date) && !this.plain(value[i], prefix + i)) return false;
      }
      return true;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return false;
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    // Object.keys lists index-like keys first.
    let indexes = 0;
    while (indexes < keys.length && isIndex(keys[indexes]!)) {
      const key = keys[indexes++]!;
      if (record[key] instanceof Date && !this.plain(record[key], prefix + key)) return false;
    }
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      if (key === "__proto__" || key === "constructor" || key === "prototype") return false;
      if (k < indexes && record[key] instanceof Date) continue;
      if (!this.plain(record[key], prefix + escapeKey(key))) return false;
    }
    return true;
  }
}

/** A key JavaScript orders as an array index (before all other keys of an object). */
const isIndex = (key: string) => key.length > 0 && key.charCodeAt(0) <= 57 && /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 4_294_967_295;

/** superjson's path escaping (pathstringifier.ts): backslashes, then dots. */
const escapeKey = (key: string) => (key.includes(".") || key.includes("\\") ? key.replace(/\\/g, "\\\\").replace(/\./g, "\\.") : key);
