import { agentProcedure, router, ticketProcedure } from "../init";
import { presenceHeartbeatInput, presenceTicketInput } from "@/server/schemas/live";
import { heartbeat, leave, listPresence } from "@/server/services/presence";

const onTicket = <S extends Parameters<typeof ticketProcedure>[1]>(input: S) => ticketProcedure("view", input, agentProcedure);

export const presenceRouter = router({
  /** "I have this ticket open" / "I am writing on it"; sent every ~15 s by the zoom. */
  heartbeat: onTicket(presenceHeartbeatInput).mutation(({ ctx, input }) => heartbeat(ctx.db, ctx.actor, input)),
  leave: onTicket(presenceTicketInput).mutation(({ ctx, input }) => leave(ctx.db, ctx.actor, input)),
  /** Other agents on the ticket right now, across every app instance. */
  list: onTicket(presenceTicketInput).query(({ ctx, input }) => listPresence(ctx.db, ctx.actor, input)),
});
