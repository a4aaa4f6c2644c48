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

const agentTicket = <S extends Parameters<typeof ticketProcedure>[1]>(action: Parameters<typeof ticketProcedure>[0], input: S) => ticketProcedure(action, input, agentProcedure);

export const ticketRouter = router({
  /** Customers' new tickets count against their address's hourly limit, in the creating transaction. */
  create: signedInProcedure.input(createTicketInput).mutation(({ ctx, input }) => createTicket(ctx.db, ctx.actor, input, { clientAddress: ctx.clientAddress })),
  list: signedInProcedure.input(listTicketsInput).query(({ ctx, input }) => listTickets(ctx.db, ctx.actor, input)),
  get: ticketProcedure("view", ticketRef).query(({ ctx, input }) => getTicket(ctx.db, ctx.actor, input.ticketId, ctx.loaded)),
  history: agentTicket("view", ticketRef).query(({ ctx, input }) => readHistory(ctx.db, input.ticketId)),
  setState: agentTicket("state", setStateInput).mutation(({ ctx, input }) => setState(ctx.db, ctx.actor, input, ctx.loaded)),
  setPriority: agentTicket("priority", setPriorityInput).mutation(({ ctx, input }) => setPriority(ctx.db, ctx.actor, input, ctx.loaded)),
  move: agentTicket("move", moveInput).mutation(({ ctx, input }) => moveTicket(ctx.db, ctx.actor, input, ctx.loaded)),
  setOwner: agentTicket("owner", setOwnerInput).mutation(({ ctx, input }) => setOwner(ctx.db, ctx.actor, input, ctx.loaded)),
  lock: agentTicket("lock", lockInput).mutation(({ ctx, input }) => lockTicket(ctx.db, ctx.actor, input, ctx.loaded)),
  unlock: agentTicket("unlock", lockInput).mutation(({ ctx, input }) => unlockTicket(ctx.db, ctx.actor, input, ctx.loaded)),
  close: ticketProcedure("close", changeBase.partial({ version: true })).mutation(({ ctx, input }) => closeTicket(ctx.db, ctx.actor, input, ctx.loaded)),
  setResponsible: agentTicket("responsible", setResponsibleInput).mutation(({ ctx, input }) => setResponsible(ctx.db, ctx.actor, input, ctx.loaded)),
  setClassification: agentTicket("classify", setClassificationInput).mutation(({ ctx, input }) => setClassification(ctx.db, ctx.actor, input, ctx.loaded)),
  /** rw on both tickets; the target is re-checked inside the service's transaction. */
  merge: agentTicket("merge", mergeInput).mutation(({ ctx, input }) => mergeTicket(ctx.db, ctx.actor, input, ctx.loaded)),
  /** The article names its ticket, so the service checks rw there and create on the new ticket's queue. */
  split: agentProcedure.input(splitInput).mutation(({ ctx, input }) => splitArticle(ctx.db, ctx.actor, input)),
  link: agentTicket("link", linkInput).mutation(({ ctx, input }) => linkTickets(ctx.db, ctx.actor, input)),
  unlink: agentTicket("link", unlinkInput).mutation(({ ctx, input }) => unlinkTickets(ctx.db, ctx.actor, input)),
  /** Links, merge pointers, accounted time and the responsible agent, for the zoom. */
  links: agentTicket("view", ticketRef).query(({ ctx, input }) => ticketRelations(ctx.db, ctx.actor, input.ticketId, ctx.loaded)),
  bulk: ticketBulk,
});
