import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { cached, invalidateConfig } from "@/server/services/config-cache";

/**
 * The names of the lookup rows a ticket row points at (queues, states, priorities and their
 * level, types, services; valid or not, as old tickets keep pointing at retired ones), from the
 * configuration cache instead of five joins in every list and zoom statement: each join is a
 * relation PostgreSQL plans on every call, for a name that changes once a year. An admin change
 * in this process drops the cache at once (adminChange with `config`); another instance's
 * change shows within the cache's few seconds, and an id the cache does not know yet (a queue
 * created elsewhere a moment ago) reloads it.
 */
export type LookupNames = {
  queues: Map<number, string>;
  states: Map<number, string>;
  priorities: Map<number, { name: string; level: number }>;
  types: Map<number, string>;
  services: Map<number, string>;
};

type Refs = { queueId: number; stateId: number; priorityId: number; typeId: number | null; serviceId: number | null };
export type Named = { queueName: string; stateName: string; priorityName: string; priorityLevel: number; typeName: string | null; serviceName: string | null };

const KEY = "lookup-names";

export function lookupNames(db: Tx): Promise<LookupNames> {
  return cached(KEY, async () => {
    const [row] = await db.execute<Record<"queues" | "states" | "priorities" | "types" | "services", [number, string, number?][] | null>>(sql`select
      (select json_agg(json_build_array(id, name)) from queues) as queues,
      (select json_agg(json_build_array(id, name)) from states) as states,
      (select json_agg(json_build_array(id, name, level)) from priorities) as priorities,
      (select json_agg(json_build_array(id, name)) from ticket_types) as types,
      (select json_agg(json_build_array(id, name)) from services) as services`);
    const map = (rows: [number, string, number?][] | null | undefined) => new Map((rows ?? []).map(([id, name]) => [Number(id), name]));
    return {
      queues: map(row?.queues),
      states: map(row?.states),
      priorities: new Map((row?.priorities ?? []).map(([id, name, level]) => [Number(id), { name, level: Number(level) }])),
      types: map(row?.types),
      services: map(row?.services),
    };
  });
}

/** The rows with their lookup names, as the joins gave them. */
export async function withNames<T extends Refs>(db: Tx, rows: T[]): Promise<(T & Named)[]> {
  let names = await lookupNames(db);
  if (rows.some((r) => !knows(names, r))) {
    invalidateConfig(KEY);
    names = await lookupNames(db);
  }
  return rows.map((r) => {
    const priority = names.priorities.get(r.priorityId);
    return {
      ...r,
      queueName: names.queues.get(r.queueId) ?? "",
      stateName: names.states.get(r.stateId) ?? "",
      priorityName: priority?.name ?? "",
      priorityLevel: priority?.level ?? 0,
      typeName: r.typeId === null ? null : (names.types.get(r.typeId) ?? null),
      serviceName: r.serviceId === null ? null : (names.services.get(r.serviceId) ?? null),
    };
  });
}

function knows(names: LookupNames, r: Refs): boolean {
  return (
    names.queues.has(r.queueId) &&
    names.states.has(r.stateId) &&
    names.priorities.has(r.priorityId) &&
    (r.typeId === null || names.types.has(r.typeId)) &&
    (r.serviceId === null || names.services.has(r.serviceId))
  );
}
