import { queueSubscriptionInput, updateProfileInput } from "@/server/schemas/account";
import { getProfile, updateProfile } from "@/server/services/users/profile";
import { listQueueSubscriptions, setQueueSubscription } from "@/server/services/users/queue-subscriptions";
import { agentProcedure, router, signedInProcedure } from "../init";

/**
 * The signed-in user's own account. Signing up, in and out, links and password changes are
 * server actions in app/(auth) and the profile page, because they set the session cookie.
 */
export const accountRouter = router({
  profile: signedInProcedure.query(({ ctx }) => getProfile(ctx.db, ctx.actor)),
  updateProfile: signedInProcedure.input(updateProfileInput).mutation(({ ctx, input }) => updateProfile(ctx.db, ctx.actor, input)),
  /** Agents: the queues they may see and whether they watch each. */
  queueSubscriptions: agentProcedure.query(({ ctx }) => listQueueSubscriptions(ctx.db, ctx.actor)),
  setQueueSubscription: agentProcedure.input(queueSubscriptionInput).mutation(({ ctx, input }) => setQueueSubscription(ctx.db, ctx.actor, input)),
});
