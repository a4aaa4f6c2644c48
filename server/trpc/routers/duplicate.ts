import { dismissDuplicateInput, similarOpenInput } from "@/server/schemas/duplicates";
import { ticketRef } from "@/server/schemas/tickets";
import { dismissDuplicate, duplicateSuggestions, similarOpenRequests } from "@/server/services/duplicates/suggestions";
import { agentProcedure, customerProcedure, router, ticketProcedure } from "../init";

/** Possible duplicates found at intake (the lifecycle's openTicket) and the portal's warning. */
export const duplicateRouter = router({
  /** ro on the ticket: the zoom's and list's "possible duplicate of #N". */
  suggestions: ticketProcedure("view", ticketRef, agentProcedure).query(({ ctx }) => duplicateSuggestions(ctx.db, ctx.actor, ctx.loaded)),
  /** "Not a duplicate" is a merge decision, so it needs what merging needs on this ticket (rw). */
  dismiss: ticketProcedure("merge", dismissDuplicateInput, agentProcedure).mutation(({ ctx, input }) => dismissDuplicate(ctx.db, ctx.actor, input)),
  /** A customer's own open requests that resemble the one being written. */
  similarOpen: customerProcedure.input(similarOpenInput).query(({ ctx, input }) => similarOpenRequests(ctx.db, ctx.actor, input)),
});
