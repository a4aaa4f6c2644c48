import { agentProcedure, router, ticketProcedure } from "../init";
import { noteInput, replyInput } from "@/server/schemas/tickets";
import { addNote, reply } from "@/server/services/articles/add";

export const articleRouter = router({
  /** Agents answer the customer; customers follow up on their own ticket. */
  reply: ticketProcedure("reply").input(replyInput).mutation(({ ctx, input }) => reply(ctx.db, ctx.actor, input)),
  note: ticketProcedure("note", agentProcedure).input(noteInput).mutation(({ ctx, input }) => addNote(ctx.db, ctx.actor, input)),
});
