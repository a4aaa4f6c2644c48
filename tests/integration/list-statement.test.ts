import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { listTicketsInput, TICKET_SORTS, type ListTicketsInput } from "@/server/schemas/tickets";
import { selectByShape, statementFor } from "@/server/services/tickets/list-statement";
import { listStatement, listTickets } from "@/server/services/tickets/read";
import { setTicket } from "../helpers/workspace";
import { actorOf, createAgent, createCompany, createCustomer, createQueue, createTicket, priorityAt, stateNamed } from "../factories";

/**
 * The queue view's statement, built once per shape (list-statement.ts), against Drizzle building
 * it for every call: the same text and parameters, the same rows decoded the same way, for
 * generated list inputs whose shapes repeat with other values (so most calls take a statement an
 * earlier call of another input built).
 */
describe("the list statement built once per shape", () => {
  it("sends what Drizzle would send and returns the rows Drizzle would return, for agents and customers", async () => {
    const company = await createCompany();
    const queues = [await createQueue(), await createQueue(), await createQueue()];
    const amy = await createAgent({ queues });
    const bob = await createAgent({ queues: queues.slice(1) });
    const carol = await createCustomer({ companyId: company.id, seesCompanyTickets: true });
    const dave = await createCustomer({ companyId: company.id, seesCompanyTickets: true });
    const open = await stateNamed("open");
    const pending = await stateNamed("pending reminder");
    const high = await priorityAt(4);
    const ids: number[] = [];
    for (let i = 0; i < 24; i++) {
      const t = await createTicket({ customer: i % 3 ? carol : dave, queue: queues[i % 3]!, title: `${["Printer", "printer jam", "VPN", "Łódź office"][i % 4]} ${i}` });
      ids.push(t.id);
      if (i % 4 === 1) await setTicket(t.id, { stateId: open.id, stateType: "open", ownerId: i % 8 === 1 ? amy.id : bob.id, locked: i % 8 === 1 });
      if (i % 5 === 2) await setTicket(t.id, { stateId: pending.id, stateType: "pending_reminder", pendingUntil: new Date(Date.now() - i * 3_600_000), priorityId: high.id });
      if (i % 6 === 3) await setTicket(t.id, { escalationAt: new Date(Date.now() + (i - 12) * 600_000), waitingSince: new Date(Date.now() - i * 60_000), responsibleId: amy.id });
      if (i % 7 === 4) await setTicket(t.id, { archived: true });
    }
    // Two agents and two customers who see the same company's tickets (the same statement shape).
    const actors = [actorOf(amy), actorOf(bob), actorOf(carol), actorOf(dave)];

    const values = fc.record({
      queueIds: fc.subarray(queues.map((q) => q.id), { minLength: 1 }),
      stateTypes: fc.subarray(["new", "open", "pending_reminder", "closed"] as const, { minLength: 1 }),
      ownerId: fc.constantFrom<ListTicketsInput["ownerId"]>("unowned", amy.id, bob.id),
      priorityIds: fc.constant([high.id]),
      customerUserId: fc.constantFrom(carol.id, dave.id),
      customerCompanyId: fc.constant(company.id),
      locked: fc.boolean(),
      waiting: fc.boolean(),
      remindersDue: fc.boolean(),
      escalation: fc.constantFrom("escalated", "soon"),
      escalationWithinMinutes: fc.integer({ min: 1, max: 600 }),
      createdFrom: fc.date({ min: new Date(Date.now() - 86_400_000), max: new Date(Date.now() - 60_000), noInvalidDate: true }),
      text: fc.constantFrom("printer", "Łódź", "1", "vpn 3"),
      includeArchived: fc.boolean(),
      scope: fc.constantFrom("own", "company"),
    });
    type Filter = keyof typeof values extends never ? never : string;
    const filters: Filter[] = ["queueIds", "stateTypes", "ownerId", "priorityIds", "customerUserId", "customerCompanyId", "locked", "waiting", "remindersDue", "escalation", "escalationWithinMinutes", "createdFrom", "text", "includeArchived", "scope"];
    // A few filters at a time (all at once would find nothing), in every sort and direction.
    const input = fc
      .record({ sort: fc.constantFrom(...TICKET_SORTS), direction: fc.constantFrom("asc", "desc"), limit: fc.integer({ min: 1, max: 6 }), values, used: fc.subarray(filters, { maxLength: 3 }) })
      .map(({ values: v, used, ...rest }) => ({ ...rest, ...Object.fromEntries(used.map((k) => [k, v[k as keyof typeof v]])) }) as ListTicketsInput);
    const shapes = new Set<unknown>();
    let reused = 0;
    let withRows = 0;
    await fc.assert(
      fc.asyncProperty(input, fc.boolean(), fc.boolean(), async (generated, customers, nextPage) => {
        // Customers sort by creation or last change only.
        const raw = customers && generated.sort !== "changed" ? { ...generated, sort: "created" as const } : generated;
        // The same input for two people of the same role: the same shape with other values.
        for (const actor of customers ? actors.slice(2) : actors.slice(0, 2)) {
          let parsed = listTicketsInput.parse(raw);
          // A second page: the cursor of the first, as the client sends it back.
          if (nextPage) {
            const first = await listTickets(db, actor, raw);
            if (!first.nextCursor) continue;
            parsed = listTicketsInput.parse({ ...raw, cursor: first.nextCursor });
          }
          const { name, where, build } = listStatement(db, actor, parsed);
          const drizzle = build(where).toSQL();
          const before = statementFor(db, name, where, build);
          expect(before.shape).not.toBeNull();
          expect(before.shape!.text).toBe(drizzle.sql);
          expect([...before.params, drizzle.params.at(-1)]).toEqual(drizzle.params);
          const ours = await selectByShape(db, name, where, parsed.limit + 1, build);
          const theirs = await build(where).prepare("drizzle_list").execute({ limit: parsed.limit + 1 });
          expect(ours).toEqual(theirs);
          if (shapes.has(before.shape)) reused++;
          shapes.add(before.shape);
          if (theirs.length) withRows++;
        }
      }),
      { numRuns: 300 },
    );
    // Many calls ran a statement an earlier input built, and many found rows to decode.
    expect({ reused: reused > 60, withRows: withRows > 60 }).toEqual({ reused: true, withRows: true });
    expect(ids.length).toBe(24);
  });
});
