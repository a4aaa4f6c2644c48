import { listNotificationsInput, markReadInput } from "@/server/schemas/notifications";
import { listNotifications, markNotificationsRead } from "@/server/services/notifications";
import { agentProcedure, router } from "../init";

/** The signed-in agent's own in-app notifications. */
export const notificationRouter = router({
  list: agentProcedure.input(listNotificationsInput).query(({ ctx, input }) => listNotifications(ctx.db, ctx.actor, input)),
  markRead: agentProcedure.input(markReadInput).mutation(({ ctx, input }) => markNotificationsRead(ctx.db, ctx.actor, input)),
});
