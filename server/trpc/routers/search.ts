import { searchTicketsInput } from "@/server/schemas/search";
import { searchTickets } from "@/server/services/search/tickets";
import { agentProcedure, router } from "../init";

/** Full-text ticket search for agents, scoped to the queues where they hold ro. */
export const searchRouter = router({
  tickets: agentProcedure.input(searchTicketsInput).query(({ ctx, input }) => searchTickets(ctx.db, ctx.actor, input)),
});
