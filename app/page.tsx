import { redirect } from "next/navigation";
import { homeFor, requireActor } from "@/server/auth/session";

/** The start page has nothing of its own: everyone goes to their area (or to sign in). */
export default async function Home() {
  const actor = await requireActor();
  redirect(homeFor(actor.role));
}
