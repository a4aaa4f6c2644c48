import { agentProcedure, router, ticketProcedure } from "../init";
import { forwardInput, noteInput, replyInput } from "@/server/schemas/tickets";
import { recipientsInput } from "@/server/schemas/zoom";
import { addNote, forward, reply } from "@/server/services/articles/add";
import { replyRecipients } from "@/server/services/articles/recipients";

export const articleRouter = router({
  /** Agents answer the customer; customers follow up on their own ticket. */
  reply: ticketProcedure("reply", replyInput).mutation(({ ctx, input }) => reply(ctx.db, ctx.actor, input, ctx.loaded)),
  /** Mails the ticket's conversation to any address; kept as an internal article. */
  forward: ticketProcedure("forward", forwardInput, agentProcedure).mutation(({ ctx, input }) => forward(ctx.db, ctx.actor, input, ctx.loaded)),
  note: ticketProcedure("note", noteInput, agentProcedure).mutation(({ ctx, input }) => addNote(ctx.db, ctx.actor, input, ctx.loaded)),
  /** Default To/Cc for reply and reply all, which the agent may then edit. */
  recipients: ticketProcedure("view", recipientsInput, agentProcedure).query(({ ctx, input }) => replyRecipients(ctx.db, ctx.actor, input.ticketId, ctx.loaded)),
});
