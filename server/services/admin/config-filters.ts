import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db";
import { postmasterFilters, priorities, queues, services, ticketTypes, type FilterSet } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { matches, runFilters } from "@/server/mail/filters";
import { header, parseMail } from "@/server/mail/parse";
import { byId, createFilterInput, filterDryRunInput, listInput, setValidInput, updateFilterInput } from "@/server/schemas/admin-config";
import { contains } from "@/server/services/keyset";
import { changedOnly, configChange, deleteUnused, lockById, record, requireRef, setValidity } from "./config";

const NAME_TAKEN = "A filter with this name already exists. Choose another name.";

const filterColumns = {
  id: postmasterFilters.id,
  name: postmasterFilters.name,
  position: postmasterFilters.position,
  match: postmasterFilters.match,
  set: postmasterFilters.set,
  stop: postmasterFilters.stop,
  valid: postmasterFilters.valid,
};

/** Filters in the order the postmaster applies them (position, then id), searched by name or pattern. */
export async function listFilters(db: Tx, raw: z.input<typeof listInput>) {
  const input = listInput.parse(raw);
  const rows = await db
    .select(filterColumns)
    .from(postmasterFilters)
    .where(
      and(
        contains(input.search, postmasterFilters.name, sql`${postmasterFilters.match}::text`),
        input.status === "all" ? undefined : eq(postmasterFilters.valid, input.status === "valid"),
        afterPosition(input.cursor),
      ),
    )
    .orderBy(asc(postmasterFilters.position), asc(postmasterFilters.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const names = await namesFor(db, items.map((r) => r.set));
  return {
    items: items.map((r) => ({ ...r, setNames: describeSet(r.set, names) })),
    nextCursor: rows.length > input.limit && last ? Buffer.from(JSON.stringify([last.position, last.id])).toString("base64url") : null,
  };
}

export async function createFilter(db: Tx, actor: Actor, raw: z.input<typeof createFilterInput>) {
  const input = createFilterInput.parse(raw);
  return configChange(db, NAME_TAKEN, async (tx) => {
    await checkSet(tx, input.set);
    const [row] = await tx.insert(postmasterFilters).values(input).returning({ id: postmasterFilters.id });
    await record(tx, actor, { action: "create", entity: "postmaster_filter", entityId: row!.id, after: input });
    return { id: row!.id };
  });
}

export async function updateFilter(db: Tx, actor: Actor, raw: z.input<typeof updateFilterInput>) {
  const input = updateFilterInput.parse(raw);
  return configChange(db, NAME_TAKEN, async (tx) => {
    const current = await lockById(tx, postmasterFilters, input.id, "Filter");
    const { id, ...fields } = input;
    await checkSet(tx, fields.set);
    const diff = changedOnly({ name: current.name, position: current.position, match: current.match, set: current.set, stop: current.stop }, fields);
    if (Object.keys(diff.after).length === 0) return { id };
    await tx
      .update(postmasterFilters)
      .set({ ...fields, changedAt: new Date() })
      .where(eq(postmasterFilters.id, id));
    await record(tx, actor, { action: "update", entity: "postmaster_filter", entityId: id, ...diff });
    return { id };
  });
}

export function setFilterValid(db: Tx, actor: Actor, raw: z.input<typeof setValidInput>) {
  return setValidity(db, actor, { table: postmasterFilters, ...setValidInput.parse(raw), entity: "postmaster_filter", what: "Filter" });
}

/** Nothing refers to a filter: it only acts on mail still to come. */
export function deleteFilter(db: Tx, actor: Actor, raw: z.input<typeof byId>) {
  const { id } = byId.parse(raw);
  return deleteUnused(db, actor, { table: postmasterFilters, id, entity: "postmaster_filter", what: "Filter", label: (row) => `The filter “${row.name}”`, uses: () => [] });
}

/**
 * Runs a pasted message through the filters exactly as the postmaster would (same parser, same
 * `matches`, same order, later matches override earlier ones, `stop` ends the run) and says,
 * per filter and condition, what matched and what the message would get. Nothing is stored.
 */
export async function dryRunFilters(db: Tx, raw: z.input<typeof filterDryRunInput>) {
  const input = filterDryRunInput.parse(raw);
  // Pasted text usually lost its CRLFs; the parser takes either.
  const parsed = await parseMail(Buffer.from(input.raw.replace(/^\s+/, ""), "utf8"));
  const known = ["from", "to", "subject", "date", "message-id", "received", "return-path"];
  if (!known.some((h) => parsed.headers.has(h))) throw new AppError("BAD_INPUT", "This does not look like an e-mail: paste the whole message, headers first, then a blank line and the body.");
  const rows = await db.select(filterColumns).from(postmasterFilters).orderBy(asc(postmasterFilters.position), asc(postmasterFilters.id));
  const { set, matched, stoppedBy, outcomes } = runFilters(parsed, rows);
  const results = outcomes.map(({ filter: f, outcome }) => {
    const conditions = f.match.map((c) => ({ ...c, negate: c.negate ?? false, hit: matches(parsed, [c]) }));
    return { id: f.id, name: f.name, position: f.position, stop: f.stop, set: f.set, outcome, conditions };
  });
  const names = await namesFor(db, [set, ...rows.map((r) => r.set)]);
  return {
    message: {
      subject: parsed.subject,
      from: parsed.from ? (parsed.from.name ? `${parsed.from.name} <${parsed.from.address}>` : parsed.from.address) : null,
      to: parsed.to.map((a) => a.address),
      cc: parsed.cc.map((a) => a.address),
      messageId: parsed.messageId,
      date: header(parsed, "date"),
      bodyExcerpt: parsed.text.slice(0, 500),
    },
    filters: results.map((r) => ({ ...r, setNames: describeSet(r.set, names) })),
    matched,
    stoppedBy,
    result: { ignore: Boolean(set.ignore), set, setNames: describeSet(set, names) },
  };
}

type Names = { queues: Map<number, string>; priorities: Map<number, string>; types: Map<number, string>; services: Map<number, string> };

/** The queue, priority and type names for the ids filters set, in one query each. */
async function namesFor(db: Tx, sets: FilterSet[]): Promise<Names> {
  const ids = (key: "queueId" | "priorityId" | "typeId" | "serviceId") => [...new Set(sets.flatMap((s) => (s[key] ? [s[key]] : [])))];
  const load = async (table: typeof queues | typeof priorities | typeof ticketTypes | typeof services, list: number[]) =>
    new Map(list.length ? (await db.select({ id: table.id, name: table.name }).from(table).where(inArray(table.id, list))).map((r) => [r.id, r.name] as const) : []);
  const [q, p, t, s] = await Promise.all([load(queues, ids("queueId")), load(priorities, ids("priorityId")), load(ticketTypes, ids("typeId")), load(services, ids("serviceId"))]);
  return { queues: q, priorities: p, types: t, services: s };
}

function describeSet(set: FilterSet, names: Names) {
  return {
    queue: set.queueId ? (names.queues.get(set.queueId) ?? `#${set.queueId}`) : null,
    priority: set.priorityId ? (names.priorities.get(set.priorityId) ?? `#${set.priorityId}`) : null,
    type: set.typeId ? (names.types.get(set.typeId) ?? `#${set.typeId}`) : null,
    service: set.serviceId ? (names.services.get(set.serviceId) ?? `#${set.serviceId}`) : null,
    customerEmail: set.customerEmail ?? null,
    ignore: Boolean(set.ignore),
  };
}

async function checkSet(tx: Tx, set: FilterSet) {
  await requireRef(tx, queues, set.queueId, "Choose an enabled queue for the filter to set.");
  await requireRef(tx, priorities, set.priorityId, "Choose an enabled priority for the filter to set.");
  await requireRef(tx, ticketTypes, set.typeId, "Choose an enabled ticket type for the filter to set.");
  await requireRef(tx, services, set.serviceId, "Choose an enabled service for the filter to set.");
}

function afterPosition(cursor: string | null | undefined): SQL | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString()) as unknown;
    if (Array.isArray(value) && value.length === 2 && Number.isSafeInteger(value[0]) && Number.isSafeInteger(value[1])) {
      return sql`(${postmasterFilters.position}, ${postmasterFilters.id}) > (${value[0] as number}, ${value[1] as number})`;
    }
  } catch {
    // reported below
  }
  throw new AppError("BAD_INPUT", "This list position is no longer valid. Reload the list.");
}
