import { agentProcedure, router, ticketProcedure } from "../init";
import { presenceHeartbeatInput, presenceTicketInput } from "@/server/schemas/live";
import { heartbeat, leave, listPresence } from "@/server/services/presence";

const onTicket = () => ticketProcedure("view", agentProcedure);

export const presenceRouter = router({
  /** "I have this ticket open" / "I am writing on it"; sent every ~15 s by the zoom. */
  heartbeat: onTicket().input(presenceHeartbeatInput).mutation(({ ctx, input }) => heartbeat(ctx.db, ctx.actor, input)),
  leave: onTicket().input(presenceTicketInput).mutation(({ ctx, input }) => leave(ctx.db, ctx.actor, input)),
  /** Other agents on the ticket right now, across every app instance. */
  list: onTicket().input(presenceTicketInput).query(({ ctx, input }) => listPresence(ctx.db, ctx.actor, input)),
});
