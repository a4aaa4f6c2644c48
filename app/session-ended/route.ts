import { signOut } from "@/server/auth";

// A session whose user was disabled, unapproved or changed lands here: drop it, explain why.
export async function GET() {
  await signOut({ redirectTo: "/sign-in?reason=session_ended" });
}
