import { accountsInput, byId, outboxListInput, quarantineListInput } from "@/server/schemas/admin-mail";
import * as mail from "@/server/services/admin/mail";
import { adminProcedure as admin, router } from "../init";

/** The admin console's mail pages: outbox, quarantine, mailbox status. Admins only. */
export const adminMailRouter = router({
  outboxList: admin.input(outboxListInput).query(({ ctx, input }) => mail.listOutbox(ctx.db, input)),
  outboxGet: admin.input(byId).query(({ ctx, input }) => mail.getOutbox(ctx.db, input.id)),
  quarantineList: admin.input(quarantineListInput).query(({ ctx, input }) => mail.listQuarantine(ctx.db, input)),
  quarantineRerun: admin.input(byId).mutation(({ ctx, input }) => mail.rerunQuarantine(ctx.db, input.id, ctx.actor.id)),
  quarantineDiscard: admin.input(byId).mutation(({ ctx, input }) => mail.discardQuarantine(ctx.db, input.id, ctx.actor.id)),
  accounts: admin.input(accountsInput).query(({ ctx, input }) => mail.listAccounts(ctx.db, input)),
  pollNow: admin.input(byId).mutation(({ ctx, input }) => mail.pollNow(ctx.db, input.id)),
});
