import { db } from "@/db";
import { auth, signOut } from "@/server/auth";
import { sessionEndReason } from "@/server/services/users/approval";

// A session whose user was disabled, unapproved or changed lands here: drop it, explain why.
export async function GET() {
  const session = await auth();
  const id = Number(session?.user?.id);
  // The reason is about the session's own account, so it tells its holder nothing new.
  const reason = Number.isSafeInteger(id) ? await sessionEndReason(db, id) : "session_ended";
  await signOut({ redirectTo: `/sign-in?reason=${reason}` });
}
