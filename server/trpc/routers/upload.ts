import { router, signedInProcedure } from "../init";
import { discardUploadInput } from "@/server/schemas/uploads";
import { discardUpload, uploadRules } from "@/server/services/uploads";

/** Files travel by POST /api/uploads (multipart, one per request); these are the rules and the undo. */
export const uploadRouter = router({
  limits: signedInProcedure.query(({ ctx }) => uploadRules(ctx.db)),
  discard: signedInProcedure.input(discardUploadInput).mutation(({ ctx, input }) => discardUpload(ctx.db, ctx.actor, input.uploadId)),
});
