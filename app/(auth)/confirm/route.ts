import type { NextRequest } from "next/server";
import { redirect } from "next/navigation";
import { db } from "@/db";
import { confirmEmail } from "@/server/services/users/register";

/**
 * The link in the confirmation mail. Confirming on GET is safe to repeat: a scanner that opens
 * the link first confirms the same address, and the person's own click then still reads as
 * confirmed. The sign-in page says what happens next (sign in, or wait for approval).
 */
export async function GET(request: NextRequest) {
  const result = await confirmEmail(db, request.nextUrl.searchParams.get("token") ?? "");
  redirect(`/sign-in?reason=${result === "invalid" ? "link_invalid" : result}`);
}
