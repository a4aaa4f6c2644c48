import { and, asc, eq, sql } from "drizzle-orm";
import { priorities, queues, services, states, ticketTypes } from "@/db/schema";
import { queueIdsWith } from "@/server/auth/permissions";
import { agentProcedure, router, signedInProcedure } from "../init";
import { creatableQueues } from "@/server/services/tickets/create";
import { listAssignableAgents } from "@/server/services/users/agents";
import { ticketRef } from "@/server/schemas/tickets";
import { lookupInput } from "@/server/schemas/workspace";
import { listAgents, lookupCompanies, lookupCustomers } from "@/server/services/users/lookup";
import { customerServices } from "@/server/services/tickets/classification";

export const metaRouter = router({
  /** Choices for forms: queues this user may open tickets in (`queues`) and see (`visibleQueues`), priorities, and (agents) states and types. */
  options: signedInProcedure.query(async ({ ctx }) => {
    const [queueRows, priorityRows] = await Promise.all([
      creatableQueues(ctx.db, ctx.actor),
      ctx.db.select({ id: priorities.id, name: priorities.name, level: priorities.level }).from(priorities).where(eq(priorities.valid, true)).orderBy(asc(priorities.level)),
    ]);
    if (ctx.actor.role === "customer") return { queues: queueRows, visibleQueues: queueRows, priorities: priorityRows, states: [], types: [], services: await customerServices(ctx.db) };
    const [visibleQueues, stateRows, typeRows, serviceRows] = await Promise.all([
      ctx.db
        .select({ id: queues.id, name: queues.name })
        .from(queues)
        .where(and(eq(queues.valid, true), sql`${queues.id} in ${queueIdsWith(ctx.actor.id, "ro")}`))
        .orderBy(asc(queues.name)),
      ctx.db.select({ id: states.id, name: states.name, type: states.type }).from(states).where(eq(states.valid, true)).orderBy(asc(states.id)),
      ctx.db.select({ id: ticketTypes.id, name: ticketTypes.name }).from(ticketTypes).where(eq(ticketTypes.valid, true)).orderBy(asc(ticketTypes.name)),
      ctx.db.select({ id: services.id, name: services.name }).from(services).where(eq(services.valid, true)).orderBy(asc(services.name)),
    ]);
    return { queues: queueRows, visibleQueues, priorities: priorityRows, states: stateRows, types: typeRows, services: serviceRows };
  }),
  /** Agents who may own tickets in a ticket's queue. */
  owners: agentProcedure.input(ticketRef).query(({ ctx, input }) => listAssignableAgents(ctx.db, ctx.actor, input.ticketId)),
  /** Enabled agents and admins (id and name), for owner/responsible filters and bulk owner. */
  agents: agentProcedure.query(({ ctx }) => listAgents(ctx.db)),
  /** Customer users by name or e-mail (or by id), at most ten; agents only. */
  customerLookup: agentProcedure.input(lookupInput).query(({ ctx, input }) => lookupCustomers(ctx.db, input)),
  /** Customer companies by name or customer number (or by id), at most ten; agents only. */
  companyLookup: agentProcedure.input(lookupInput).query(({ ctx, input }) => lookupCompanies(ctx.db, input)),
  me: signedInProcedure.query(({ ctx }) => ctx.actor),
});
