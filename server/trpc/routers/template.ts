import { agentProcedure, router, ticketProcedure } from "../init";
import { templateListInput, templateRenderInput } from "@/server/schemas/zoom";
import { listTemplates, renderTemplate } from "@/server/services/templates";

export const templateRouter = router({
  list: agentProcedure.input(templateListInput).query(({ ctx, input }) => listTemplates(ctx.db, input.kind)),
  /** Needs sight of the ticket whose values fill the placeholders. */
  render: ticketProcedure("view", templateRenderInput, agentProcedure).query(({ ctx, input }) => renderTemplate(ctx.db, ctx.actor, input, ctx.loaded)),
});
