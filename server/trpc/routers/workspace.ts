import { bulkInput, createSavedSearchInput, savedSearchRef, updateSavedSearchInput } from "@/server/schemas/workspace";
import { dashboardSummary } from "@/server/services/dashboard";
import { queueTree } from "@/server/services/queues/tree";
import { createSavedSearch, deleteSavedSearch, listSavedSearches, updateSavedSearch } from "@/server/services/saved-searches";
import { bulkAction } from "@/server/services/tickets/bulk";
import { agentProcedure, router } from "../init";

/** The agent's start page. */
export const dashboardRouter = router({
  summary: agentProcedure.query(({ ctx }) => dashboardSummary(ctx.db, ctx.actor)),
});

/** Queues as the agent sees them (ro), with maintained counts. */
export const queueRouter = router({
  tree: agentProcedure.query(({ ctx }) => queueTree(ctx.db, ctx.actor)),
});

/** Personal searches, and shared ones every agent sees but only their creator (or an admin) changes. */
export const savedSearchRouter = router({
  list: agentProcedure.query(({ ctx }) => listSavedSearches(ctx.db, ctx.actor)),
  create: agentProcedure.input(createSavedSearchInput).mutation(({ ctx, input }) => createSavedSearch(ctx.db, ctx.actor, input)),
  update: agentProcedure.input(updateSavedSearchInput).mutation(({ ctx, input }) => updateSavedSearch(ctx.db, ctx.actor, input)),
  delete: agentProcedure.input(savedSearchRef).mutation(({ ctx, input }) => deleteSavedSearch(ctx.db, ctx.actor, input.id)),
});

/** Bulk ticket actions: permission is checked per ticket by the single-ticket services; refusals are results. */
export const ticketBulk = agentProcedure.input(bulkInput).mutation(({ ctx, input }) => bulkAction(ctx.db, ctx.actor, input));
