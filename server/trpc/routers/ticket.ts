import { agentProcedure, router, signedInProcedure, ticketProcedure } from "../init";
import {
  changeBase,
  createTicketInput,
  listTicketsInput,
  lockInput,
  moveInput,
  setOwnerInput,
  setPriorityInput,
  setStateInput,
  ticketRef,
} from "@/server/schemas/tickets";
import { closeTicket, lockTicket, moveTicket, setOwner, setPriority, setState, unlockTicket } from "@/server/services/tickets/change";
import { createTicket } from "@/server/services/tickets/create";
import { readHistory } from "@/server/services/tickets/history";
import { getTicket, listTickets } from "@/server/services/tickets/read";

const agentTicket = (action: Parameters<typeof ticketProcedure>[0]) => ticketProcedure(action, agentProcedure);

export const ticketRouter = router({
  create: signedInProcedure.input(createTicketInput).mutation(({ ctx, input }) => createTicket(ctx.db, ctx.actor, input)),
  list: signedInProcedure.input(listTicketsInput).query(({ ctx, input }) => listTickets(ctx.db, ctx.actor, input)),
  get: ticketProcedure("view").input(ticketRef).query(({ ctx, input }) => getTicket(ctx.db, ctx.actor, input.ticketId)),
  history: agentTicket("view").input(ticketRef).query(({ ctx, input }) => readHistory(ctx.db, input.ticketId)),
  setState: agentTicket("state").input(setStateInput).mutation(({ ctx, input }) => setState(ctx.db, ctx.actor, input)),
  setPriority: agentTicket("priority").input(setPriorityInput).mutation(({ ctx, input }) => setPriority(ctx.db, ctx.actor, input)),
  move: agentTicket("move").input(moveInput).mutation(({ ctx, input }) => moveTicket(ctx.db, ctx.actor, input)),
  setOwner: agentTicket("owner").input(setOwnerInput).mutation(({ ctx, input }) => setOwner(ctx.db, ctx.actor, input)),
  lock: agentTicket("lock").input(lockInput).mutation(({ ctx, input }) => lockTicket(ctx.db, ctx.actor, input)),
  unlock: agentTicket("unlock").input(lockInput).mutation(({ ctx, input }) => unlockTicket(ctx.db, ctx.actor, input)),
  close: ticketProcedure("close").input(changeBase.partial({ version: true })).mutation(({ ctx, input }) => closeTicket(ctx.db, ctx.actor, input)),
});
