import { agentProcedure, router, ticketProcedure } from "../init";
import { templateListInput, templateRenderInput, templateRenderNewInput } from "@/server/schemas/zoom";
import { listTemplates, renderNewTicketTemplate, renderTemplate } from "@/server/services/templates";

export const templateRouter = router({
  list: agentProcedure.input(templateListInput).query(({ ctx, input }) => listTemplates(ctx.db, input.kind)),
  /** Needs sight of the ticket whose values fill the placeholders. */
  render: ticketProcedure("view", templateRenderInput, agentProcedure).query(({ ctx, input }) => renderTemplate(ctx.db, ctx.actor, input, ctx.loaded)),
  /** A "new ticket" template for the agent's new-ticket form (no ticket yet). */
  renderNew: agentProcedure.input(templateRenderNewInput).query(({ ctx, input }) => renderNewTicketTemplate(ctx.db, ctx.actor, input)),
});
