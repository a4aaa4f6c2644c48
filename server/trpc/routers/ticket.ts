import { agentProcedure, router, signedInProcedure, ticketProcedure } from "../init";
import { ticketBulk } from "./workspace";
import {
  changeBase,
  createTicketInput,
  listTicketsInput,
  lockInput,
  moveInput,
  setClassificationInput,
  setOwnerInput,
  setPriorityInput,
  setStateInput,
  ticketRef,
} from "@/server/schemas/tickets";
import { linkInput, mergeInput, setResponsibleInput, splitInput, unlinkInput } from "@/server/schemas/zoom";
import { closeTicket, lockTicket, moveTicket, setOwner, setPriority, setResponsible, setState, unlockTicket } from "@/server/services/tickets/change";
import { linkTickets, ticketRelations, unlinkTickets } from "@/server/services/tickets/links";
import { mergeTicket } from "@/server/services/tickets/merge";
import { splitArticle } from "@/server/services/tickets/split";
import { setClassification } from "@/server/services/tickets/classification";
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
  setClassification: agentTicket("classify").input(setClassificationInput).mutation(({ ctx, input }) => setClassification(ctx.db, ctx.actor, input)),
  setResponsible: agentTicket("responsible").input(setResponsibleInput).mutation(({ ctx, input }) => setResponsible(ctx.db, ctx.actor, input)),
  /** rw on both tickets; the target is re-checked inside the service's transaction. */
  merge: agentTicket("merge").input(mergeInput).mutation(({ ctx, input }) => mergeTicket(ctx.db, ctx.actor, input)),
  /** The article names its ticket, so the service checks rw there and create on the new ticket's queue. */
  split: agentProcedure.input(splitInput).mutation(({ ctx, input }) => splitArticle(ctx.db, ctx.actor, input)),
  link: agentTicket("link").input(linkInput).mutation(({ ctx, input }) => linkTickets(ctx.db, ctx.actor, input)),
  unlink: agentTicket("link").input(unlinkInput).mutation(({ ctx, input }) => unlinkTickets(ctx.db, ctx.actor, input)),
  /** Links, merge pointers, accounted time and the responsible agent, for the zoom. */
  links: agentTicket("view").input(ticketRef).query(({ ctx, input }) => ticketRelations(ctx.db, ctx.actor, input.ticketId)),
  bulk: ticketBulk,
});
