import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db";
import { postmasterFilters, priorities, queues, services, ticketTypes, type FilterSet } from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { matches, runFilters } from "@/server/mail/filters";
import { header, parseMail } from "@/server/mail/parse";
import { byId, createFilterInput, filterDryRunInput, listInput, setValidInput, updateFilterInput } from "@/server/schemas/admin-config";
import { afterKey, contains, encodeCursor, page } from "@/server/services/keyset";
import { deleteUnused, lockById, requireRef, setValidity } from "./config";
import { adminChange, audit, changedOnly } from "./audit";

const NAME_TAKEN = "errors.filterNameTaken";

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
        afterKey(input.cursor, "integer", postmasterFilters.position, postmasterFilters.id),
      ),
    )
    .orderBy(asc(postmasterFilters.position), asc(postmasterFilters.id))
    .limit(input.limit + 1);
  const { items, nextCursor } = page(rows, input.limit, (last) => encodeCursor(last.position, last.id));
  const names = await namesFor(db, items.map((r) => r.set));
  return { items: items.map((r) => ({ ...r, setNames: describeSet(r.set, names) })), nextCursor };
}

export async function createFilter(db: Tx, actor: Actor, raw: z.input<typeof createFilterInput>) {
  const input = createFilterInput.parse(raw);
  return adminChange(db, { taken: NAME_TAKEN, config: true }, async (tx) => {
    await checkSet(tx, input.set);
    const [row] = await tx.insert(postmasterFilters).values(input).returning({ id: postmasterFilters.id });
    await audit(tx, { actorId: actor.id, action: "create", entity: "postmaster_filter", entityId: row!.id, after: input });
    return { id: row!.id };
  });
}

export async function updateFilter(db: Tx, actor: Actor, raw: z.input<typeof updateFilterInput>) {
  const input = updateFilterInput.parse(raw);
  return adminChange(db, { taken: NAME_TAKEN, config: true }, async (tx) => {
    const current = await lockById(tx, postmasterFilters, input.id, "Filter");
    const { id, ...fields } = input;
    await checkSet(tx, fields.set);
    const diff = changedOnly({ name: current.name, position: current.position, match: current.match, set: current.set, stop: current.stop }, fields);
    if (Object.keys(diff.after).length === 0) return { id };
    await tx
      .update(postmasterFilters)
      .set({ ...fields, changedAt: new Date() })
      .where(eq(postmasterFilters.id, id));
    await audit(tx, { actorId: actor.id, action: "update", entity: "postmaster_filter", entityId: id, ...diff });
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
  if (!known.some((h) => parsed.headers.has(h))) throw new AppError("BAD_INPUT", "errors.filterNotAMail");
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
  await requireRef(tx, queues, set.queueId, "errors.filterQueue");
  await requireRef(tx, priorities, set.priorityId, "errors.filterPriority");
  await requireRef(tx, ticketTypes, set.typeId, "errors.filterTicketType");
  await requireRef(tx, services, set.serviceId, "errors.filterService");
}
