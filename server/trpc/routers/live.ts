import { tracked } from "@trpc/server";
import { randomUUID } from "node:crypto";
import { liveEventsFor } from "@/server/live/events";
import { liveEventsInput } from "@/server/schemas/live";
import { router, signedInProcedure } from "../init";

// Event ids only tell a reconnecting client that it had a gap; they are not replayable.
const boot = randomUUID().slice(0, 8);
let sequence = 0;

export const liveRouter = router({
  /** Ids of tickets the caller may see that changed; the client refetches what it shows. */
  events: signedInProcedure.input(liveEventsInput).subscription(async function* ({ ctx, input, signal }) {
    // After a reconnect nothing from the gap can be replayed (NOTIFY keeps no history): refetch all.
    if (input?.lastEventId) yield tracked(`${boot}-${++sequence}`, { kind: "resync" as const });
    for await (const event of liveEventsFor(ctx.db, ctx.actor, signal)) yield tracked(`${boot}-${++sequence}`, event);
  }),
});
