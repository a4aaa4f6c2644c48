import { asc, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { autoResponses, calendars, groups, priorities, queues, salutations, services, signatures, slas, states, systemAddresses, ticketTypes } from "@/db/schema";
import { byName } from "./config";

const CAP = 1000;

/**
 * The choices the configuration forms offer (groups, states, texts, addresses, …), disabled ones
 * included and flagged so a form can still show what a record points at.
 */
export async function configOptions(db: Tx) {
  const [groupRows, stateRows, calendarRows, salutationRows, signatureRows, addressRows, autoRows, queueRows, priorityRows, typeRows, serviceRows, slaRows] = await Promise.all([
    db.select({ id: groups.id, name: groups.name, valid: groups.valid }).from(groups).orderBy(byName(groups.name)).limit(CAP),
    db.select({ id: states.id, name: states.name, type: states.type, valid: states.valid }).from(states).orderBy(byName(states.name)).limit(CAP),
    db.select({ id: calendars.id, name: calendars.name, valid: calendars.valid }).from(calendars).orderBy(byName(calendars.name)).limit(CAP),
    db.select({ id: salutations.id, name: salutations.name, valid: salutations.valid }).from(salutations).orderBy(byName(salutations.name)).limit(CAP),
    db.select({ id: signatures.id, name: signatures.name, valid: signatures.valid }).from(signatures).orderBy(byName(signatures.name)).limit(CAP),
    db
      .select({ id: systemAddresses.id, name: sql<string>`${systemAddresses.displayName} || ' <' || ${systemAddresses.address} || '>'`, valid: systemAddresses.valid })
      .from(systemAddresses)
      .orderBy(byName(systemAddresses.address))
      .limit(CAP),
    db.select({ id: autoResponses.id, name: autoResponses.name, type: autoResponses.type, valid: autoResponses.valid }).from(autoResponses).orderBy(byName(autoResponses.name)).limit(CAP),
    db.select({ id: queues.id, name: queues.name, valid: queues.valid }).from(queues).orderBy(byName(queues.name)).limit(CAP * 5),
    db.select({ id: priorities.id, name: priorities.name, valid: priorities.valid }).from(priorities).orderBy(asc(priorities.level), byName(priorities.name)).limit(CAP),
    db.select({ id: ticketTypes.id, name: ticketTypes.name, valid: ticketTypes.valid }).from(ticketTypes).orderBy(byName(ticketTypes.name)).limit(CAP),
    db.select({ id: services.id, name: services.name, parentId: services.parentId, valid: services.valid }).from(services).orderBy(byName(services.name)).limit(CAP * 5),
    db.select({ id: slas.id, name: slas.name, valid: slas.valid }).from(slas).orderBy(byName(slas.name)).limit(CAP),
  ]);
  return {
    groups: groupRows,
    states: stateRows,
    calendars: calendarRows,
    salutations: salutationRows,
    signatures: signatureRows,
    systemAddresses: addressRows,
    autoResponses: autoRows,
    queues: queueRows,
    priorities: priorityRows,
    types: typeRows,
    services: serviceRows,
    slas: slaRows,
  };
}
