import * as input from "@/server/schemas/admin-config";
import { createSlaInput, updateSlaInput } from "@/server/schemas/admin-sla";
import * as slas from "@/server/services/admin/config-slas";
import { adminProcedure as admin, router } from "../init";

/** SLAs (deadlines in working minutes, a calendar, the services they apply to). Admins only; audited. */
export const adminSlaRouter = router({
  slaList: admin.input(input.listInput).query(({ ctx, input }) => slas.listSlas(ctx.db, input)),
  slaOptions: admin.query(({ ctx }) => slas.slaOptions(ctx.db)),
  slaCreate: admin.input(createSlaInput).mutation(({ ctx, input }) => slas.createSla(ctx.db, ctx.actor, input)),
  slaUpdate: admin.input(updateSlaInput).mutation(({ ctx, input }) => slas.updateSla(ctx.db, ctx.actor, input)),
  slaSetValid: admin.input(input.setValidInput).mutation(({ ctx, input }) => slas.setSlaValid(ctx.db, ctx.actor, input)),
  slaDelete: admin.input(input.byId).mutation(({ ctx, input }) => slas.deleteSla(ctx.db, ctx.actor, input)),
});
