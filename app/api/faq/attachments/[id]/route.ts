import { db } from "@/db";
import { currentActor } from "@/server/auth/session";
import { downloadResponse, errorResponse } from "@/server/files/download";
import { faqAttachmentFor } from "@/server/services/faq/files";

/** An FAQ article's file: readers of the article (visitors too, on the public FAQ) and editors. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  try {
    return downloadResponse(await faqAttachmentFor(db, actor, (await params).id));
  } catch (error) {
    return errorResponse(db, actor, error);
  }
}
